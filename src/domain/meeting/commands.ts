import * as t from 'io-ts';
import {
  boundedArray,
  closed,
  Id,
  IsoDate,
  IsoDateTime,
  Name,
  NonEmptyString,
  PositiveInt,
  ResolutionLabel,
  ShareCount,
} from '../shared/codecs';
import { command } from '../shared/command';
import { PresentationOverride } from '../rules/presentation';
import { Company, ShareClass, ShareClassCode } from '../shared/share-class';
import {
  AdjournmentCause,
  AttendanceMode,
  Director,
  MAX_ENTITLEMENTS_PER_BATCH,
  MeetingKind,
  Proposer,
  ResolutionKind,
  Scrutineer,
} from './events';

const MeetingRef = { meetingId: Id };

/** A holder as the register's command brings it: the event's Entitlement, its name a {@link Name}. */
const EntitlementInput = closed(
  t.readonly(
    t.intersection([
      t.type({ holderId: Id, shareClass: ShareClassCode, shares: ShareCount }),
      t.partial({ name: Name }),
    ]),
  ),
);

export const ScheduleMeeting = command(
  'ScheduleMeeting',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        company: Company,
        kind: MeetingKind,
        title: NonEmptyString,
        shareClasses: boundedArray(ShareClass, 1, 16, 'ShareClasses'),
        startsAt: IsoDateTime,
        place: NonEmptyString,
        ruleSetId: Id,
      }),
      /** How this issuer presents its results, where it differs from its rule set's usual presentation. */
      t.partial({ presentation: PresentationOverride }),
    ]),
  ),
);

export const IssueNotice = command(
  'IssueNotice',
  t.readonly(
    t.intersection([
      t.type({ ...MeetingRef, issuedOn: IsoDate }),
      t.partial({ circular: closed(t.readonly(t.type({ title: NonEmptyString, date: IsoDate }))) }),
    ]),
  ),
);

export const FixRecordDate = command(
  'FixRecordDate',
  t.readonly(t.type({ ...MeetingRef, recordDate: IsoDate })),
);

export const RecordEntitlements = command(
  'RecordEntitlements',
  t.readonly(
    t.type({
      ...MeetingRef,
      /** Batches are numbered 1, 2, 3… so a re-sent or missing batch is noticed. */
      batch: PositiveInt,
      holders: boundedArray(EntitlementInput, 1, MAX_ENTITLEMENTS_PER_BATCH, 'EntitlementBatch'),
    }),
  ),
);

export const ControlTotal = closed(t.readonly(t.type({ shareClass: ShareClassCode, shares: ShareCount })));

export const CloseRegister = command(
  'CloseRegister',
  t.readonly(
    t.intersection([
      t.type(MeetingRef),
      /** The registrar's own totals per class; the register closes only if the recorded holdings add up to them. */
      t.partial({ controlTotals: t.readonlyArray(ControlTotal) }),
    ]),
  ),
);

export const AppointScrutineers = command(
  'AppointScrutineers',
  t.readonly(t.type({ ...MeetingRef, scrutineers: boundedArray(Scrutineer, 1, 20, 'Scrutineers') })),
);

export const RecordDirectorsPresent = command(
  'RecordDirectorsPresent',
  t.readonly(t.type({ ...MeetingRef, directors: boundedArray(Director, 1, 100, 'Directors') })),
);

export const LodgeProxy = command(
  'LodgeProxy',
  t.readonly(
    t.intersection([
      t.type({ ...MeetingRef, proxyId: Id, holderId: Id, proxyName: Name, lodgedAt: IsoDateTime }),
      /** Part of the holding; the whole holding when absent. Nominees appoint proxies for what they were instructed. */
      t.partial({ shares: ShareCount }),
    ]),
  ),
);

export const RevokeProxy = command('RevokeProxy', t.readonly(t.type({ ...MeetingRef, proxyId: Id })));

export const RecordAttendance = command(
  'RecordAttendance',
  t.readonly(
    t.intersection([
      t.type({ ...MeetingRef, holderId: Id, mode: AttendanceMode }),
      t.partial({ representative: Name }),
    ]),
  ),
);

/** Issued by the command handler for each meeting named when a resolution is proposed. */
export const TableResolution = command(
  'TableResolution',
  t.readonly(
    t.intersection([
      t.type({
        ...MeetingRef,
        resolutionId: Id,
        number: PositiveInt,
        title: NonEmptyString,
        kind: ResolutionKind,
      }),
      /** The holders' proposal the resolution puts to the meeting, when it is one; its label, if not its number. */
      t.partial({ proposalId: Id, label: ResolutionLabel }),
    ]),
  ),
);

/** Issued by the command handler for the meeting at which an election by cumulative voting is proposed. */
export const TableElection = command(
  'TableElection',
  t.readonly(t.type({ ...MeetingRef, electionId: Id, number: PositiveInt, title: NonEmptyString })),
);

export const OpenMeeting = command('OpenMeeting', t.readonly(t.type(MeetingRef)));
export const OpenPoll = command('OpenPoll', t.readonly(t.type(MeetingRef)));
export const ClosePoll = command('ClosePoll', t.readonly(t.type(MeetingRef)));
export const CloseMeeting = command('CloseMeeting', t.readonly(t.type(MeetingRef)));
export const CertifyResults = command(
  'CertifyResults',
  t.readonly(t.type({ ...MeetingRef, scrutineer: NonEmptyString })),
);

/** Before the meeting opens: to a later time, for a reason the record keeps. */
export const PostponeMeeting = command(
  'PostponeMeeting',
  t.readonly(t.type({ ...MeetingRef, startsAt: IsoDateTime, reason: NonEmptyString })),
);

/** Adjourns an open meeting, or one without a quorum at its time (or at its resumption), to `resumesAt`. */
export const AdjournMeeting = command(
  'AdjournMeeting',
  t.readonly(
    t.type({ ...MeetingRef, cause: AdjournmentCause, reason: NonEmptyString, resumesAt: IsoDateTime }),
  ),
);

export const IssueResumptionNotice = command(
  'IssueResumptionNotice',
  t.readonly(t.type({ ...MeetingRef, issuedOn: IsoDate })),
);

export const ResumeMeeting = command('ResumeMeeting', t.readonly(t.type(MeetingRef)));

/** A holders' provisional proposal as received: the proposers with the shares the register shows them holding. */
export const SubmitShareholderProposal = command(
  'SubmitShareholderProposal',
  t.readonly(
    t.type({
      ...MeetingRef,
      proposalId: Id,
      submittedOn: IsoDate,
      title: NonEmptyString,
      kind: ResolutionKind,
      proposers: boundedArray(Proposer, 1, 200, 'Proposers'),
    }),
  ),
);

export const IssueSupplementaryNotice = command(
  'IssueSupplementaryNotice',
  t.readonly(t.type({ ...MeetingRef, proposalId: Id, issuedOn: IsoDate })),
);

export const MeetingCommand = t.union([
  ScheduleMeeting,
  IssueNotice,
  FixRecordDate,
  RecordEntitlements,
  CloseRegister,
  AppointScrutineers,
  RecordDirectorsPresent,
  LodgeProxy,
  RevokeProxy,
  RecordAttendance,
  TableResolution,
  TableElection,
  OpenMeeting,
  OpenPoll,
  ClosePoll,
  CloseMeeting,
  CertifyResults,
  PostponeMeeting,
  AdjournMeeting,
  IssueResumptionNotice,
  ResumeMeeting,
  SubmitShareholderProposal,
  IssueSupplementaryNotice,
]);
export type MeetingCommand = t.TypeOf<typeof MeetingCommand>;
export type MeetingCommandOf<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>;

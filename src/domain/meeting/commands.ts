import * as t from 'io-ts';
import {
  boundedArray,
  closed,
  Id,
  IsoDate,
  IsoDateTime,
  NonEmptyString,
  PositiveInt,
  ShareCount,
} from '../shared/codecs';
import { command } from '../shared/command';
import { Company, ShareClass, ShareClassCode } from '../shared/share-class';
import {
  AttendanceMode,
  Director,
  Entitlement,
  MAX_ENTITLEMENTS_PER_BATCH,
  MeetingKind,
  ResolutionKind,
  Scrutineer,
} from './events';

const MeetingRef = { meetingId: Id };

export const ScheduleMeeting = command(
  'ScheduleMeeting',
  t.readonly(
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
      holders: boundedArray(Entitlement, 1, MAX_ENTITLEMENTS_PER_BATCH, 'EntitlementBatch'),
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
      t.type({ ...MeetingRef, proxyId: Id, holderId: Id, proxyName: NonEmptyString, lodgedAt: IsoDateTime }),
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
      t.partial({ representative: NonEmptyString }),
    ]),
  ),
);

/** Issued by the command handler for each meeting named when a resolution is proposed. */
export const TableResolution = command(
  'TableResolution',
  t.readonly(
    t.type({
      ...MeetingRef,
      resolutionId: Id,
      number: PositiveInt,
      title: NonEmptyString,
      kind: ResolutionKind,
    }),
  ),
);

export const OpenMeeting = command('OpenMeeting', t.readonly(t.type(MeetingRef)));
export const OpenPoll = command('OpenPoll', t.readonly(t.type(MeetingRef)));
export const ClosePoll = command('ClosePoll', t.readonly(t.type(MeetingRef)));
export const CloseMeeting = command('CloseMeeting', t.readonly(t.type(MeetingRef)));
export const CertifyResults = command(
  'CertifyResults',
  t.readonly(t.type({ ...MeetingRef, scrutineer: NonEmptyString })),
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
  OpenMeeting,
  OpenPoll,
  ClosePoll,
  CloseMeeting,
  CertifyResults,
]);
export type MeetingCommand = t.TypeOf<typeof MeetingCommand>;
export type MeetingCommandOf<T extends MeetingCommand['type']> = Extract<MeetingCommand, { type: T }>;

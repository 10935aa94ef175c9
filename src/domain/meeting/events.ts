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
import { event } from '../shared/command';
import { Company, ShareClass, ShareClassCode } from '../shared/share-class';
import { RuleSet } from '../rules/rule-set';
import { QuorumRecord } from '../rules/quorum';

export const MeetingKind = t.keyof({ AGM: null, EGM: null, CLASS: null });
export type MeetingKind = t.TypeOf<typeof MeetingKind>;

export const AttendanceMode = t.keyof({ IN_PERSON: null, PROXY: null, CORPORATE_REPRESENTATIVE: null });
export type AttendanceMode = t.TypeOf<typeof AttendanceMode>;

export const ResolutionKind = t.keyof({ ORDINARY: null, SPECIAL: null });
export type ResolutionKind = t.TypeOf<typeof ResolutionKind>;

export const Entitlement = closed(
  t.readonly(
    t.intersection([
      t.type({ holderId: Id, shareClass: ShareClassCode, shares: ShareCount }),
      t.partial({ name: NonEmptyString }),
    ]),
  ),
);
export type Entitlement = t.OutputOf<typeof Entitlement>;

/** Largest register batch in one event: a register of 500,000 holders is 50+ events, never one huge one. */
export const MAX_ENTITLEMENTS_PER_BATCH = 5000;

export const Scrutineer = closed(t.readonly(t.type({ name: NonEmptyString, capacity: NonEmptyString })));
export const Director = closed(
  t.readonly(
    t.intersection([
      t.type({ name: NonEmptyString, designation: NonEmptyString, present: t.boolean }),
      t.partial({ means: t.keyof({ IN_PERSON: null, ELECTRONIC: null }) }),
    ]),
  ),
);
export type Director = t.OutputOf<typeof Director>;

export const MeetingScheduled = event(
  'MeetingScheduled',
  t.readonly(
    t.type({
      meetingId: Id,
      company: Company,
      kind: MeetingKind,
      title: NonEmptyString,
      shareClasses: boundedArray(ShareClass, 1, 16, 'ShareClasses'),
      startsAt: IsoDateTime,
      place: NonEmptyString,
      /**
       * The rules in force, copied whole: replaying the record decides as it decided then. Version 2
       * of this event carries the rule set with its record date window, over-vote policy and the rest.
       */
      ruleSet: RuleSet,
    }),
  ),
);

export const NoticeIssued = event(
  'NoticeIssued',
  t.readonly(
    t.intersection([
      t.type({ meetingId: Id, issuedOn: IsoDate, clearDays: ShareCount }),
      t.partial({ circular: t.readonly(t.type({ title: NonEmptyString, date: IsoDate })) }),
    ]),
  ),
);

export const RecordDateFixed = event(
  'RecordDateFixed',
  t.readonly(t.type({ meetingId: Id, recordDate: IsoDate })),
);

export const EntitlementsRecorded = event(
  'EntitlementsRecorded',
  t.readonly(
    t.type({
      meetingId: Id,
      batch: PositiveInt,
      holders: boundedArray(Entitlement, 1, MAX_ENTITLEMENTS_PER_BATCH, 'EntitlementBatch'),
    }),
  ),
);

export const ClassTotal = t.readonly(
  t.type({ shareClass: ShareClassCode, holders: ShareCount, shares: ShareCount, votes: ShareCount }),
);
export type ClassTotal = t.OutputOf<typeof ClassTotal>;

export const RegisterClosed = event(
  'RegisterClosed',
  t.readonly(t.type({ meetingId: Id, batches: ShareCount, totals: t.readonlyArray(ClassTotal) })),
);

export const ScrutineersAppointed = event(
  'ScrutineersAppointed',
  t.readonly(t.type({ meetingId: Id, scrutineers: boundedArray(Scrutineer, 1, 20, 'Scrutineers') })),
);

export const DirectorsPresentRecorded = event(
  'DirectorsPresentRecorded',
  t.readonly(t.type({ meetingId: Id, directors: boundedArray(Director, 1, 100, 'Directors') })),
);

export const ProxyLodged = event(
  'ProxyLodged',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        proxyId: Id,
        holderId: Id,
        proxyName: NonEmptyString,
        shares: ShareCount,
        lodgedAt: IsoDateTime,
      }),
      t.partial({ supersedes: Id }),
    ]),
  ),
);

export const ProxyRevocationReason = t.keyof({ REVOKED_BY_HOLDER: null, ATTENDED_IN_PERSON: null });
export const ProxyRevoked = event(
  'ProxyRevoked',
  t.readonly(t.type({ meetingId: Id, proxyId: Id, holderId: Id, reason: ProxyRevocationReason })),
);

export const AttendanceRecorded = event(
  'AttendanceRecorded',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        holderId: Id,
        shareClass: ShareClassCode,
        mode: AttendanceMode,
        /** Shares represented: the whole holding in person, the shares the proxy holds for by proxy. */
        shares: ShareCount,
        votes: ShareCount,
      }),
      t.partial({ proxyId: Id, representative: NonEmptyString }),
    ]),
  ),
);

/** With `proposalId` when the resolution puts a holders' proposal to the meeting (optional: version 1 still). */
export const ResolutionTabled = event(
  'ResolutionTabled',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        resolutionId: Id,
        number: PositiveInt,
        title: NonEmptyString,
        kind: ResolutionKind,
      }),
      t.partial({ proposalId: Id }),
    ]),
  ),
);

/** An election by cumulative voting on the agenda: its number there is taken as a resolution's would be. */
export const ElectionTabled = event(
  'ElectionTabled',
  t.readonly(t.type({ meetingId: Id, electionId: Id, number: PositiveInt, title: NonEmptyString })),
);

/** Version 2: the quorum in the unit of the rule set's kind (holders, shares or votes), with what was entitled. */
export const MeetingOpened = event(
  'MeetingOpened',
  t.readonly(t.type({ meetingId: Id, openedAt: IsoDateTime, quorum: QuorumRecord })),
);

export const PollOpened = event('PollOpened', t.readonly(t.type({ meetingId: Id, at: IsoDateTime })));
export const PollClosed = event('PollClosed', t.readonly(t.type({ meetingId: Id, at: IsoDateTime })));
export const MeetingClosed = event('MeetingClosed', t.readonly(t.type({ meetingId: Id, at: IsoDateTime })));
const Sha256Hex = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Sha256Hex');

/** What a seal covers of one stream: its events from revision 0 to lastRevision. */
export const SealedStream = t.readonly(t.type({ streamName: NonEmptyString, lastRevision: ShareCount }));

/**
 * The record as it stood when the results were certified: a SHA-256 over every event of the
 * meeting's streams (root), and over the per-event fingerprints kept in the seal stream
 * (fingerprintsDigest), which let a verifier say which event changed. Publishing the root with the
 * results lets anyone holding it detect a record rewritten whole.
 */
export const RecordSeal = t.readonly(
  t.type({
    algorithm: t.literal('sha256-canonical-json-v1'),
    root: Sha256Hex,
    fingerprintsDigest: Sha256Hex,
    sealStream: NonEmptyString,
    events: ShareCount,
    streams: t.readonlyArray(SealedStream),
  }),
);
export type RecordSeal = t.OutputOf<typeof RecordSeal>;

/** Version 2: with the seal (null for results certified by version 1, which recorded none). */
export const ResultsCertified = event(
  'ResultsCertified',
  t.readonly(
    t.type({
      meetingId: Id,
      at: IsoDateTime,
      scrutineer: NonEmptyString,
      seal: t.union([RecordSeal, t.null]),
    }),
  ),
);

/** Per-event fingerprints (16 hex digits each, in revision order) of one stream, from fromRevision on. */
export const RecordSealed = event(
  'RecordSealed',
  t.readonly(
    t.type({
      meetingId: Id,
      chunk: PositiveInt,
      streamName: NonEmptyString,
      fromRevision: ShareCount,
      fingerprints: t.refinement(t.string, (s) => /^([0-9a-f]{16})+$/.test(s), 'Fingerprints'),
    }),
  ),
);

/**
 * Postponed before it opened: held at `startsAt` instead of `from`. The notice given stands if it
 * still meets the rule set's notice period for the new date; otherwise a new one must be given before
 * the meeting opens. The record date and the register stand, and proxies lodged stay valid; more may
 * be lodged until `proxyDeadline`, the rule set's deadline before the new time.
 */
export const MeetingPostponed = event(
  'MeetingPostponed',
  t.readonly(
    t.type({
      meetingId: Id,
      from: IsoDateTime,
      startsAt: IsoDateTime,
      reason: NonEmptyString,
      noticeStands: t.boolean,
      proxyDeadline: IsoDateTime,
    }),
  ),
);

/** Why a meeting stood adjourned: no quorum at its time, a resolution of the meeting, or the chair's own power. */
export const AdjournmentCause = t.keyof({ QUORUM_NOT_PRESENT: null, BY_RESOLUTION: null, BY_CHAIR: null });
export type AdjournmentCause = t.TypeOf<typeof AdjournmentCause>;

/**
 * Adjourned to `resumesAt`. Proxies lodged stay valid for the resumed meeting, and more may be lodged
 * until `proxyDeadline`; attendance and votes recorded stand. `noticeRequired` is what the rule set
 * said: the meeting resumes only after a notice of the resumption (ResumptionNoticeIssued).
 */
export const MeetingAdjourned = event(
  'MeetingAdjourned',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        at: IsoDateTime,
        cause: AdjournmentCause,
        reason: NonEmptyString,
        resumesAt: IsoDateTime,
        noticeRequired: t.boolean,
        proxyDeadline: IsoDateTime,
      }),
      /** For want of a quorum: the quorum as it was found (optional, so version 1 still). */
      t.partial({ quorum: QuorumRecord }),
    ]),
  ),
);

/** Notice of the resumed meeting, counted to the resumption date by the rule set's adjournment notice. */
export const ResumptionNoticeIssued = event(
  'ResumptionNoticeIssued',
  t.readonly(t.type({ meetingId: Id, issuedOn: IsoDate, resumesAt: IsoDateTime, clearDays: ShareCount })),
);

/** The adjourned meeting resumed, its quorum checked again by the rule set. */
export const MeetingResumed = event(
  'MeetingResumed',
  t.readonly(t.type({ meetingId: Id, resumedAt: IsoDateTime, quorum: QuorumRecord })),
);

/** A proposer and the shares the register showed it holding when the proposal was submitted. */
export const Proposer = closed(
  t.readonly(t.type({ holderId: Id, shareClass: ShareClassCode, shares: PositiveInt })),
);

/**
 * A holders' provisional proposal, received in writing on `submittedOn`: the proposers held
 * `sharesHeld` of the `sharesIssued` shares of the meeting's classes, at least the rule set's fraction,
 * and submitted it in time. The board's supplementary notice is due by `supplementaryNoticeDueBy`.
 */
export const ShareholderProposalSubmitted = event(
  'ShareholderProposalSubmitted',
  t.readonly(
    t.type({
      meetingId: Id,
      proposalId: Id,
      submittedOn: IsoDate,
      title: NonEmptyString,
      kind: ResolutionKind,
      proposers: boundedArray(Proposer, 1, 200, 'Proposers'),
      sharesHeld: ShareCount,
      sharesIssued: ShareCount,
      supplementaryNoticeDueBy: IsoDate,
    }),
  ),
);

/** The supplementary notice of a holders' proposal; `late` when given after the rule set's days from receipt. */
export const SupplementaryNoticeIssued = event(
  'SupplementaryNoticeIssued',
  t.readonly(t.type({ meetingId: Id, proposalId: Id, issuedOn: IsoDate, late: t.boolean })),
);

export const MeetingEvent = t.union([
  MeetingScheduled,
  NoticeIssued,
  RecordDateFixed,
  EntitlementsRecorded,
  RegisterClosed,
  ScrutineersAppointed,
  DirectorsPresentRecorded,
  ProxyLodged,
  ProxyRevoked,
  AttendanceRecorded,
  ResolutionTabled,
  ElectionTabled,
  MeetingOpened,
  PollOpened,
  PollClosed,
  MeetingClosed,
  ResultsCertified,
  RecordSealed,
  MeetingPostponed,
  MeetingAdjourned,
  ResumptionNoticeIssued,
  MeetingResumed,
  ShareholderProposalSubmitted,
  SupplementaryNoticeIssued,
]);
/** Events as built and folded in the domain; the codec checks them where they cross a boundary. */
export type MeetingEvent = t.OutputOf<typeof MeetingEvent>;

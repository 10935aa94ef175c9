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

export const ResolutionTabled = event(
  'ResolutionTabled',
  t.readonly(
    t.type({
      meetingId: Id,
      resolutionId: Id,
      number: PositiveInt,
      title: NonEmptyString,
      kind: ResolutionKind,
    }),
  ),
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
  MeetingOpened,
  PollOpened,
  PollClosed,
  MeetingClosed,
  ResultsCertified,
  RecordSealed,
]);
/** Events as built and folded in the domain; the codec checks them where they cross a boundary. */
export type MeetingEvent = t.OutputOf<typeof MeetingEvent>;

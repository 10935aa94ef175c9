import * as t from 'io-ts';
import {
  boundedArray,
  closed,
  Id,
  IsoDateTime,
  NonEmptyString,
  PositiveInt,
  ShareCount,
} from '../shared/codecs';
import { event } from '../shared/command';
import { QuorumRecord } from '../rules/quorum';

/**
 * The proceedings: the meeting's officers, its opening with a quorum, its poll and close, and the
 * certification of the results with the seal of the record.
 */

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

export const ScrutineersAppointed = event(
  'ScrutineersAppointed',
  t.readonly(t.type({ meetingId: Id, scrutineers: boundedArray(Scrutineer, 1, 20, 'Scrutineers') })),
);

export const DirectorsPresentRecorded = event(
  'DirectorsPresentRecorded',
  t.readonly(t.type({ meetingId: Id, directors: boundedArray(Director, 1, 100, 'Directors') })),
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
  t.intersection([
    t.type({
      /**
       * How the root was made. `sha256-canonical-json-v1`: one SHA-256 over every event's hash in
       * order. `sha256-merkle-v2` (from schema version 3): a Merkle tree over the events and over the
       * votes counted, which gives each holder a receipt proving their vote was counted.
       */
      algorithm: t.keyof({ 'sha256-canonical-json-v1': null, 'sha256-merkle-v2': null }),
      root: Sha256Hex,
      fingerprintsDigest: Sha256Hex,
      sealStream: NonEmptyString,
      events: ShareCount,
      streams: t.readonlyArray(SealedStream),
    }),
    /** With the Merkle algorithm: the roots of its two subtrees, and how many votes were counted. */
    t.partial({ eventsRoot: Sha256Hex, countedRoot: Sha256Hex, countedVotes: ShareCount }),
  ]),
);
export type RecordSeal = t.OutputOf<typeof RecordSeal>;

/**
 * Version 2: with the seal (null for results certified by version 1, which recorded none). Version 3:
 * the seal may be made by the Merkle algorithm; a version 2 seal is always the first algorithm's.
 */
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

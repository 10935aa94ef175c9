import * as t from 'io-ts';

/**
 * A vote receipt as a file: what a holder keeps to check, with nothing but this file and the root
 * published with the results, that each of their votes at a meeting was recorded as cast and
 * counted. It holds the holder's own vote events and, for each, the hashes of the siblings on its
 * paths to the root: hashes of other parts of the record, which reveal nothing of other votes.
 */

const Hex64 = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Sha256Hex');
const Count = t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'ShareCount');
const Text = t.refinement(t.string, (s) => s.length > 0, 'NonEmptyString');

/** One step of an inclusion proof: a sibling's hash and on which side of the path it stands. */
export const ProofStep = t.readonly(
  t.type({ side: t.keyof({ left: null, right: null }), hash: Hex64 }),
  'ProofStep',
);

const Split = t.readonly(t.type({ for: Count, against: Count, abstain: Count }));

/** The event that cast the vote, exactly as the record keeps it: the seal hashed these fields. */
export const ReceiptEvent = t.readonly(
  t.type({
    streamName: Text,
    revision: Count,
    eventId: Text,
    type: t.literal('VoteCast'),
    schemaVersion: t.refinement(t.number, (n) => Number.isSafeInteger(n) && n >= 1, 'SchemaVersion'),
    data: t.UnknownRecord,
    metadata: t.UnknownRecord,
  }),
  'ReceiptEvent',
);

/** One vote on one resolution: as counted, as recorded, and the two proofs. */
export const ReceiptVote = t.readonly(
  t.type({
    resolutionId: Text,
    /** The vote as counted: shares and votes FOR, AGAINST and ABSTAIN. */
    counted: t.readonly(t.type({ shares: Split, votes: Split })),
    /** SHA-256 of the vote event's canonical JSON; its first 16 digits are kept in the seal stream. */
    fingerprint: Hex64,
    event: ReceiptEvent,
    /** From the vote event's leaf to the root: the event is in the sealed record. */
    recordedProof: t.readonlyArray(ProofStep),
    /** From the counted vote's leaf to the root: it is in the tally certified; null when it is not. */
    countedProof: t.union([t.readonlyArray(ProofStep), t.null]),
  }),
  'ReceiptVote',
);

export const VOTE_RECEIPT_FORMAT = 'govrec-vote-receipt' as const;

/** A holder's receipt for their votes at one certified meeting. */
export const VoteReceipt = t.readonly(
  t.type({
    format: t.literal(VOTE_RECEIPT_FORMAT),
    version: t.literal(1),
    /** The seal algorithm the proofs follow. */
    algorithm: t.literal('sha256-merkle-v2'),
    meetingId: Text,
    holderId: Text,
    /** The root the proofs lead to: the one published with the certified results. */
    root: Hex64,
    certifiedAt: Text,
    votes: t.readonlyArray(ReceiptVote),
  }),
  'VoteReceipt',
);
export type VoteReceipt = t.TypeOf<typeof VoteReceipt>;
export type ReceiptVote = t.TypeOf<typeof ReceiptVote>;

import { rootFromProof } from '../merkle';
import { countedLeaf, eventLeaf } from '../merkle-seal';
import { eventHash } from '../record-seal';
import { ReceiptVote, VoteReceipt } from './receipt-codec';

/**
 * Checks a vote receipt against a root, with nothing else: no store, no network. Pure.
 *
 * - `another-root`: the receipt was made against another root than the one given.
 * - `vote-changed`: a vote in the receipt is not the one sealed (its event, figures or fingerprint
 *   differ from what the root commits to).
 * - `not-counted`: the vote was recorded, but is not in the tally certified (rejected, or left out).
 */
export type ReceiptFailureKind = 'another-root' | 'vote-changed' | 'not-counted';

/** What is wrong with a receipt, and on which resolution. */
export interface ReceiptFailure {
  /** What failed: another root, a vote changed, a vote not counted. */
  readonly kind: ReceiptFailureKind;
  /** The resolution whose vote fails; absent when the whole receipt does (another root). */
  readonly resolutionId?: string;
  /** The failure in a sentence, for a person to read. */
  readonly detail: string;
}

/** A receipt checked against a root. */
export interface ReceiptVerdict {
  /** Every vote of the receipt was sealed as shown and counted, under the root given. */
  readonly valid: boolean;
  /** The meeting the receipt is for. */
  readonly meetingId: string;
  /** The holder whose votes it holds. */
  readonly holderId: string;
  /** The root checked against. */
  readonly root: string;
  /** The votes found recorded and counted as shown. */
  readonly verified: readonly string[];
  /** Each failure found, by resolution; empty when valid. */
  readonly failures: readonly ReceiptFailure[];
}

const sameSplit = (a: unknown, b: { for: number; against: number; abstain: number }): boolean => {
  const x = a as Record<string, unknown> | undefined;
  return x?.for === b.for && x.against === b.against && x.abstain === b.abstain;
};

/** Why a vote fails, or undefined when it is sealed as shown and counted. */
function voteFailure(receipt: VoteReceipt, vote: ReceiptVote, root: string): ReceiptFailure | undefined {
  const { resolutionId, event, counted } = vote;
  const changed = (detail: string): ReceiptFailure => ({ kind: 'vote-changed', resolutionId, detail });
  const hash = eventHash(event);
  if (hash !== vote.fingerprint) return changed('The vote event no longer has the fingerprint it was given');
  const d = event.data;
  if (d.meetingId !== receipt.meetingId || d.holderId !== receipt.holderId || d.resolutionId !== resolutionId)
    return changed('The vote event is of another holder, meeting or resolution than the receipt says');
  if (!sameSplit(d.shares, counted.shares) || !sameSplit(d.votes, counted.votes))
    return changed('The figures shown as counted differ from those the vote event counted');
  const leaf = eventLeaf({ streamName: event.streamName, revision: event.revision, hash });
  if (rootFromProof(leaf, vote.recordedProof) !== root)
    return changed('The vote event is not the one sealed under this root');
  const tallied = countedLeaf({
    meetingId: receipt.meetingId,
    resolutionId,
    holderId: receipt.holderId,
    shares: counted.shares,
    votes: counted.votes,
    event: hash,
  });
  if (vote.countedProof === null || rootFromProof(tallied, vote.countedProof) !== root)
    return {
      kind: 'not-counted',
      resolutionId,
      detail: 'The vote is not in the tally certified under this root',
    };
  return undefined;
}

/** Checks every vote of the receipt against `root` (64 hex digits, as published with the results). */
export function verifyReceipt(receipt: VoteReceipt, root: string): ReceiptVerdict {
  const given = root.toLowerCase();
  const base = { meetingId: receipt.meetingId, holderId: receipt.holderId, root: given };
  if (receipt.root !== given) {
    const detail = `The receipt was made against root ${receipt.root}, not ${given}`;
    return { ...base, valid: false, verified: [], failures: [{ kind: 'another-root', detail }] };
  }
  const failures: ReceiptFailure[] = [];
  const verified: string[] = [];
  for (const vote of receipt.votes) {
    const failure = voteFailure(receipt, vote, given);
    if (failure) failures.push(failure);
    else verified.push(vote.resolutionId);
  }
  const none: ReceiptFailure[] =
    receipt.votes.length === 0 ? [{ kind: 'not-counted', detail: 'The receipt holds no vote' }] : [];
  return {
    ...base,
    valid: failures.length === 0 && none.length === 0,
    verified,
    failures: [...failures, ...none],
  };
}

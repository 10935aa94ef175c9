import { canonicalJson } from './canonical-json';
import { leafHash, merkleRoot, nodeHash } from './merkle';

/**
 * The second seal algorithm: a Merkle tree, so that one event or one counted vote can be shown to be
 * under the root published with the results without showing anything else of the record. The root
 * is a node over two subtrees:
 * - the events: one leaf per sealed event, in the order of the first algorithm (stream, then
 *   revision), binding its place to its content hash;
 * - the tally: one leaf per vote counted at the meeting when it was certified (cast and not
 *   rejected since), binding the figures counted to the hash of the event that cast them.
 * The tally's subtree is what lets a holder check that their vote was counted, not only recorded:
 * a vote cast and then rejected is in the first subtree and not in the second.
 */
export const MERKLE_SEAL_ALGORITHM = 'sha256-merkle-v2' as const;

/** A sealed event's place and content hash. */
export interface HashedEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly hash: string;
}

/** FOR / AGAINST / ABSTAIN figures. */
export interface SplitFigures {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** A vote as counted at the meeting, and the hash of the event that cast it. */
export interface CountedVote {
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly holderId: string;
  readonly shares: SplitFigures;
  readonly votes: SplitFigures;
  /** The content hash of the VoteCast event. */
  readonly event: string;
}

export const eventLeaf = (e: HashedEvent): string =>
  leafHash(`event\n${e.streamName}\n${e.revision}\n${e.hash}`);

export const countedLeaf = (v: CountedVote): string => leafHash(`counted\n${canonicalJson(v)}`);

export interface MerkleRoots {
  readonly root: string;
  readonly eventsRoot: string;
  readonly countedRoot: string;
}

export function merkleRoots(hashed: readonly HashedEvent[], counted: readonly CountedVote[]): MerkleRoots {
  const eventsRoot = merkleRoot(hashed.map(eventLeaf));
  const countedRoot = merkleRoot(counted.map(countedLeaf));
  return { root: nodeHash(eventsRoot, countedRoot), eventsRoot, countedRoot };
}

interface VoteFields {
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly holderId: string;
  readonly shares: SplitFigures;
  readonly votes: SplitFigures;
}

const isSplit = (x: unknown): x is SplitFigures =>
  typeof x === 'object' &&
  x !== null &&
  ['for', 'against', 'abstain'].every((k) => Number.isSafeInteger((x as Record<string, unknown>)[k]));

/** The fields every version of VoteCast and VoteRejected carries; undefined for data that lacks them. */
function voteFields(data: unknown): VoteFields | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const ids = [d.meetingId, d.resolutionId, d.holderId];
  if (!ids.every((x) => typeof x === 'string') || !isSplit(d.shares) || !isSplit(d.votes)) return undefined;
  return d as unknown as VoteFields;
}

const split = (s: SplitFigures): SplitFigures => ({ for: s.for, against: s.against, abstain: s.abstain });

/**
 * The votes counted at a meeting, folded from the sealed events of its resolutions' streams as the
 * resolution's state counts them: a VoteCast counts, a later VoteRejected of the same holder takes
 * it out. In the order the votes were cast.
 */
export class TallyFold {
  private readonly counted = new Map<string, CountedVote>();

  constructor(private readonly meetingId: string) {}

  add(e: { readonly type: string; readonly data: unknown }, hash: string): void {
    if (e.type !== 'VoteCast' && e.type !== 'VoteRejected') return;
    const d = voteFields(e.data);
    if (!d || d.meetingId !== this.meetingId) return;
    const key = `${d.resolutionId}\n${d.holderId}`;
    if (e.type === 'VoteRejected') {
      this.counted.delete(key);
      return;
    }
    const { meetingId, resolutionId, holderId } = d;
    this.counted.set(key, {
      meetingId,
      resolutionId,
      holderId,
      shares: split(d.shares),
      votes: split(d.votes),
      event: hash,
    });
  }

  votes(): CountedVote[] {
    return [...this.counted.values()];
  }
}

import { BrokerNonVoteFigures, Split } from './events';
import { HolderRows } from '../shared/holder-rows';

/** The part of a vote that counts, as the resolution's state keeps it. */
export interface CountedVote {
  readonly shares: Split;
  readonly votes: Split;
  readonly brokerNonVotes?: BrokerNonVoteFigures;
}

/**
 * The votes that count on a resolution at a meeting, by holder: whether a holder has voted, and the
 * figures of the vote a scrutineer rejects. A Map satisfies it, and so does a draft over the table.
 */
export interface CountedVotes {
  readonly size: number;
  has(holderId: string): boolean;
  get(holderId: string): CountedVote | undefined;
  set(holderId: string, vote: CountedVote): unknown;
  delete(holderId: string): boolean;
  entries(): IterableIterator<[string, CountedVote]>;
}

/** A row's figures: its shares for, against and abstaining, then (where kept) its votes likewise. */
const SHARES = 3;

/**
 * The counted votes packed, for a meeting of half a million holders voting on twenty resolutions:
 * each holder a row of HolderRows (its id's characters in a typed array, not a string), the
 * figures in a Uint32Array, three a row, instead of an object, two splits and a Map entry a vote.
 * Nothing a vote is an object the garbage collector walks. The votes' columns are kept only once
 * some vote's votes differ from its shares (a weight other than one vote a share); a vote with a
 * figure a Uint32 cannot hold (above 4,294,967,295 shares: few holders) is kept whole, by row, and
 * so are broker non-votes, which few votes have. Every figure comes back exactly as it went in.
 *
 * It iterates as a Map of the same sets and deletes would: rows are only ever appended, a holder
 * set again keeps its row, and one deleted and set again gets a new, last, row. Its fields are
 * private to the class (#): two tables of the same votes compare equal by what they iterate,
 * whatever their rows' layout.
 */
export class VoteTable implements CountedVotes {
  readonly #holders = new HolderRows();
  #figures = new Uint32Array(0);
  /** Figures a row: SHARES, or twice that once the votes' columns are kept (else votes are shares). */
  #width = SHARES;
  /** Votes kept whole, by row: a figure a Uint32 cannot hold. */
  readonly #large = new Map<number, CountedVote>();
  readonly #brokerNonVotes = new Map<number, BrokerNonVoteFigures>();

  /** A table of these votes, in this order. */
  static of(votes: Iterable<readonly [string, CountedVote]>): VoteTable {
    const table = new VoteTable();
    for (const [holderId, vote] of votes) table.set(holderId, vote);
    return table;
  }

  get size(): number {
    return this.#holders.size;
  }

  has(holderId: string): boolean {
    return this.#holders.rowOf(holderId) >= 0;
  }

  get(holderId: string): CountedVote | undefined {
    const row = this.#holders.rowOf(holderId);
    return row < 0 ? undefined : this.voteAt(row);
  }

  set(holderId: string, vote: CountedVote): this {
    const row = this.#holders.add(holderId);
    if ((row + 1) * this.#width > this.#figures.length) this.relayOut(this.#width, row + 1);
    this.#large.delete(row);
    this.#brokerNonVotes.delete(row);
    const { shares, votes } = vote;
    const weighted = !sameSplit(shares, votes);
    if (!fits(shares) || (weighted && !fits(votes))) {
      this.#large.set(row, copyOf(vote));
      return this;
    }
    if (weighted && this.#width === SHARES) this.relayOut(2 * SHARES, this.#figures.length / SHARES);
    const at = row * this.#width;
    const f = this.#figures;
    f[at] = shares.for;
    f[at + 1] = shares.against;
    f[at + 2] = shares.abstain;
    if (this.#width > SHARES) {
      f[at + SHARES] = votes.for;
      f[at + SHARES + 1] = votes.against;
      f[at + SHARES + 2] = votes.abstain;
    }
    if (vote.brokerNonVotes) this.#brokerNonVotes.set(row, copyOfNonVotes(vote.brokerNonVotes));
    return this;
  }

  delete(holderId: string): boolean {
    const row = this.#holders.remove(holderId);
    if (row < 0) return false;
    this.#large.delete(row);
    this.#brokerNonVotes.delete(row);
    return true;
  }

  *entries(): IterableIterator<[string, CountedVote]> {
    for (const [holderId, row] of this.#holders.rows()) yield [holderId, this.voteAt(row)];
  }

  [Symbol.iterator](): IterableIterator<[string, CountedVote]> {
    return this.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [holderId] of this.#holders.rows()) yield holderId;
  }

  *values(): IterableIterator<CountedVote> {
    for (const [, vote] of this.entries()) yield vote;
  }

  forEach(callback: (vote: CountedVote, holderId: string, table: this) => void): void {
    for (const [holderId, vote] of this.entries()) callback(vote, holderId, this);
  }

  private voteAt(row: number): CountedVote {
    const kept = this.#large.get(row);
    if (kept) return copyOf(kept);
    const at = row * this.#width;
    const f = this.#figures;
    const shares: Split = { for: f[at], against: f[at + 1], abstain: f[at + 2] };
    const votes: Split =
      this.#width > SHARES
        ? { for: f[at + SHARES], against: f[at + SHARES + 1], abstain: f[at + SHARES + 2] }
        : shares;
    const brokerNonVotes = this.#brokerNonVotes.get(row);
    return brokerNonVotes
      ? { shares, votes, brokerNonVotes: copyOfNonVotes(brokerNonVotes) }
      : { shares, votes };
  }

  /**
   * The figures `width` a row, room for at least `rows` rows (doubling): a row's shares are copied,
   * and where the votes' columns are new, each row's votes so far are its shares.
   */
  private relayOut(width: number, rows: number): void {
    const from = this.#figures;
    const was = this.#width;
    let room = Math.max(64, from.length / was);
    while (room < rows) room *= 2;
    const figures = new Uint32Array(room * width);
    if (width === was) figures.set(from);
    else
      for (let row = 0; row < from.length / was; row++)
        for (let k = 0; k < SHARES; k++) {
          figures[row * width + k] = from[row * was + k];
          figures[row * width + SHARES + k] = from[row * was + k];
        }
    this.#figures = figures;
    this.#width = width;
  }
}

/** Held exactly by a Uint32Array: an integer from 0 to 2^32 - 1 (and not -0). */
const fitsFigure = (x: number): boolean => Object.is(x >>> 0, x);
const fits = (s: Split): boolean => fitsFigure(s.for) && fitsFigure(s.against) && fitsFigure(s.abstain);

const sameSplit = (a: Split, b: Split): boolean =>
  a === b || (a.for === b.for && a.against === b.against && a.abstain === b.abstain);

const copyOfSplit = (s: Split): Split => ({ for: s.for, against: s.against, abstain: s.abstain });
const copyOfNonVotes = (b: BrokerNonVoteFigures): BrokerNonVoteFigures => ({
  shares: b.shares,
  votes: b.votes,
});

/** A vote's figures, apart from the objects it came in (which the caller may hold and change). */
function copyOf(vote: CountedVote): CountedVote {
  const shares = copyOfSplit(vote.shares);
  const votes = sameSplit(vote.shares, vote.votes) ? shares : copyOfSplit(vote.votes);
  return vote.brokerNonVotes
    ? { shares, votes, brokerNonVotes: copyOfNonVotes(vote.brokerNonVotes) }
    : { shares, votes };
}

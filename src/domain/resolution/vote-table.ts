import { BrokerNonVoteFigures, Split } from './events';

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
const FIRST_CAPACITY = 64;

/**
 * The counted votes packed, for a meeting of half a million holders voting on twenty resolutions:
 * a holder's row number in one Map, and the figures in a Float64Array (every JS number is a float64,
 * so each figure comes back exactly as it went in), instead of an object and two splits a vote.
 * The votes' columns are kept only once some vote's votes differ from its shares (a weight other
 * than one vote a share); broker non-votes, which few votes have, are kept by row apart.
 *
 * It iterates as a Map of the same sets and deletes would: rows are only ever appended, a holder
 * set again keeps its row, and one deleted and set again gets a new, last, row.
 */
export class VoteTable implements CountedVotes {
  private readonly rowOf = new Map<string, number>();
  private figures = new Float64Array(FIRST_CAPACITY * SHARES);
  /** Figures a row: SHARES, or twice that once the votes' columns are kept (else votes are shares). */
  private width = SHARES;
  private readonly brokerNonVotes = new Map<number, BrokerNonVoteFigures>();
  private rows = 0;

  /** A table of these votes, in this order. */
  static of(votes: Iterable<readonly [string, CountedVote]>): VoteTable {
    const table = new VoteTable();
    for (const [holderId, vote] of votes) table.set(holderId, vote);
    return table;
  }

  get size(): number {
    return this.rowOf.size;
  }

  has(holderId: string): boolean {
    return this.rowOf.has(holderId);
  }

  get(holderId: string): CountedVote | undefined {
    const row = this.rowOf.get(holderId);
    return row === undefined ? undefined : this.voteAt(row);
  }

  set(holderId: string, vote: CountedVote): this {
    let row = this.rowOf.get(holderId);
    if (row === undefined) {
      row = this.rows++;
      this.rowOf.set(holderId, row);
      if (this.rows * this.width > this.figures.length) this.relayOut(this.width, 2);
    }
    const { shares, votes } = vote;
    if (this.width === SHARES && !sameSplit(shares, votes)) this.relayOut(2 * SHARES, 1);
    const at = row * this.width;
    const f = this.figures;
    f[at] = shares.for;
    f[at + 1] = shares.against;
    f[at + 2] = shares.abstain;
    if (this.width > SHARES) {
      f[at + SHARES] = votes.for;
      f[at + SHARES + 1] = votes.against;
      f[at + SHARES + 2] = votes.abstain;
    }
    if (vote.brokerNonVotes) this.brokerNonVotes.set(row, vote.brokerNonVotes);
    else this.brokerNonVotes.delete(row);
    return this;
  }

  delete(holderId: string): boolean {
    const row = this.rowOf.get(holderId);
    if (row === undefined) return false;
    // The row stays, unread: rejections are few, and rows in order keep the table's order a Map's.
    this.rowOf.delete(holderId);
    this.brokerNonVotes.delete(row);
    return true;
  }

  *entries(): IterableIterator<[string, CountedVote]> {
    for (const [holderId, row] of this.rowOf) yield [holderId, this.voteAt(row)];
  }

  [Symbol.iterator](): IterableIterator<[string, CountedVote]> {
    return this.entries();
  }

  *keys(): IterableIterator<string> {
    yield* this.rowOf.keys();
  }

  *values(): IterableIterator<CountedVote> {
    for (const row of this.rowOf.values()) yield this.voteAt(row);
  }

  forEach(callback: (vote: CountedVote, holderId: string, table: this) => void): void {
    for (const [holderId, vote] of this.entries()) callback(vote, holderId, this);
  }

  private voteAt(row: number): CountedVote {
    const at = row * this.width;
    const f = this.figures;
    const shares: Split = { for: f[at], against: f[at + 1], abstain: f[at + 2] };
    const votes: Split =
      this.width > SHARES
        ? { for: f[at + SHARES], against: f[at + SHARES + 1], abstain: f[at + SHARES + 2] }
        : shares;
    const brokerNonVotes = this.brokerNonVotes.get(row);
    return brokerNonVotes ? { shares, votes, brokerNonVotes } : { shares, votes };
  }

  /**
   * The figures in an array `times` as long, `width` a row: a row's shares are copied, and where
   * the votes' columns are new, each row's votes so far are its shares.
   */
  private relayOut(width: number, times: number): void {
    const from = this.figures;
    const was = this.width;
    const figures = new Float64Array((from.length / was) * times * width);
    if (width === was) figures.set(from);
    else
      for (let row = 0; row < this.rows; row++)
        for (let k = 0; k < SHARES; k++) {
          figures[row * width + k] = from[row * was + k];
          figures[row * width + SHARES + k] = from[row * was + k];
        }
    this.figures = figures;
    this.width = width;
  }
}

const sameSplit = (a: Split, b: Split): boolean =>
  a === b || (a.for === b.for && a.against === b.against && a.abstain === b.abstain);

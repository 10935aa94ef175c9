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

/** A row's form: all its shares on one side (the row's amount), or split (its amount an entry of the splits). */
const FOR = 0;
const AGAINST = 1;
const ABSTAIN = 2;
const SPLIT = 3;
/** Figures an entry of the splits: its shares for, against and abstaining, then (once kept) its votes likewise. */
const SHARES = 3;

/**
 * The counted votes packed, for a meeting of half a million holders voting on twenty resolutions:
 * each holder a row of HolderRows (its id's characters in a typed array, not a string), instead of
 * an object, two splits and a Map entry a vote. Most holders put all their shares on one side: such
 * a row is its form (for, against or abstain: a byte) and its amount (a Uint32), five bytes. A vote
 * split between sides, or whose votes differ from its shares (a weight other than one vote a
 * share), is an entry of the splits, three figures (six once some vote is weighted) in a
 * Uint32Array, and its row's amount says which. A vote with a figure a Uint32 cannot hold (above
 * 4,294,967,295 shares: few holders) is kept whole, by row, and so are broker non-votes, which few
 * votes have. Every figure comes back exactly as it went in.
 *
 * It iterates as a Map of the same sets and deletes would: rows are only ever appended, a holder
 * set again keeps its row, and one deleted and set again gets a new, last, row. Its fields are
 * private to the class (#): two tables of the same votes compare equal by what they iterate,
 * whatever their rows' layout.
 */
export class VoteTable implements CountedVotes {
  readonly #holders = new HolderRows();
  #forms = new Uint8Array(0);
  #amounts = new Uint32Array(0);
  #splits = new Uint32Array(0);
  #splitsUsed = 0;
  /** Figures an entry of the splits: SHARES, or twice that once some vote's votes are kept apart. */
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
    if (row >= this.#forms.length) this.growRows(row + 1);
    this.#large.delete(row);
    this.#brokerNonVotes.delete(row);
    const { shares, votes } = vote;
    const weighted = !sameSplit(shares, votes);
    if (!fits(shares) || (weighted && !fits(votes))) {
      this.#large.set(row, copyOf(vote));
      return this;
    }
    const side = weighted ? SPLIT : sideOf(shares);
    this.#forms[row] = side;
    if (side === FOR) this.#amounts[row] = shares.for;
    else if (side === AGAINST) this.#amounts[row] = shares.against;
    else if (side === ABSTAIN) this.#amounts[row] = shares.abstain;
    else this.#amounts[row] = this.addSplit(shares, votes, weighted);
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
    const form = this.#forms[row];
    const amount = this.#amounts[row];
    let shares: Split;
    let votes: Split;
    if (form === SPLIT) {
      const at = amount * this.#width;
      const f = this.#splits;
      shares = { for: f[at], against: f[at + 1], abstain: f[at + 2] };
      votes =
        this.#width > SHARES
          ? { for: f[at + SHARES], against: f[at + SHARES + 1], abstain: f[at + SHARES + 2] }
          : shares;
    } else {
      shares = {
        for: form === FOR ? amount : 0,
        against: form === AGAINST ? amount : 0,
        abstain: form === ABSTAIN ? amount : 0,
      };
      votes = shares;
    }
    const brokerNonVotes = this.#brokerNonVotes.get(row);
    return brokerNonVotes
      ? { shares, votes, brokerNonVotes: copyOfNonVotes(brokerNonVotes) }
      : { shares, votes };
  }

  /** Room for `rows` rows at least (doubling). */
  private growRows(rows: number): void {
    let room = Math.max(64, this.#forms.length);
    while (room < rows) room *= 2;
    const forms = new Uint8Array(room);
    forms.set(this.#forms);
    const amounts = new Uint32Array(room);
    amounts.set(this.#amounts);
    this.#forms = forms;
    this.#amounts = amounts;
  }

  /**
   * A new entry of the splits, its index: the splits grow by doubling, and are laid out six figures
   * an entry (each entry so far its votes as its shares) once a vote is weighted. An entry whose row
   * is set again or deleted is left unused (a split vote rejected and cast again: rare).
   */
  private addSplit(shares: Split, votes: Split, weighted: boolean): number {
    const width = weighted ? 2 * SHARES : this.#width;
    const entry = this.#splitsUsed;
    if (width !== this.#width || (entry + 1) * width > this.#splits.length) this.relayOut(width, entry + 1);
    const at = entry * this.#width;
    const f = this.#splits;
    f[at] = shares.for;
    f[at + 1] = shares.against;
    f[at + 2] = shares.abstain;
    if (this.#width > SHARES) {
      f[at + SHARES] = votes.for;
      f[at + SHARES + 1] = votes.against;
      f[at + SHARES + 2] = votes.abstain;
    }
    this.#splitsUsed += 1;
    return entry;
  }

  /**
   * The splits `width` an entry, room for at least `entries` (doubling): an entry's shares are
   * copied, and where the votes' columns are new, each entry's votes so far are its shares.
   */
  private relayOut(width: number, entries: number): void {
    const from = this.#splits;
    const was = this.#width;
    let room = Math.max(64, from.length / was);
    while (room < entries) room *= 2;
    const splits = new Uint32Array(room * width);
    if (width === was) splits.set(from);
    else
      for (let entry = 0; entry < this.#splitsUsed; entry++)
        for (let k = 0; k < SHARES; k++) {
          splits[entry * width + k] = from[entry * was + k];
          splits[entry * width + SHARES + k] = from[entry * was + k];
        }
    this.#splits = splits;
    this.#width = width;
  }
}

/** The side all of a split's shares are on (any, where it has none), or SPLIT. */
function sideOf(s: Split): number {
  if (s.against === 0 && s.abstain === 0) return FOR;
  if (s.for === 0 && s.abstain === 0) return AGAINST;
  if (s.for === 0 && s.against === 0) return ABSTAIN;
  return SPLIT;
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

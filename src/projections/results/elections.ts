import { DomainEvent } from '../../domain/events';
import { ElectionPool, NotElectedReason } from '../../domain/election/events';
import { CumulativeBase, CumulativeVotingRule } from '../../domain/rules/rule-set';
import { percent } from '../../domain/shared/exact';

/**
 * An election by cumulative voting as the results show it, folded from its events alone: each
 * candidate's votes recounted ballot by ballot, the ballots' (non-cumulated) votes that the
 * percentages are stated against, and, once decided, who was elected and why the others were not.
 */
export interface CandidateResult {
  readonly candidateId: string;
  readonly number: string;
  readonly name: string;
  votes: number;
  rank?: number;
  elected?: boolean;
  notElected?: NotElectedReason;
}

export interface ElectionResult {
  readonly electionId: string;
  readonly number: number;
  readonly title: string;
  readonly pool: ElectionPool;
  readonly seats: number;
  readonly rule: CumulativeVotingRule;
  /** In candidate-number order. */
  readonly candidates: CandidateResult[];
  /** Non-cumulated votes of the ballots in the count, valid or not. */
  ballotVotes: number;
  abstained: number;
  valid: number;
  invalid: number;
  /** Set once decided: the base the decision stated, and the seats filled. */
  decided?: { baseVotes: number; filled: number; shortfall: number };
  /** Withdrawn before the poll opened: neither decided nor voted on. */
  withdrawn?: boolean;
}

type ElectionEventOf<T extends string> = Extract<DomainEvent, { type: T }>;

function recount(
  e: ElectionResult,
  d: { votes: number; abstained: number; allocation: readonly { candidateId: string; votes: number }[] },
  valid: boolean,
  sign: 1 | -1,
): void {
  e.ballotVotes += sign * d.votes;
  e.abstained += sign * d.abstained;
  if (valid) {
    e.valid += sign;
    for (const g of d.allocation) {
      const c = e.candidates.find((x) => x.candidateId === g.candidateId);
      if (c) c.votes += sign * g.votes;
    }
  } else e.invalid += sign;
}

function decide(e: ElectionResult, d: ElectionEventOf<'ElectionDecided'>['data']): void {
  for (const r of d.ranking) {
    const c = e.candidates.find((x) => x.candidateId === r.candidateId);
    if (!c) continue;
    c.rank = r.rank;
    c.elected = r.elected;
    if (r.notElected) c.notElected = r.notElected;
  }
  e.decided = { baseVotes: d.base.votes, filled: d.filled, shortfall: d.shortfall };
}

/** Applies an election's event to its meeting's elections (created on demand); other events are left alone. */
export function applyToElections(
  elections: (create: boolean) => Map<string, ElectionResult> | undefined,
  event: DomainEvent,
): void {
  switch (event.type) {
    case 'ElectionProposed': {
      const d = event.data;
      elections(true)?.set(d.electionId, {
        electionId: d.electionId,
        number: d.number,
        title: d.title,
        pool: d.pool,
        seats: d.seats,
        rule: d.rule,
        candidates: d.candidates.map((c) => ({ ...c, votes: 0 })),
        ballotVotes: 0,
        abstained: 0,
        valid: 0,
        invalid: 0,
      });
      return;
    }
    case 'CumulativeBallotCast':
    case 'CumulativeBallotInvalid': {
      const e = elections(false)?.get(event.data.electionId);
      if (e) recount(e, event.data, event.type === 'CumulativeBallotCast', 1);
      return;
    }
    case 'CumulativeBallotRejected': {
      const e = elections(false)?.get(event.data.electionId);
      if (e) recount(e, event.data, !event.data.wasInvalid, -1);
      return;
    }
    case 'ElectionDecided': {
      const e = elections(false)?.get(event.data.electionId);
      if (e) decide(e, event.data);
      return;
    }
    case 'ElectionWithdrawn': {
      const e = elections(false)?.get(event.data.electionId);
      if (e) e.withdrawn = true;
      return;
    }
    default:
      return;
  }
}

/** A candidate as the results state it: votes and their percentage of the base, half-up to 4 decimals. */
export interface CandidateView {
  /** The candidate's number under the election's agenda number, as the notice prints it: `7.01`. */
  no: string;
  /** The candidate's id. */
  candidateId: string;
  /** The candidate's name. */
  name: string;
  /** The cumulated votes given to the candidate. */
  votes: number;
  /** Of the (non-cumulated) votes of those attending that the rule measures against; may exceed 100. */
  pct: string;
  /** null while the election is open. */
  elected: boolean | null;
  /** Why the candidate was not elected: below the majority, tied for the last seat, or no seat left. */
  notElected?: NotElectedReason;
}

/** An election by cumulative voting at a meeting: each candidate's votes and who was elected. */
export interface ElectionView {
  /** Its number on the meeting's agenda. */
  no: number;
  /** The election's id. */
  electionId: string;
  /** The election as the notice words it. */
  title: string;
  /** Whom it elects: non-independent directors, independent directors, or supervisors. */
  pool: ElectionPool;
  /** The seats to fill. */
  seats: number;
  /** The non-cumulated votes the percentages are of; `baseKind` says which votes. */
  base: number;
  /** Which votes the base is: those cast and abstained, or those of every holder present and entitled. */
  baseKind: CumulativeBase;
  /** The candidates, in the notice's order. */
  candidates: CandidateView[];
  /** Cumulated votes given to no candidate (and every vote of an invalid ballot). */
  abstained: number;
  /** Ballots counted, and ballots recorded invalid (all their votes abstained). */
  ballots: { valid: number; invalid: number };
  /** The seats filled; null while the election is open. */
  filled: number | null;
  /** The seats left unfilled; null while the election is open. */
  shortfall: number | null;
  /** Withdrawn from the meeting before its poll: no candidate elected or not. */
  withdrawn?: true;
}

/**
 * `attendingVotes` is the meeting's figure, for a rule measured on every vote present; otherwise the
 * base is the ballots' votes, recounted. Once decided, the decision's own base is stated.
 */
export function electionView(e: ElectionResult, attendingVotes: number): ElectionView {
  const base =
    e.decided?.baseVotes ?? (e.rule.base === 'PRESENT_AND_ENTITLED' ? attendingVotes : e.ballotVotes);
  return {
    no: e.number,
    electionId: e.electionId,
    title: e.title,
    pool: e.pool,
    seats: e.seats,
    base,
    baseKind: e.rule.base,
    candidates: e.candidates.map((c) => ({
      no: c.number,
      candidateId: c.candidateId,
      name: c.name,
      votes: c.votes,
      pct: percent(c.votes, base),
      elected: e.decided ? c.elected === true : null,
      ...(c.notElected ? { notElected: c.notElected } : {}),
    })),
    abstained: e.abstained,
    ballots: { valid: e.valid, invalid: e.invalid },
    filled: e.decided?.filled ?? null,
    shortfall: e.decided?.shortfall ?? null,
    ...(e.withdrawn ? { withdrawn: true as const } : {}),
  };
}

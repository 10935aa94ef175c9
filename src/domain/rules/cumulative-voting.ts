import { CumulativeVotingRule } from './rule-set';
import { reaches } from '../shared/exact';

/**
 * Cumulative voting (PRC practice for electing two or more directors or supervisors): each vote
 * carries as many votes as there are seats, which its holder may give to one candidate or spread.
 */

export type BallotValidity = 'VALID' | 'OVER_ALLOCATION' | 'TOO_MANY_CANDIDATES';

/** Over-allocation is judged first: a ballot that is both is invalid for giving more than it had. */
export function ballotValidity(
  given: readonly { readonly votes: number }[],
  available: number,
  seats: number,
): BallotValidity {
  const total = given.reduce((sum, g) => sum + BigInt(g.votes), 0n);
  if (total > BigInt(available)) return 'OVER_ALLOCATION';
  if (given.filter((g) => g.votes > 0).length > seats) return 'TOO_MANY_CANDIDATES';
  return 'VALID';
}

export type NotElected = 'BELOW_MAJORITY' | 'TIED_FOR_LAST_SEAT' | 'NO_SEAT_LEFT';

export interface Standing {
  readonly candidateId: string;
  readonly number: string;
  readonly votes: number;
}

export interface Ranked extends Standing {
  readonly rank: number;
  readonly elected: boolean;
  readonly notElected?: NotElected;
}

/** Whether a candidate's votes reach the rule's share of the base; no votes never elect, whatever 0/0 says. */
export const reachesMajority = (votes: number, base: number, rule: CumulativeVotingRule): boolean =>
  votes > 0 && base > 0 && reaches(votes, base, rule.threshold, rule.comparator);

/**
 * Ranks the candidates by votes and fills the seats in that order. A candidate below the majority is
 * never elected; candidates level on votes are taken together, and if they are more than the seats
 * left, none of them is (the seats stay empty: a shortfall), nor anyone ranked below them.
 * The majority is monotone in votes, so the candidates who reach it are a prefix of the ranking.
 */
export function rankCandidates(
  standings: readonly Standing[],
  seats: number,
  base: number,
  rule: CumulativeVotingRule,
): Ranked[] {
  const ordered = [...standings].sort((a, b) =>
    a.votes === b.votes ? compareNumbers(a.number, b.number) : b.votes - a.votes,
  );
  const ranked: Ranked[] = [];
  let seatsLeft = seats;
  let blocked = false;
  for (let i = 0; i < ordered.length;) {
    const level = ordered.filter((c) => c.votes === ordered[i].votes);
    const rank = i + 1;
    const eligible = reachesMajority(level[0].votes, base, rule);
    const fits = !blocked && level.length <= seatsLeft;
    const notElected: NotElected | undefined = !eligible
      ? 'BELOW_MAJORITY'
      : fits
        ? undefined
        : !blocked && seatsLeft > 0
          ? 'TIED_FOR_LAST_SEAT'
          : 'NO_SEAT_LEFT';
    for (const c of level)
      ranked.push({ ...c, rank, elected: !notElected, ...(notElected ? { notElected } : {}) });
    if (eligible && fits) seatsLeft -= level.length;
    else if (eligible && seatsLeft > 0) blocked = true;
    i += level.length;
  }
  return ranked;
}

/** "7.02" before "7.10": by each part as a number. */
function compareNumbers(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let k = 0; k < Math.max(pa.length, pb.length); k++) {
    const d = (pa[k] ?? 0) - (pb[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

import { Either, left, right } from 'fp-ts/Either';
import { DomainError, refuse } from '../shared/errors';
import { proRate } from '../shared/exact';
import { OverVotePolicy } from './rule-set';

/** A ballot's shares by category, as instructed or as counted. */
export interface BallotShares {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  readonly brokerNonVote: number;
}

export const ballotTotal = (b: BallotShares): bigint =>
  BigInt(b.for) + BigInt(b.against) + BigInt(b.abstain) + BigInt(b.brokerNonVote);

/** No share cast in any category (counts are never negative). */
export const isEmptyBallot = (b: BallotShares): boolean =>
  b.for === 0 && b.against === 0 && b.abstain === 0 && b.brokerNonVote === 0;

/**
 * ballotTotal(b) > represented, exactly, without a bigint for the ballots registrars send. The
 * counts are non-negative safe integers, so while the float sum is at most MAX_SAFE_INTEGER no
 * partial sum passed 2^53 and every addition was exact; past it the sum is made in bigints, which
 * would otherwise be a large part of what deciding each vote costs (docs/performance.md).
 */
export function exceedsShares(b: BallotShares, represented: number): boolean {
  const total = b.for + b.against + b.abstain + b.brokerNonVote;
  if (total <= Number.MAX_SAFE_INTEGER) return total > represented;
  return ballotTotal(b) > BigInt(represented);
}

export interface CountedBallot {
  readonly counted: BallotShares;
  /** True when the instruction exceeded the shares represented and was scaled down to them. */
  readonly proRated: boolean;
}

/**
 * What counts of an instruction given for `represented` shares. Within them, all of it. Beyond them,
 * the rule set's policy: REJECT refuses the instruction; PRO_RATE scales every category down so
 * that they sum to exactly the shares represented (largest remainder, see proRate), so that no
 * category gains and none is rounded away in favour of another by more than one share.
 */
export function countBallot(
  policy: OverVotePolicy,
  instructed: BallotShares,
  represented: number,
  holderId: string,
): Either<DomainError, CountedBallot> {
  if (!exceedsShares(instructed, represented)) return right({ counted: instructed, proRated: false });
  if (policy === 'REJECT') {
    return left(
      refuse(
        'OverVote',
        'payload.for',
        `${ballotTotal(instructed)} shares voted; ${holderId} is represented for ${represented} (over-votes are rejected)`,
      ),
    );
  }
  const [f, a, x, b] = proRate(
    [instructed.for, instructed.against, instructed.abstain, instructed.brokerNonVote],
    represented,
  );
  return right({ counted: { for: f, against: a, abstain: x, brokerNonVote: b }, proRated: true });
}

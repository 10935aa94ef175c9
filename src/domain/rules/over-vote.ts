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
  const total = ballotTotal(instructed);
  if (total <= BigInt(represented)) return right({ counted: instructed, proRated: false });
  if (policy === 'REJECT') {
    return left(
      refuse(
        'OverVote',
        'payload.for',
        `${total} shares voted; ${holderId} is represented for ${represented} (over-votes are rejected)`,
      ),
    );
  }
  const [f, a, x, b] = proRate(
    [instructed.for, instructed.against, instructed.abstain, instructed.brokerNonVote],
    represented,
  );
  return right({ counted: { for: f, against: a, abstain: x, brokerNonVote: b }, proRated: true });
}

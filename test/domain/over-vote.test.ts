import fc from 'fast-check';
import { isRight } from 'fp-ts/Either';
import {
  ballotTotal,
  BallotShares,
  countBallot,
  exceedsShares,
  isEmptyBallot,
} from '../../src/domain/rules/over-vote';
import { proRate } from '../../src/domain/shared/exact';
import {
  attended,
  holding,
  inPoll,
  MeetingSpec,
  proxyLodged,
  resolutionProposed,
  resolutionTabled,
  ruleSet,
  spec,
} from './factories';
import { cmd, givenResolution } from './spec';

/**
 * The over-vote policy is data in the rule set: REJECT refuses an instruction for more shares than
 * the holder is represented for; PRO_RATE (PRC-CL, ChinaClear's practice) scales it down to them,
 * exactly, and VoteCast keeps what was instructed beside what was counted.
 */

const R = 'R1';
/** HKSCC Nominees holds 5,000 A shares for many beneficial owners; its representative attends. */
const nominee = (ruleSetId: string): MeetingSpec =>
  spec({
    meetingId: `egm-${ruleSetId.toLowerCase()}`,
    ruleSetId,
    holders: [holding('N1', 'A', 5000), holding('A2', 'A', 1000), holding('H1', 'H', 300)],
  });
const inPollWith = (s: MeetingSpec) =>
  inPoll(s, [
    resolutionTabled(s, R, 1, 'ORDINARY'),
    attended(s, 'N1', 'CORPORATE_REPRESENTATIVE'),
    proxyLodged(s, 'P1', 'H1', 120),
    attended(s, 'H1', 'PROXY', { proxyId: 'P1', shares: 120 }),
  ]);
const given = (s: MeetingSpec) =>
  givenResolution(
    [
      resolutionProposed(
        R,
        [{ meetingId: s.meetingId, number: 1, majorityRule: ruleSet(s.ruleSetId).majorities.ORDINARY }],
        [],
        'ORDINARY',
      ),
    ],
    { [s.meetingId]: inPollWith(s) },
  );
const vote = (s: MeetingSpec, holderId: string, f: number, a: number, x: number) =>
  cmd('CastVote', { resolutionId: R, meetingId: s.meetingId, holderId, for: f, against: a, abstain: x });

describe('CastVote under PRC-CL: over-votes pro-rated', () => {
  const PRC_CL = nominee('PRC-CL');

  it('scales 4,000 / 2,000 / 1,000 instructed down to the 5,000 represented, keeping both', () => {
    // 20,000,000 / 7,000 = 2,857 r 1,000; 10,000,000 / 7,000 = 1,428 r 4,000; 5,000,000 / 7,000 = 714
    // r 2,000. The one share short goes to AGAINST, whose remainder is the largest.
    given(PRC_CL)
      .when(vote(PRC_CL, 'N1', 4000, 2000, 1000))
      .thenEvents([
        {
          type: 'VoteCast',
          data: {
            resolutionId: R,
            meetingId: PRC_CL.meetingId,
            holderId: 'N1',
            shareClass: 'A',
            castBy: 'CORPORATE_REPRESENTATIVE',
            instructed: { for: 4000, against: 2000, abstain: 1000 },
            shares: { for: 2857, against: 1429, abstain: 714 },
            votes: { for: 2857, against: 1429, abstain: 714 },
            proRatedTo: 5000,
          },
        },
      ]);
  });

  it("pro-rates to a proxy's shares, not the holding", () => {
    const [cast] = given(PRC_CL)
      .when(vote(PRC_CL, 'H1', 300, 0, 0))
      .events();
    expect(cast).toMatchObject({
      data: { instructed: { for: 300 }, shares: { for: 120, against: 0, abstain: 0 }, proRatedTo: 120 },
    });
  });

  it('counts an instruction within the shares represented as it stands, without proRatedTo', () => {
    const [cast] = given(PRC_CL)
      .when(vote(PRC_CL, 'N1', 2500, 2500, 0))
      .events();
    expect(cast.data).toMatchObject({
      instructed: { for: 2500, against: 2500, abstain: 0 },
      shares: { for: 2500, against: 2500, abstain: 0 },
    });
    expect('proRatedTo' in cast.data).toBe(false);
  });

  it('pro-rates instructions at the edge of exact integers without losing a share', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const [cast] = given(PRC_CL)
      .when(vote(PRC_CL, 'N1', max, max, 1))
      .events();
    expect(cast.data).toMatchObject({ shares: { for: 2500, against: 2500, abstain: 0 }, proRatedTo: 5000 });
  });

  it('still refuses an empty vote', () => {
    given(PRC_CL)
      .when(vote(PRC_CL, 'N1', 0, 0, 0))
      .thenRefused('EmptyVote', 'payload.for');
  });
});

describe('CastVote under PRC-HKEX-H: over-votes rejected', () => {
  const HKEX = nominee('PRC-HKEX-H');

  it('refuses the same instruction as OverVote on payload.for', () => {
    const error = given(HKEX)
      .when(vote(HKEX, 'N1', 4000, 2000, 1000))
      .thenRefused('OverVote', 'payload.for');
    expect(error.message).toMatch(/7000 shares voted; N1 is represented for 5000/);
  });
});

// ---- the rounding, as a property ------------------------------------------------------------

const share = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const smallShare = fc.nat({ max: 1000 });

describe('proRate (property)', () => {
  const parts = fc.array(fc.oneof(share, smallShare), { minLength: 1, maxLength: 6 });

  it('sums to exactly the total, never gives a part more than it had, and moves each by less than one', () => {
    fc.assert(
      fc.property(parts, fc.double({ min: 0, max: 1, noNaN: true }), (ps, at) => {
        const sum = ps.reduce((s, p) => s + BigInt(p), 0n);
        fc.pre(sum > 0n);
        // A total between 0 and the sum, as a safe integer.
        const total = Number((sum * BigInt(Math.floor(at * 1_000_000))) / 1_000_000n);
        fc.pre(Number.isSafeInteger(total));
        const counted = proRate(ps, total);
        expect(counted.reduce((s, c) => s + BigInt(c), 0n)).toBe(BigInt(total));
        counted.forEach((c, i) => {
          expect(Number.isSafeInteger(c) && c >= 0).toBe(true);
          expect(c).toBeLessThanOrEqual(ps[i]);
          // Within one share of the exact share ps[i] × total / sum: ⌊exact⌋ or ⌊exact⌋ + 1.
          const floor = (BigInt(ps[i]) * BigInt(total)) / sum;
          expect([floor, floor + 1n]).toContain(BigInt(c));
        });
      }),
    );
  });

  it('gives the shortfall to the largest remainders, earlier parts first on a tie', () => {
    fc.assert(
      fc.property(parts, share, (ps, t) => {
        const sum = ps.reduce((s, p) => s + BigInt(p), 0n);
        fc.pre(sum > 0n && BigInt(t) < sum);
        const counted = proRate(ps, t);
        const remainder = (i: number) => (BigInt(ps[i]) * BigInt(t)) % sum;
        const raised = (i: number) => BigInt(counted[i]) > (BigInt(ps[i]) * BigInt(t)) / sum;
        for (let i = 0; i < ps.length; i++)
          for (let j = 0; j < ps.length; j++) {
            if (!raised(i) || raised(j)) continue;
            // i got a share of the shortfall and j did not: i's remainder is larger, or equal and i earlier.
            expect(remainder(i) > remainder(j) || (remainder(i) === remainder(j) && i < j)).toBe(true);
          }
      }),
    );
  });

  it('is deterministic, and leaves parts within the total as they are', () => {
    fc.assert(
      fc.property(parts, share, (ps, t) => {
        expect(proRate(ps, t)).toEqual(proRate([...ps], t));
        const sum = ps.reduce((s, p) => s + BigInt(p), 0n);
        if (BigInt(t) >= sum) expect(proRate(ps, t)).toEqual(ps);
      }),
    );
  });
});

describe('countBallot (property): what is counted never exceeds what is represented', () => {
  const ballot = fc.record({
    for: fc.oneof(share, smallShare),
    against: fc.oneof(share, smallShare),
    abstain: fc.oneof(share, smallShare),
    brokerNonVote: fc.oneof(fc.constant(0), smallShare, share),
  });

  it('PRO_RATE: counted ≤ represented, counted ≤ instructed in every category, the sum exact', () => {
    fc.assert(
      fc.property(ballot, fc.oneof(share, smallShare), (instructed: BallotShares, represented) => {
        const result = countBallot('PRO_RATE', instructed, represented, 'N1');
        expect(isRight(result)).toBe(true);
        if (!isRight(result)) return;
        const { counted, proRated } = result.right;
        const total = ballotTotal(instructed);
        expect(proRated).toBe(total > BigInt(represented));
        expect(ballotTotal(counted)).toBe(proRated ? BigInt(represented) : total);
        expect(ballotTotal(counted) <= BigInt(represented)).toBe(true);
        for (const k of ['for', 'against', 'abstain', 'brokerNonVote'] as const)
          expect(counted[k]).toBeLessThanOrEqual(instructed[k]);
      }),
    );
  });

  it('REJECT: refused exactly when the instruction exceeds the shares represented', () => {
    fc.assert(
      fc.property(ballot, fc.oneof(share, smallShare), (instructed: BallotShares, represented) => {
        const result = countBallot('REJECT', instructed, represented, 'N1');
        expect(isRight(result)).toBe(ballotTotal(instructed) <= BigInt(represented));
        if (isRight(result)) expect(result.right).toEqual({ counted: instructed, proRated: false });
      }),
    );
  });
});

describe('comparing a ballot with the shares represented, without bigints where it can', () => {
  // Around 2^53, where a float sum stops being exact, as well as anywhere below it.
  const nearLimit = fc.nat({ max: 64 }).map((d) => Number.MAX_SAFE_INTEGER - d);
  const count = fc.oneof(
    fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    fc.nat({ max: 1000 }),
    nearLimit,
    fc.constant(0),
  );
  const quarter = fc.nat({ max: 2 ** 51 });
  const ballot = fc.record({ for: count, against: count, abstain: count, brokerNonVote: count });
  const nearBoundary = fc.record({
    for: quarter,
    against: quarter,
    abstain: quarter,
    brokerNonVote: quarter,
  });

  it('says exactly what the bigint total says', () => {
    // The shares represented anywhere, or within a few shares of the ballot's exact total.
    const represented = (b: BallotShares) =>
      fc.oneof(
        fc.oneof(count, quarter),
        fc.integer({ min: -4, max: 4 }).map((d) => Math.max(0, Number(ballotTotal(b) + BigInt(d)))),
      );
    const cases = fc.oneof(ballot, nearBoundary).chain((b) => fc.tuple(fc.constant(b), represented(b)));
    fc.assert(
      fc.property(cases, ([b, shares]) => {
        expect(exceedsShares(b, shares)).toBe(ballotTotal(b) > BigInt(shares));
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact where float sums would round: 2^53 + 1 shares against 2^53', () => {
    const b = { for: Number.MAX_SAFE_INTEGER, against: 2, abstain: 0, brokerNonVote: 0 };
    // As floats, 2^53 - 1 + 2 rounds to 2^53 and would not exceed it.
    expect(exceedsShares(b, 2 ** 53)).toBe(true);
    expect(exceedsShares({ ...b, against: 1 }, 2 ** 53)).toBe(false);
  });

  it('calls a ballot empty exactly when its total is zero', () => {
    fc.assert(
      fc.property(
        fc.oneof(ballot, fc.constant({ for: 0, against: 0, abstain: 0, brokerNonVote: 0 })),
        (b) => {
          expect(isEmptyBallot(b)).toBe(ballotTotal(b) === 0n);
        },
      ),
    );
  });
});

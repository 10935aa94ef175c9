import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import { ElectionCommand } from '../../src/domain/election/commands';
import { decideElection } from '../../src/domain/election/decide';
import { ElectionEvent } from '../../src/domain/election/events';
import { ElectionState, evolveElection, initialElectionState } from '../../src/domain/election/state';
import { MeetingState } from '../../src/domain/meeting/state';
import { foldResults, resultsView } from '../../src/projections/results/view';
import { A, afterPoll, attended, B, holding, inPoll, spec } from '../domain/factories';
import { electionProposed, electionTabled } from '../domain/election-factories';
import { cmd, meetingStateOf } from '../domain/spec';

/**
 * Properties of cumulative voting over random meetings (weighted and unweighted holders), seats,
 * candidates and ballots, some of them invalid (over-allocated, or for more candidates than seats):
 * (a) every vote a ballot could give is given to a candidate or abstained, valid ballot or not;
 * (b) no more are elected than there are seats, filled + shortfall = seats, and every elected
 *     candidate has more than half the ballots' votes and at least the votes of anyone not elected;
 * (c) the order the ballots arrived in changes nothing in the decision;
 * (d) the projection's recount of each candidate equals the decision's.
 */
const E = 'pool-1';

interface Case {
  readonly seats: number;
  readonly candidates: number;
  readonly holders: readonly { shares: number; weighted: boolean }[];
  readonly ballots: readonly { holder: number; given: readonly { candidate: number; votes: number }[] }[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    seats: fc.integer({ min: 2, max: 4 }),
    extra: fc.integer({ min: 0, max: 3 }),
    holders: fc.array(fc.record({ shares: fc.integer({ min: 1, max: 500 }), weighted: fc.boolean() }), {
      minLength: 1,
      maxLength: 8,
    }),
  })
  .chain(({ seats, extra, holders }) => {
    const candidates = seats + extra;
    const ballot = (holder: number) =>
      fc
        .uniqueArray(
          fc.record({
            candidate: fc.integer({ min: 1, max: candidates }),
            // Up to 1.3 × what the holder has in all, so that some ballots over-allocate.
            votes: fc.integer({ min: 0, max: Math.ceil(holders[holder].shares * 13 * seats * 1.3) }),
          }),
          { selector: (g) => g.candidate, maxLength: candidates },
        )
        .map((given) => ({ holder, given }));
    return fc
      .subarray(holders.map((_, i) => i))
      .chain((voters) => fc.tuple(...voters.map(ballot)))
      .map((ballots) => ({ seats, candidates, holders, ballots }));
  });

const meetingOf = (c: Case) => {
  const s = spec({
    shareClasses: [A, B],
    holders: c.holders.map((h, i) => holding(`h${i}`, h.weighted ? 'B' : 'A', h.shares)),
  });
  const attendance = [electionTabled(s, E), ...c.holders.map((_, i) => attended(s, `h${i}`))];
  return { s, polling: inPoll(s, attendance), closed: afterPoll(s, attendance) };
};

function decideAll(c: Case, order: readonly number[]) {
  const { s, polling, closed } = meetingOf(c);
  const history: ElectionEvent[] = [electionProposed(s, E, c.seats, c.candidates)];
  let state: ElectionState = history.reduce(evolveElection, initialElectionState());
  const during: MeetingState = meetingStateOf(polling);
  for (const k of order) {
    const b = c.ballots[k];
    const command = cmd('CastCumulativeBallot', {
      electionId: E,
      meetingId: s.meetingId,
      holderId: `h${b.holder}`,
      votes: b.given.map((g) => ({ candidateId: `c7-${g.candidate}`, votes: g.votes })),
    }) as ElectionCommand;
    const decision = decideElection(command, state, { meeting: during });
    if (isLeft(decision)) throw new Error(JSON.stringify(decision.left));
    history.push(...decision.right);
    state = decision.right.reduce(evolveElection, state);
  }
  const close = cmd('CloseElection', { electionId: E, meetingId: s.meetingId }) as ElectionCommand;
  const decided = decideElection(close, state, { meeting: meetingStateOf(closed) });
  if (isLeft(decided)) throw new Error(JSON.stringify(decided.left));
  return { s, history, closed, decided: decided.right[0] };
}

it('accounts for every vote, fills at most the seats, and ignores the order of the ballots', () => {
  fc.assert(
    fc.property(
      caseArb.chain((c) =>
        fc.tuple(
          fc.constant(c),
          fc.shuffledSubarray(
            c.ballots.map((_, i) => i),
            { minLength: c.ballots.length },
          ),
        ),
      ),
      ([c, shuffled]) => {
        const inOrder = decideAll(
          c,
          c.ballots.map((_, i) => i),
        );
        const { decided, history } = inOrder;
        if (decided.type !== 'ElectionDecided') throw new Error(decided.type);
        const d = decided.data;
        // (a)
        const ballots = history.flatMap((e) =>
          e.type === 'CumulativeBallotCast' || e.type === 'CumulativeBallotInvalid' ? [e.data] : [],
        );
        const available = ballots.reduce((sum, b) => sum + b.available, 0);
        const given = d.ranking.reduce((sum, r) => sum + r.votes, 0);
        expect(given + d.abstained).toBe(available);
        expect(d.base.votes).toBe(ballots.reduce((sum, b) => sum + b.votes, 0));
        // (b)
        const elected = d.ranking.filter((r) => r.elected);
        expect(elected.length).toBeLessThanOrEqual(c.seats);
        expect(d.filled + d.shortfall).toBe(c.seats);
        for (const r of elected) {
          expect(2 * r.votes).toBeGreaterThan(d.base.votes);
          for (const o of d.ranking.filter((x) => !x.elected))
            expect(r.votes).toBeGreaterThanOrEqual(o.votes);
        }
        // Nobody level with an elected candidate is left out: a tie is elected whole or not at all.
        for (const r of elected)
          expect(d.ranking.filter((x) => x.votes === r.votes).every((x) => x.elected)).toBe(true);
        // (c)
        expect(decideAll(c, shuffled).decided).toEqual(decided);
        // (d)
        const view = resultsView(foldResults([...inOrder.closed, ...history, decided])).meetings[0];
        const recounted = view.elections![0].candidates.map((x) => [x.candidateId, x.votes] as const);
        expect(new Map(recounted)).toEqual(new Map(d.ranking.map((r) => [r.candidateId, r.votes])));
      },
    ),
    { numRuns: 200 },
  );
});

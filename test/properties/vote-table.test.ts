import fc from 'fast-check';
import { Resolution } from '../../src/application/aggregates';
import { ResolutionEvent, Split } from '../../src/domain/resolution/events';
import { evolveResolution, ProposedResolution, ResolutionState } from '../../src/domain/resolution/state';
import { CountedVote, VoteTable } from '../../src/domain/resolution/vote-table';
import { HolderRows } from '../../src/domain/shared/holder-rows';
import { OverlayMap } from '../../src/infra/state-cache/overlay-map';
import { resolutionDraft } from '../../src/infra/state-cache/drafts';
import { decodeState, encodeState } from '../../src/infra/state-cache/snapshot-codec';
import { resolutionProposed, ruleSet } from '../domain/factories';

/**
 * The resolution's state keeps its counted votes packed (VoteTable) rather than one object a vote.
 * Under random sequences of votes cast and rejected, it must answer as a plain Map of the same
 * votes would: whether a holder has voted, the figures of the vote that counts, the order, and the
 * tallies evolve keeps from them; through a draft settled after its batch, and through a snapshot.
 */

// A holder id of other characters than an Id's too: the table keeps any string as it was.
const HOLDERS = ['A-1', 'A-2', 'B-1', 'B-2', 'C-1', 'C-2', 'D-1', 'Ünïcødé-股东'];
const MEETING = 'agm-1';

/** Figures of any size a share count may have, the largest exact integers included. */
const figure = fc.oneof(
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: 2 ** 31 }),
  fc.constantFrom(0, Number.MAX_SAFE_INTEGER, 2 ** 53 - 2, 2 ** 40),
);
/** Figures whose sums over a run stay exact, for the tallies (plain number sums, as before the table). */
const summable = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 2 ** 40 }));

const countedVote = (figure: fc.Arbitrary<number>): fc.Arbitrary<CountedVote> =>
  fc
    .record({
      // Split between sides, or (as most holders vote) all on one side, which the table keeps apart.
      shares: fc.oneof(
        fc.record({ for: figure, against: figure, abstain: figure }),
        fc
          .tuple(fc.constantFrom('for', 'against', 'abstain'), figure)
          .map(([side, n]) => ({ for: 0, against: 0, abstain: 0, [side]: n })),
      ),
      weight: fc.constantFrom(1, 1, 1, 2, 10),
      brokerNonVotes: fc.option(fc.record({ shares: figure, votes: figure }), { nil: undefined }),
    })
    .map(({ shares, weight, brokerNonVotes }) => {
      const votes: Split =
        weight === 1
          ? shares
          : { for: shares.for * weight, against: shares.against * weight, abstain: shares.abstain * weight };
      return brokerNonVotes ? { shares, votes, brokerNonVotes } : { shares, votes };
    });

type Step =
  | { readonly kind: 'cast'; readonly holderId: string; readonly vote: CountedVote }
  | { readonly kind: 'reject'; readonly holderId: string }
  | { readonly kind: 'settle' };

const steps = (figure: fc.Arbitrary<number>): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('cast' as const),
          holderId: fc.constantFrom(...HOLDERS),
          vote: countedVote(figure),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('reject' as const), holderId: fc.constantFrom(...HOLDERS) }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'settle' as const }) },
    ),
    { maxLength: 60 },
  );

const entries = (votes: { entries(): Iterable<[string, CountedVote]> }) => [...votes.entries()];

describe('the vote table', () => {
  it('answers has, get, size and order as a Map of the same sets and deletes, and keeps its figures exact', () => {
    fc.assert(
      fc.property(steps(figure), (run) => {
        const table = new VoteTable();
        const model = new Map<string, CountedVote>();
        for (const step of run) {
          if (step.kind === 'cast') {
            table.set(step.holderId, step.vote);
            model.set(step.holderId, step.vote);
          } else if (step.kind === 'reject') {
            expect(table.delete(step.holderId)).toBe(model.delete(step.holderId));
          }
          expect(table.size).toBe(model.size);
          for (const holderId of HOLDERS) {
            expect(table.has(holderId)).toBe(model.has(holderId));
            expect(table.get(holderId)).toEqual(model.get(holderId));
          }
        }
        expect(entries(table)).toEqual(entries(model));
        expect(entries(VoteTable.of(model))).toEqual(entries(model));
      }),
    );
  });

  it('gives evolve the tallies a naive Map of the counted votes gives, through drafts and snapshots', () => {
    fc.assert(
      fc.property(steps(summable), (run) => {
        const proposed = evolveResolution(
          Resolution.initial(),
          resolutionProposed('r1', [
            { meetingId: MEETING, number: 1, majorityRule: ruleSet('DE-DGCL').majorities.ORDINARY },
          ]),
        );
        // The cached state and the batch's draft over it, settled at the run's settle steps.
        let cached = proposed;
        let draft = resolutionDraft(cached);
        const model = new Map<string, CountedVote>();
        for (const step of run) {
          if (step.kind === 'settle') {
            cached = resolutionDraft.settle!(draft);
            draft = resolutionDraft(cached);
            continue;
          }
          const event = eventOf(step, model);
          if (!event) continue;
          draft = evolveResolution(draft, event);
          if (step.kind === 'cast') model.set(step.holderId, step.vote);
          else model.delete(step.holderId);
          expectAsModel(draft, model);
        }
        const settled = resolutionDraft.settle!(draft);
        expectAsModel(settled, model);
        expect((meetingOf(settled).votes as unknown) instanceof VoteTable).toBe(true);
        const text = encodeState(settled);
        expect(text).toBeDefined();
        const restored = Resolution.fromSnapshot!(decodeState(text!));
        expectAsModel(restored, model);
        expect(meetingOf(restored).votes).toBeInstanceOf(VoteTable);
        expect(encodeState(restored)).toBe(text);
      }),
    );
  });

  it('is drafted without touching the cached table', () => {
    const table = VoteTable.of([['A-1', { shares: split1, votes: split1 }]]);
    const draft = new OverlayMap(table);
    draft.delete('A-1');
    draft.set('B-1', { shares: split1, votes: split1 });
    expect(entries(table)).toEqual([['A-1', { shares: split1, votes: split1 }]]);
    expect(draft.settle()).toBe(table);
    expect(entries(table)).toEqual([['B-1', { shares: split1, votes: split1 }]]);
  });
});

describe('the holder rows', () => {
  it('number ids as a Map of rows appended would, through growth, removals and rehashing', () => {
    // Many ids, so that the rows and the hash table grow past their first sizes more than once.
    const ids = fc.oneof(
      fc.integer({ min: 0, max: 3_000 }).map((n) => `HLD-${n}`),
      fc.string({ minLength: 0, maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    const ops = fc.array(fc.tuple(fc.boolean(), fc.boolean(), ids), { minLength: 300, maxLength: 2_000 });
    fc.assert(
      fc.property(ops, (run) => {
        const rows = new HolderRows();
        const model = new Map<string, number>();
        let next = 0;
        for (const [add, alsoLookUp, id] of run) {
          if (add || !model.has(id)) {
            const row = model.get(id) ?? next++;
            model.set(id, row);
            expect(rows.add(id)).toBe(row);
          } else {
            expect(rows.remove(id)).toBe(model.get(id));
            model.delete(id);
            expect(rows.remove(id)).toBe(-1);
          }
          if (alsoLookUp) expect(rows.rowOf(id)).toBe(model.get(id) ?? -1);
        }
        expect(rows.size).toBe(model.size);
        expect([...rows.rows()]).toEqual([...model]);
        for (const [id, row] of model) expect(rows.rowOf(id)).toBe(row);
      }),
      { numRuns: 60 },
    );
  });
});

const split1: Split = { for: 3, against: 2, abstain: 1 };

/** The event of a step that the domain would decide: a vote of a holder who has none, a rejection of one. */
function eventOf(step: Step, model: ReadonlyMap<string, CountedVote>): ResolutionEvent | undefined {
  const ids = {
    resolutionId: 'r1',
    meetingId: MEETING,
    holderId: step.kind === 'settle' ? '' : step.holderId,
  };
  if (step.kind === 'cast') {
    if (model.has(step.holderId)) return undefined;
    const { shares, votes, brokerNonVotes } = step.vote;
    return {
      type: 'VoteCast',
      data: {
        ...ids,
        shareClass: 'ORD',
        castBy: 'IN_PERSON',
        instructed: shares,
        shares,
        votes,
        ...(brokerNonVotes
          ? { brokerNonVotes: { instructed: brokerNonVotes.shares, ...brokerNonVotes } }
          : {}),
      },
    } as ResolutionEvent;
  }
  const vote = step.kind === 'reject' ? model.get(step.holderId) : undefined;
  if (!vote) return undefined;
  return {
    type: 'VoteRejected',
    data: { ...ids, reason: 'Spoilt', rejectedBy: 'scrutineer', ...vote },
  } as ResolutionEvent;
}

const meetingOf = (state: ResolutionState) => (state as ProposedResolution).meetings.get(MEETING)!;

function expectAsModel(state: ResolutionState, model: ReadonlyMap<string, CountedVote>): void {
  const at = meetingOf(state);
  const sum = (pick: (v: CountedVote) => Split) => ({
    for: [...model.values()].reduce((n, v) => n + pick(v).for, 0),
    against: [...model.values()].reduce((n, v) => n + pick(v).against, 0),
    abstain: [...model.values()].reduce((n, v) => n + pick(v).abstain, 0),
  });
  expect(at.tally).toEqual({ votes: sum((v) => v.votes), shares: sum((v) => v.shares), voters: model.size });
  const nonVotes = [...model.values()].flatMap((v) => (v.brokerNonVotes ? [v.brokerNonVotes] : []));
  expect(at.brokerNonVotes).toEqual({
    shares: nonVotes.reduce((n, v) => n + v.shares, 0),
    votes: nonVotes.reduce((n, v) => n + v.votes, 0),
  });
  expect(at.votes.size).toBe(model.size);
  for (const holderId of HOLDERS) {
    expect(at.votes.has(holderId)).toBe(model.has(holderId));
    expect(at.votes.get(holderId)).toEqual(model.get(holderId));
  }
  expect(entries(at.votes)).toEqual(entries(model));
}

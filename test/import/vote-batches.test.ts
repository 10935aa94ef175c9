import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { isLeft } from 'fp-ts/Either';
import { Resolution } from '../../src/application/aggregates';
import { CommandHandler } from '../../src/application/command-handler';
import { eventIdFor } from '../../src/application/event-ids';
import {
  AppendTooLarge,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  WrongExpectedVersion,
} from '../../src/application/event-store';
import { runCommands } from '../../src/application/scenario';
import { BatchOutcome } from '../../src/application/record-stream';
import { RetryPolicy } from '../../src/application/record-stream';
import { ResolutionCommandOf } from '../../src/domain/resolution/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { cmd } from '../domain/spec';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { plain } from './plain';
import { VoteTable } from '../../src/domain/resolution/vote-table';

type CastVoteCommand = ResolutionCommandOf<'CastVote'>;

/** Votes recorded in batches through the one write path: the command handler's handleBatch. */
const batchesOn = (store: EventStore, policy: RetryPolicy = {}) => {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
    ...policy,
  });
  return { cast: (votes: readonly CastVoteCommand[]) => handler.handleBatch(votes), states: handler.states };
};

const EGM = MEETING_IDS.EGM;
const R1 = 'jlmag-2023-r1';
const R2 = 'jlmag-2023-r2';
const STREAM = `resolution-${R1}`;

/** The reference record up to the EGM's first vote: the poll is open, nobody has voted. */
async function egmPollOpen(): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  const all = referenceCommands();
  const ran = await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    all.slice(
      0,
      all.findIndex((c) => c.type === 'CastVote'),
    ),
  );
  if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
  return store;
}

const vote = (holderId: string, split: [number, number, number], resolutionId = R1, commandId?: string) =>
  cmd(
    'CastVote',
    { resolutionId, meetingId: EGM, holderId, for: split[0], against: split[1], abstain: split[2] },
    commandId ? { commandId } : {},
  ) as CastVoteCommand;

/** A store that lets a test act just before an append, and counts the appends. */
function instrumented(
  store: EventStore,
  before: (stream: string, events: readonly EventToAppend[]) => Promise<void>,
) {
  const appends: { stream: string; count: number }[] = [];
  const wrapped: EventStore = Object.create(store, {
    append: {
      value: async (stream: string, events: readonly EventToAppend[], expected: ExpectedRevision) => {
        await before(stream, events);
        const result = await store.append(stream, events, expected);
        appends.push({ stream, count: events.length });
        return result;
      },
    },
  });
  return { store: wrapped, appends };
}

const kinds = (outcomes: readonly BatchOutcome[]) =>
  outcomes.map((o) => (o.kind === 'refused' ? o.error.rule : o.kind));

const votesIn = async (store: EventStore, stream = STREAM) =>
  (await store.readStream(stream)).filter((e) => e.type === 'VoteCast');

describe('vote batches', () => {
  it('records the accepted votes of a batch in one append per resolution and refuses the others', async () => {
    const base = await egmPollOpen();
    const { store, appends } = instrumented(base, async () => undefined);
    const first = vote('A-0004', [200, 0, 0]);
    const batch = [
      first,
      vote('H-0002', [0, 0, 3_200]),
      vote('A-0002', [20_000_001, 0, 0]),
      vote('H-0003', [1, 0, 0]),
      vote('A-0004', [0, 200, 0]),
      first,
      vote('A-0001', [500_000_000, 0, 0], R2),
    ];
    const outcomes = await batchesOn(store).cast(batch);
    expect(kinds(outcomes)).toEqual([
      'recorded',
      'recorded',
      'OverVote',
      'HolderNotAttending',
      'AlreadyVoted',
      'alreadyRecorded',
      'recorded',
    ]);
    expect(appends).toEqual([
      { stream: STREAM, count: 2 },
      { stream: `resolution-${R2}`, count: 1 },
    ]);
    const written = await votesIn(base);
    expect(written.map((e) => (e.data as { holderId: string }).holderId)).toEqual(['A-0004', 'H-0002']);
    expect(written[0].eventId).toBe(eventIdFor(first.commandId, STREAM, 0));
  });

  it('writes exactly the events the command handler writes for the same commands', async () => {
    const votes = [vote('A-0004', [200, 0, 0]), vote('H-0002', [0, 0, 3_200]), vote('A-0001', [1, 2, 3])];
    const batched = await egmPollOpen();
    await batchesOn(batched).cast(votes);
    const handled = await egmPollOpen();
    const handler = new CommandHandler(handled, {
      states: new AggregateStateCache(handled),
      ruleSets: ruleSetById,
    });
    for (const v of votes) await handler.handle(v);
    const strip = (events: Awaited<ReturnType<typeof votesIn>>) =>
      events.map(({ eventId, type, data, metadata, revision }) => ({
        eventId,
        type,
        data,
        metadata,
        revision,
      }));
    expect(strip(await votesIn(batched))).toEqual(strip(await votesIn(handled)));
  });

  it('writes nothing when the same batch is cast again, by the same or a new process', async () => {
    const store = await egmPollOpen();
    const batch = [
      vote('A-0004', [200, 0, 0]),
      vote('A-0002', [20_000_001, 0, 0]),
      vote('H-0002', [1, 0, 0]),
    ];
    const batches = batchesOn(store);
    await batches.cast(batch);
    const count = (await store.readAll()).length;
    for (const again of [batches, batchesOn(store)]) {
      expect(kinds(await again.cast(batch))).toEqual(['alreadyRecorded', 'OverVote', 'alreadyRecorded']);
    }
    expect((await store.readAll()).length).toBe(count);
  });

  it('decides the whole batch again when a concurrent writer wins the race, losing no vote', async () => {
    const base = await egmPollOpen();
    const rival = new CommandHandler(base, { states: new AggregateStateCache(base), ruleSets: ruleSetById });
    let raced = false;
    const { store } = instrumented(base, async (stream) => {
      if (raced || stream !== STREAM) return;
      raced = true;
      const outcome = await rival.handle(vote('A-0004', [100, 0, 0]));
      expect(isLeft(outcome)).toBe(false);
    });
    const batches = batchesOn(store, { backoff: () => 0 });
    const outcomes = await batches.cast([vote('H-0002', [0, 0, 3_200]), vote('A-0004', [200, 0, 0])]);
    expect(kinds(outcomes)).toEqual(['recorded', 'AlreadyVoted']);
    const written = await votesIn(base);
    expect(written.map((e) => e.data)).toMatchObject([
      { holderId: 'A-0004', shares: { for: 100 } },
      { holderId: 'H-0002', shares: { abstain: 3_200 } },
    ]);
    // The cached state was never touched by the lost decision: it matches a fresh read of the store.
    const cached = await batches.states.load(Resolution, STREAM);
    const fresh = await new AggregateStateCache(base).load(Resolution, STREAM);
    expect(plain(cached.state)).toEqual(plain(fresh.state));
    expect(cached.revision).toBe(fresh.revision);
  });

  it('lets overlapping casts of one resolution take turns: each decided on what the one before wrote', async () => {
    const base = await egmPollOpen();
    const attempts: string[] = [];
    // Each append waits a turn of the event loop, so both casts are in flight together.
    const { store, appends } = instrumented(base, async (stream) => {
      attempts.push(stream);
      await new Promise((resolve) => setImmediate(resolve));
    });
    const batches = batchesOn(store);
    const [first, second, other] = await Promise.all([
      batches.cast([vote('A-0004', [200, 0, 0])]),
      batches.cast([vote('A-0004', [0, 200, 0]), vote('H-0002', [0, 0, 3_200])]),
      batches.cast([vote('A-0001', [1, 2, 3], R2)]),
    ]);
    expect([kinds(first), kinds(second), kinds(other)]).toEqual([
      ['recorded'],
      ['AlreadyVoted', 'recorded'],
      ['recorded'],
    ]);
    // No lost race, so no decision made twice: one attempt per append.
    expect(attempts).toHaveLength(3);
    expect(appends.map((a) => a.stream).sort()).toEqual([STREAM, STREAM, `resolution-${R2}`]);
  });

  it("moves the cached state on to the batch's own working copy, equal to a fold of the record", async () => {
    const store = await egmPollOpen();
    const batches = batchesOn(store);
    await batches.cast([vote('A-0004', [200, 0, 0]), vote('A-0001', [1, 2, 3])]);
    await batches.cast([vote('H-0002', [0, 0, 3_200]), vote('A-0004', [0, 1, 0])]);
    const cached = await batches.states.load(Resolution, STREAM);
    const folded = await new AggregateStateCache(store).load(Resolution, STREAM);
    expect(cached.revision).toBe(folded.revision);
    expect(plain(cached.state)).toEqual(plain(folded.state));
    // Settled, not stacked: the next batch's copy reads through one overlay, to the cached maps.
    const meetings = (cached.state as unknown as { meetings: Map<string, { votes: Map<string, unknown> }> })
      .meetings;
    for (const at of meetings.values()) expect(at.votes.constructor).toBe(VoteTable);
    expect(kinds(await batches.cast([vote('A-0001', [1, 0, 0]), vote('A-0002', [5, 0, 0])]))).toEqual([
      'AlreadyVoted',
      'recorded',
    ]);
  });

  it('answers alreadyRecorded when the concurrent writer recorded the same command', async () => {
    const base = await egmPollOpen();
    const same = vote('A-0004', [200, 0, 0]);
    let raced = false;
    const { store } = instrumented(base, async (stream) => {
      if (raced || stream !== STREAM) return;
      raced = true;
      await batchesOn(base).cast([same]);
    });
    const outcomes = await batchesOn(store, { backoff: () => 0 }).cast([same, vote('H-0002', [1, 0, 0])]);
    expect(kinds(outcomes)).toEqual(['alreadyRecorded', 'recorded']);
    expect(await votesIn(base)).toHaveLength(2);
  });

  it('gives up after its attempts without writing, keeping each refusal', async () => {
    const base = await egmPollOpen();
    const count = (await base.readAll()).length;
    const { store } = instrumented(base, async (stream) => {
      throw new WrongExpectedVersion(stream, 0, 1);
    });
    const outcomes = await batchesOn(store, { maxAttempts: 3, backoff: () => 0 }).cast([
      vote('A-0004', [200, 0, 0]),
      vote('A-0002', [20_000_001, 0, 0]),
    ]);
    expect(kinds(outcomes)).toEqual(['ConcurrencyConflict', 'OverVote']);
    expect((await base.readAll()).length).toBe(count);
  });

  it('splits a batch the store finds too large, deciding each half on what the first wrote', async () => {
    const base = await egmPollOpen();
    const { store, appends } = instrumented(base, async (stream, events) => {
      if (events.length > 2) throw new AppendTooLarge(stream, events.length * 1000, 2000);
    });
    const outcomes = await batchesOn(store).cast([
      vote('A-0004', [200, 0, 0]),
      vote('H-0002', [0, 0, 3_200]),
      vote('A-0001', [1, 0, 0]),
      vote('A-0004', [1, 0, 0]),
      vote('A-0002', [2, 0, 0]),
    ]);
    expect(kinds(outcomes)).toEqual(['recorded', 'recorded', 'recorded', 'AlreadyVoted', 'recorded']);
    expect(appends.map((a) => a.count)).toEqual([2, 1, 1]);
  });
});

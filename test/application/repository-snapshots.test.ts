import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { CommandHandler } from '../../src/application/command-handler';
import { aggregateKindOf, Meeting } from '../../src/application/aggregates';
import { EventStore, ReadStreamOptions, RecordedEvent } from '../../src/application/event-store';
import { encodeState, shapeOf } from '../../src/infra/state-cache/snapshot-codec';
import { Snapshot } from '../../src/application/snapshot-store';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { referenceCommands } from '../golden/reference-scenario';

/** The kind of an aggregate stream (aggregateStreams lists only those). */
const kindOf = (stream: string) => aggregateKindOf(stream)!;

/** The streams of aggregates (not the seals' streams), in the order they were first written. */
async function aggregateStreams(store: EventStore): Promise<string[]> {
  const streams = new Set((await store.readAll()).map((e) => e.streamName));
  return [...streams].filter((stream) => aggregateKindOf(stream) !== undefined);
}

/** The store, counting the events each readStream hands out. */
class CountingStore extends MemoryEventStore {
  eventsRead = 0;
  override async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await super.readStream(stream, options);
    this.eventsRead += events.length;
    return events;
  }
}

/** The same events, no snapshots: every stream folded from its start. */
const withoutSnapshots = (store: EventStore): EventStore => ({
  append: (...args) => store.append(...args),
  readStream: (...args) => store.readStream(...args),
  findEvents: (...args) => store.findEvents(...args),
  readAll: (...args) => store.readAll(...args),
  subscribeToAll: (...args) => store.subscribeToAll(...args),
  close: () => store.close(),
});

async function referenceStore() {
  const store = new CountingStore();
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  for (const command of referenceCommands()) await handler.handle(command);
  return { store, streams: await aggregateStreams(store) };
}

async function folded(store: EventStore, stream: string) {
  return new AggregateStateCache(withoutSnapshots(store)).load(kindOf(stream), stream);
}

async function lastEventId(store: EventStore, stream: string) {
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  return last;
}

describe('a repository starting from snapshots', () => {
  it('given every stream of the reference snapshotted, a new process loads states equal to folding each from its start', async () => {
    const { store, streams } = await referenceStore();
    const writer = new AggregateStateCache(store);
    for (const stream of streams) await writer.load(kindOf(stream), stream);
    expect(await writer.saveSnapshots(1)).toBe(streams.length);

    const reader = new AggregateStateCache(store);
    store.eventsRead = 0;
    const loads = [];
    for (const stream of streams) loads.push(await reader.load(kindOf(stream), stream));
    // Each stream's snapshot is checked against the event it was taken after; none is folded.
    expect(store.eventsRead).toBe(streams.length);
    for (const [i, stream] of streams.entries()) {
      const fold = await folded(store, stream);
      expect(loads[i].revision).toBe(fold.revision);
      // The same text: equal values, Maps in the same order, all the way down.
      expect(encodeState(loads[i].state)).toBe(encodeState(fold.state));
    }
  });

  it('folds only the events appended after the snapshot, and decides on the result as on a fold', async () => {
    const commands = referenceCommands();
    const split = commands.findIndex((c) => c.type === 'CastVote') + 5;
    const store = new CountingStore();
    const handler = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    for (const command of commands.slice(0, split)) await handler.handle(command);
    const early = new AggregateStateCache(store);
    const streams = await aggregateStreams(store);
    for (const stream of streams) await early.load(kindOf(stream), stream);
    await early.saveSnapshots(1);

    // Given the rest of the scenario recorded after the snapshots, by a process that used them.
    const later = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    for (const command of commands.slice(split)) await later.handle(command);

    const all = await aggregateStreams(store);
    const fresh = new AggregateStateCache(store);
    for (const stream of all) {
      const loaded = await fresh.load(kindOf(stream), stream);
      expect(encodeState(loaded.state)).toBe(encodeState((await folded(store, stream)).state));
    }
  });

  describe('ignores a snapshot it must not trust, and folds the stream instead', () => {
    const cases: [string, (s: Snapshot, stream: string) => Snapshot][] = [
      ['taken after another event', (s) => ({ ...s, eventId: '00000000-0000-4000-8000-000000000000' })],
      [
        'of another shape (an older state version)',
        (s, stream) => ({ ...s, shape: `${kindOf(stream).category}@0` }),
      ],
      ['past the end of the stream', (s) => ({ ...s, revision: s.revision + 1 })],
      ['that does not decode', (s) => ({ ...s, state: s.state.slice(0, -2) })],
    ];
    it.each(cases)('a snapshot %s', async (_, spoil) => {
      const { store, streams } = await referenceStore();
      const stream = streams.find((s) => s.startsWith('meeting-'))!;
      const writer = new AggregateStateCache(store);
      await writer.load(Meeting, stream);
      await writer.saveSnapshots(1);
      const good = (await store.snapshots.readSnapshot(stream))!;
      await store.snapshots.writeSnapshot(stream, spoil(good, stream));

      store.eventsRead = 0;
      const loaded = await new AggregateStateCache(store).load(Meeting, stream);
      const fold = await folded(store, stream);
      expect(encodeState(loaded.state)).toBe(encodeState(fold.state));
      expect(store.eventsRead).toBeGreaterThan(fold.revision);
    });
  });

  it('gives overlapping first loads of a stream one state, read once', async () => {
    const { store, streams } = await referenceStore();
    const stream = streams.find((s) => s.startsWith('meeting-'))!;
    const writer = new AggregateStateCache(store);
    await writer.load(Meeting, stream);
    await writer.saveSnapshots(1);
    const reader = new AggregateStateCache(store);
    const [a, b] = await Promise.all([reader.load(Meeting, stream), reader.load(Meeting, stream)]);
    expect(a.state).toBe(b.state);
    expect(a.revision).toBe(b.revision);
  });
});

describe('saving snapshots', () => {
  it('saves a stream once it has moved on by the given number of events, and not again until it moves on as far', async () => {
    const { store, streams } = await referenceStore();
    const repository = new AggregateStateCache(store);
    const meeting = streams.find((s) => s.startsWith('meeting-'))!;
    const { revision } = await repository.load(Meeting, meeting);
    expect(await repository.saveSnapshots(revision + 2)).toBe(0);
    expect(await store.snapshots.readSnapshot(meeting)).toBeUndefined();

    expect(await repository.saveSnapshots(revision + 1)).toBe(1);
    const saved = (await store.snapshots.readSnapshot(meeting))!;
    expect(saved).toMatchObject({ revision, shape: shapeOf(Meeting) });
    expect(saved.eventId).toBe((await lastEventId(store, meeting)).eventId);
    expect(await repository.saveSnapshots(1)).toBe(0);
  });

  it('saves nothing on a store that keeps no snapshots', async () => {
    const { store, streams } = await referenceStore();
    const repository = new AggregateStateCache(withoutSnapshots(store));
    for (const stream of streams) await repository.load(kindOf(stream), stream);
    expect(await repository.saveSnapshots(1)).toBe(0);
  });

  it('does not save a stream whose commands were recorded under old event ids (the cache keeps those ids)', async () => {
    const store = new MemoryEventStore();
    const handler = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    for (const command of referenceCommands().slice(0, 3)) await handler.handle(command);
    const [first] = await store.readAll({ maxCount: 1 });
    const old = new MemoryEventStore();
    const eventId = '6f1c2b6e-1d1a-4c3e-9a51-0c7b8d9e0f12';
    await old.append(
      first.streamName,
      [{ ...first, eventId, metadata: { ...first.metadata, eventId } }],
      'no_stream',
    );
    const repository = new AggregateStateCache(old);
    await repository.load(Meeting, first.streamName);
    expect(await repository.saveSnapshots(0)).toBe(0);
  });
});

/**
 * The EventStoreDB adapter in every fault mode of the emulator (test/esdb-emulator/faults.ts): each
 * test fails without the adapter's guard for it (the report of issue 18 lists which).
 */
import {
  CheckpointAheadOfStore,
  DuplicateEventId,
  RecordedEvent,
  Subscription,
} from '../../src/application/event-store';
import { AppendFault, SERVER_VERSIONS, ServerVersion } from '../esdb-emulator/faults';
import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { Emulator, EmulatorOptions, startEmulator } from '../esdb-emulator/server';
import { waitUntil } from '../esdb-emulator/testing';
import { anEvent, idsOf, someEvents, uniquePrefix } from '../contract/event-store-contract';

/** A fresh emulator and store for each test; both closed after it. */
function useStore(options: EmulatorOptions = {}) {
  let emulator: Emulator | undefined;
  let store: EsdbEventStore | undefined;
  beforeEach(async () => {
    emulator = await startEmulator(options);
    store = new EsdbEventStore(emulator.connectionString);
  });
  afterEach(async () => {
    await store?.close();
    await emulator?.stop();
  });
  return { emulator: () => emulator as Emulator, store: () => store as EsdbEventStore };
}

const ids = async (store: EsdbEventStore, streamName: string) => idsOf(await store.readStream(streamName));

describe.each([false, true])('appends whose answer is lost (BatchAppend: %s)', (batchAppend) => {
  const { emulator, store } = useStore({ batchAppend });

  test.each<AppendFault>([
    'timeout-after-commit',
    'unavailable-after-commit',
    'not-leader-after-commit',
    'timeout',
    'unavailable',
    'not-leader',
    'timeout-pending',
  ])('%s: the append answers recorded, its events there exactly once', async (fault) => {
    const streamName = `${uniquePrefix()}meeting`;
    const first = someEvents(2);
    await store().append(streamName, first, 'no_stream');
    const events = someEvents(3);
    emulator().faults.pendingMs = 100;
    emulator().faults.failAppends(fault, fault);
    const result = await store().append(streamName, events, 1);
    expect(result).toMatchObject({ nextExpectedRevision: 4, written: 3 });
    expect(await ids(store(), streamName)).toEqual(idsOf([...first, ...events]));
    const [last] = await store().readStream(streamName, { direction: 'backwards', maxCount: 1 });
    expect(result.position).toBe(last.position);
  });
});

describe('a BatchAppend call cut by an election', () => {
  const { emulator, store } = useStore({ batchAppend: true });

  test('every append in flight answers recorded, each exactly once, though some committed unheard', async () => {
    const prefix = uniquePrefix();
    const batches = Array.from({ length: 6 }, (_, i) => ({
      stream: `${prefix}s${i}`,
      events: someEvents(2),
    }));
    emulator().faults.batchCutAfter = 3;
    const results = await Promise.all(batches.map((b) => store().append(b.stream, b.events, 'no_stream')));
    expect(results.map((r) => r.written)).toEqual([2, 2, 2, 2, 2, 2]);
    for (const batch of batches) expect(await ids(store(), batch.stream)).toEqual(idsOf(batch.events));
  });
});

describe('the duplicate-event-id safety net and retries with any', () => {
  const { emulator, store } = useStore();

  test('an event id the stream holds at another place is refused, not written again', async () => {
    const streamName = `${uniquePrefix()}meeting`;
    const [a, b] = someEvents(2);
    await store().append(streamName, [a, b], 'no_stream');
    await expect(store().append(streamName, [anEvent({ eventId: a.eventId })], 1)).rejects.toBeInstanceOf(
      DuplicateEventId,
    );
    expect(await ids(store(), streamName)).toEqual(idsOf([a, b]));
  });

  test('after an election, a retry with any still writes nothing (the server alone would write it again)', async () => {
    const streamName = `${uniquePrefix()}meeting`;
    const events = someEvents(2);
    const first = await store().append(streamName, events, 'any');
    emulator().election();
    expect(await store().append(streamName, events, 'any')).toEqual({ ...first, written: 0 });
    expect(await ids(store(), streamName)).toEqual(idsOf(events));
  });

  test('two writers appending the same events: one wrote them, the other is told it wrote nothing', async () => {
    const other = new EsdbEventStore(emulator().connectionString);
    try {
      const streamName = `${uniquePrefix()}meeting`;
      const events = someEvents(2);
      const results = await Promise.all([
        store().append(streamName, events, 'no_stream'),
        other.append(streamName, events, 'no_stream'),
      ]);
      expect(results.map((r) => r.written).sort()).toEqual([0, 2]);
      expect(await ids(store(), streamName)).toEqual(idsOf(events));
    } finally {
      await other.close();
    }
  });
});

describe('a lagging follower', () => {
  const { emulator, store } = useStore();

  test('decisions read the leader: a load and a lookup by id see the latest events', async () => {
    const streamName = `${uniquePrefix()}meeting`;
    await store().append(streamName, someEvents(1), 'no_stream');
    emulator().faults.followerSees = emulator().size;
    const late = someEvents(1);
    await store().append(streamName, late, 0);
    expect(await store().readStream(streamName)).toHaveLength(2);
    expect(idsOf(await store().findEvents(streamName, idsOf(late)))).toEqual(idsOf(late));
    const all = await store().readAll();
    expect(all[all.length - 1].eventId).toBe(late[0].eventId);
  });
});

/** Records what a subscription hands to its handlers. */
function record(store: EsdbEventStore, afterPosition?: number) {
  const seen: RecordedEvent[] = [];
  const state = { caughtUp: 0, errors: [] as Error[] };
  const subscription: Subscription = store.subscribeToAll(
    { ...(afterPosition === undefined ? {} : { afterPosition }) },
    {
      onEvent: (event) => void seen.push(event),
      onCaughtUp: () => void state.caughtUp++,
      onError: (error) => void state.errors.push(error),
    },
  );
  return { seen, state, subscription };
}

describe.each(SERVER_VERSIONS)('server version %s', (version: ServerVersion) => {
  const { emulator, store } = useStore({ version });

  test('a subscription catches up (onCaughtUp once), then goes live; fell_behind changes nothing', async () => {
    const streamName = `${uniquePrefix()}meeting`;
    await store().append(streamName, someEvents(3), 'no_stream');
    const { seen, state, subscription } = record(store());
    await waitUntil(() => state.caughtUp === 1 && seen.length === 3, 'the catch-up');
    emulator().fallBehind();
    await store().append(streamName, someEvents(2), 2);
    await waitUntil(() => seen.length === 5, 'the live events');
    expect(state.caughtUp).toBe(1);
    expect(new Set(idsOf(seen)).size).toBe(5);
    await subscription.stop();
  });

  test('a read from a position that starts no record reads what lies at or after it', async () => {
    const streamName = `${uniquePrefix()}meeting`;
    await store().append(streamName, someEvents(2), 'no_stream');
    const [first, second] = await store().readStream(streamName);
    expect(idsOf(await store().readAll({ fromPosition: first.position + 1 }))).toEqual([second.eventId]);
  });

  test('a checkpoint past the end of a restored log is refused, by reads and by subscriptions', async () => {
    const streamName = `${uniquePrefix()}meeting`;
    await store().append(streamName, someEvents(5), 'no_stream');
    const all = await store().readAll();
    const checkpoint = all[all.length - 1].position;
    emulator().restore(3);
    await expect(store().readAll({ afterPosition: checkpoint })).rejects.toBeInstanceOf(
      CheckpointAheadOfStore,
    );
    const { seen, state } = record(store(), checkpoint);
    await waitUntil(() => state.errors.length > 0, 'the refusal');
    expect(state.errors[0]).toBeInstanceOf(CheckpointAheadOfStore);
    expect(seen).toEqual([]);
  });

  test('a dropped subscription (23.10 slow consumer, an election) reaches onError', async () => {
    const { state } = record(store());
    await waitUntil(() => state.caughtUp === 1, 'the catch-up');
    if (version === '23.10') emulator().dropSlowConsumers();
    else emulator().election();
    await waitUntil(() => state.errors.length === 1, 'the drop');
  });
});

import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  AppendTooLarge,
  EventToAppend,
  RecordedEvent,
  Subscription,
  WrongExpectedVersion,
} from '../../src/application/event-store';
import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { Emulator, EmulatorOptions, startEmulator } from '../esdb-emulator/server';
import { waitUntil } from '../esdb-emulator/testing';

const anEvent = (type = 'MeetingConvened', data: unknown = { meetingId: 'm-1' }): EventToAppend => {
  const eventId = randomUUID();
  return {
    eventId,
    type,
    schemaVersion: 2,
    data,
    metadata: {
      eventId,
      commandId: randomUUID(),
      actor: 'secretary',
      causationId: randomUUID(),
      correlationId: randomUUID(),
      occurredAt: '2023-11-23T10:00:00.000Z',
    },
  };
};

const stream = (prefix = 'meeting') => `${prefix}-${randomUUID()}`;

/** A fresh emulator and store for each test; both closed after it. */
function useStore(options: EmulatorOptions = {}, maxAppendBytes?: number) {
  let emulator: Emulator | undefined;
  let store: EsdbEventStore | undefined;
  beforeEach(async () => {
    emulator = await startEmulator(options);
    store = new EsdbEventStore(emulator.connectionString, { maxAppendBytes });
  });
  afterEach(async () => {
    await store?.close();
    await emulator?.stop();
  });
  return {
    emulator: () => emulator as Emulator,
    store: () => store as EsdbEventStore,
  };
}

describe.each([
  { path: 'Append', options: { batchAppend: false } },
  { path: 'BatchAppend', options: { batchAppend: true } },
])('EsdbEventStore appending through $path', ({ options }) => {
  const { store } = useStore(options);

  test('events read back as appended, with the revision and position the append reported', async () => {
    const name = stream();
    const events = [anEvent('MeetingConvened', { at: '10:00', items: [1, 2] }), anEvent('NoticeSent', null)];

    const result = await store().append(name, events, 'no_stream');
    const read = await store().readStream(name);

    expect(read).toEqual(
      events.map((e, revision) => ({ ...e, streamName: name, revision, position: read[revision].position })),
    );
    expect(result).toEqual({ nextExpectedRevision: 1, position: read[1].position, written: 2 });
    expect(read[0].position).toBeLessThan(read[1].position);
  });

  test('conflicts become WrongExpectedVersion with the actual revision, undefined when there is no stream', async () => {
    const name = stream();
    await store().append(name, [anEvent(), anEvent()], 'any');
    const missing = stream();

    const conflicts = [
      store().append(name, [anEvent()], 5),
      store().append(name, [anEvent()], 'no_stream'),
      store().append(missing, [anEvent()], 'stream_exists'),
      store().append(missing, [anEvent()], 0),
    ];

    const errors = await Promise.all(
      conflicts.map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    expect(errors.every((e) => e instanceof WrongExpectedVersion)).toBe(true);
    expect(
      errors.map((e) => e as WrongExpectedVersion).map((e) => [e.streamName, e.expected, e.actual]),
    ).toEqual([
      [name, 5, 1],
      [name, 'no_stream', 1],
      [missing, 'stream_exists', undefined],
      [missing, 0, undefined],
    ]);
    expect(await store().readStream(name)).toHaveLength(2);
  });

  test('a retry with the same event ids at the same revision writes nothing and answers the same', async () => {
    const name = stream();
    const events = [anEvent(), anEvent()];
    const first = await store().append(name, events, 'no_stream');

    expect(await store().append(name, events, 'no_stream')).toEqual({ ...first, written: 0 });
    expect(await store().append(name, events, 'any')).toEqual({ ...first, written: 0 });
    expect(await store().readStream(name)).toHaveLength(2);
  });

  test('an empty append checks the expectation and reports the stream as it is', async () => {
    const name = stream();
    expect(await store().append(name, [], 'no_stream')).toEqual({
      nextExpectedRevision: -1,
      position: -1,
      written: 0,
    });
    const written = await store().append(name, [anEvent()], 'no_stream');

    expect(await store().append(name, [], 0)).toEqual({ ...written, written: 0 });
    await expect(store().append(name, [], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedVersion);
  });
});

describe('EsdbEventStore append size', () => {
  const limit = 2000;
  const { emulator, store } = useStore({ batchAppend: true, maxAppendSize: limit }, limit);
  const sent = () => emulator().callCount('BatchAppend.request') + emulator().callCount('Append');

  test('an append over the maximum is refused whole, before anything is sent', async () => {
    const name = stream();
    const events = [
      anEvent('Big', 'x'.repeat(800)),
      anEvent('Big', 'x'.repeat(800)),
      anEvent('Big', 'x'.repeat(800)),
    ];

    const error = await store()
      .append(name, events, 'any')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppendTooLarge);
    expect(error).toMatchObject({ streamName: name, maximum: limit });
    expect((error as AppendTooLarge).bytes).toBeGreaterThan(2400);
    expect(sent()).toBe(0);
    expect(await store().readStream(name)).toEqual([]);
  });

  test('the store measures appends as the server does: it refuses exactly what the server would', async () => {
    // A second store with no limit of its own lets the server judge the same appends.
    const unlimited = new EsdbEventStore(emulator().connectionString, { maxAppendBytes: 1024 * 1024 });
    const verdict = (target: EsdbEventStore, size: number) =>
      target.append(stream(), [anEvent('Sized', 'x'.repeat(size))], 'any').then(
        () => 'written',
        (e: unknown) => (e instanceof AppendTooLarge ? 'refused' : String(e)),
      );
    // Around the limit, the call's appendId (esdb-codec.ts) included.
    const sizes = Array.from({ length: 120 }, (_, i) => 1510 + i);
    try {
      const byServer = [];
      for (const size of sizes) byServer.push(await verdict(unlimited, size));
      const sentBefore = sent();
      const byStore = [];
      for (const size of sizes) byStore.push(await verdict(store(), size));

      expect(byStore).toEqual(byServer);
      expect(byStore).toContain('written');
      expect(byStore).toContain('refused');
      expect(sent() - sentBefore).toBe(byStore.filter((v) => v === 'written').length);
    } finally {
      await unlimited.close();
    }
  });
});

describe('EsdbEventStore against a server with a smaller maximum', () => {
  const { store } = useStore({ maxAppendSize: 500 });

  test('the server’s refusal becomes AppendTooLarge with the server’s maximum, nothing written', async () => {
    const name = stream();
    await expect(store().append(name, [anEvent('Big', 'x'.repeat(800))], 'any')).rejects.toMatchObject({
      constructor: AppendTooLarge,
      streamName: name,
      maximum: 500,
    });
    expect(await store().readStream(name)).toEqual([]);
  });
});

describe('EsdbEventStore reads', () => {
  const { emulator, store } = useStore();

  test('streams read forwards and backwards from a revision; a missing stream reads empty', async () => {
    const name = stream();
    await store().append(
      name,
      [0, 1, 2, 3].map((i) => anEvent('E', { i })),
      'no_stream',
    );
    const revisions = (events: RecordedEvent[]) => events.map((e) => e.revision);

    expect(revisions(await store().readStream(name, { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
    expect(revisions(await store().readStream(name, { direction: 'backwards', maxCount: 3 }))).toEqual([
      3, 2, 1,
    ]);
    expect(revisions(await store().readStream(name, { direction: 'backwards', fromRevision: 1 }))).toEqual([
      1, 0,
    ]);
    expect(await store().readStream(stream())).toEqual([]);
  });

  test('readAll shows events of every stream in order, never the server’s own records', async () => {
    const [a, b] = [stream('a'), stream('b')];
    await store().append(a, [anEvent('A1')], 'no_stream');
    await store().append(b, [anEvent('B1'), anEvent('B2')], 'no_stream');
    const client = EventStoreDBClient.connectionString(emulator().connectionString);
    await client.deleteStream(a); // writes $metadata to $$a
    await client.tombstoneStream(b); // writes $streamDeleted into b itself
    await client.dispose();
    await store().append(stream('c'), [anEvent('C1')], 'no_stream');

    const all = await store().readAll();

    expect(all.map((e) => e.type)).toEqual(['A1', 'B1', 'B2', 'C1']);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((x, y) => x - y));
    expect(
      (await store().readAll({ fromPosition: all[1].position, maxCount: 2 })).map((e) => e.type),
    ).toEqual(['B1', 'B2']);
  });

  test('readAll from a position that starts no record reads what lies at or after it', async () => {
    await store().append(stream(), [anEvent('One'), anEvent('Two'), anEvent('Three')], 'no_stream');
    const [, two, three] = await store().readAll();

    expect((await store().readAll({ fromPosition: two.position + 1 })).map((e) => e.type)).toEqual(['Three']);
    expect(await store().readAll({ fromPosition: three.position + 1 })).toEqual([]);
  });

  test('readAll pages through a long $all without losing or repeating an event', async () => {
    for (let i = 0; i < 24; i += 1) {
      await store().append(
        stream('bulk'),
        Array.from({ length: 50 }, () => anEvent('Bulk')),
        'no_stream',
      );
    }
    const all = await store().readAll();
    expect(all).toHaveLength(1200);
    expect(new Set(all.map((e) => e.eventId)).size).toBe(1200);
    expect((await store().readAll({ fromPosition: all[700].position })).length).toBe(500);
  });
});

describe('EsdbEventStore subscriptions', () => {
  const { emulator, store } = useStore();
  let subscriptions: Subscription[] = [];
  afterEach(async () => {
    await Promise.all(subscriptions.map((s) => s.stop()));
    subscriptions = [];
  });

  function subscribe(afterPosition?: number, streamPrefixes?: string[], delayMs = 0) {
    const seen = { events: [] as RecordedEvent[], log: [] as string[], errors: [] as Error[] };
    const subscription = store().subscribeToAll(
      { afterPosition, streamPrefixes },
      {
        onEvent: async (event) => {
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          seen.events.push(event);
          seen.log.push(event.type);
        },
        onCaughtUp: () => seen.log.push('caught up'),
        onError: (error) => seen.errors.push(error),
      },
    );
    subscriptions.push(subscription);
    return { seen, subscription };
  }

  test('catch-up, then onCaughtUp once every old event is handled, then live events', async () => {
    await store().append(stream(), [anEvent('Old1'), anEvent('Old2'), anEvent('Old3')], 'no_stream');
    const { seen } = subscribe(undefined, undefined, 20);

    await waitUntil(() => seen.log.includes('caught up'), 'catch-up');
    await store().append(stream(), [anEvent('New')], 'no_stream');
    await waitUntil(() => seen.events.length === 4, 'the live event');

    expect(seen.log).toEqual(['Old1', 'Old2', 'Old3', 'caught up', 'New']);
  });

  test('only the streams with the prefixes, after the position given', async () => {
    await store().append(stream('meeting'), [anEvent('M1'), anEvent('M2')], 'no_stream');
    await store().append(stream('proxy'), [anEvent('P1')], 'no_stream');
    const [m1] = await store().readAll();
    const { seen } = subscribe(m1.position, ['meeting-']);

    await waitUntil(() => seen.log.includes('caught up'), 'catch-up');
    await store().append(stream('proxy'), [anEvent('P2')], 'no_stream');
    await store().append(stream('meeting'), [anEvent('M3')], 'no_stream');
    await waitUntil(() => seen.log.includes('M3'), 'the live event');

    expect(seen.log).toEqual(['M2', 'caught up', 'M3']);
  });

  test('after a drop, resuming from the last handled position misses and repeats nothing', async () => {
    await store().append(stream(), [anEvent('E1'), anEvent('E2')], 'no_stream');
    const first = subscribe();
    await waitUntil(() => first.seen.log.includes('caught up'), 'catch-up');
    await store().append(stream(), [anEvent('E3')], 'no_stream');
    await waitUntil(() => first.seen.events.length === 3, 'E3');

    emulator().dropSubscriptions();
    await waitUntil(() => first.seen.errors.length === 1, 'the drop');
    await store().append(stream(), [anEvent('E4')], 'no_stream');
    const resumed = subscribe(first.seen.events[first.seen.events.length - 1].position);
    await store().append(stream(), [anEvent('E5')], 'no_stream');
    await waitUntil(() => resumed.seen.events.length === 2, 'the events after the checkpoint');

    expect(first.seen.log).toEqual(['E1', 'E2', 'caught up', 'E3']);
    expect(resumed.seen.events.map((e) => e.type)).toEqual(['E4', 'E5']);
    expect(first.seen.errors[0].message).toMatch(/dropped/);
  });

  test('a failing handler ends the subscription with its error', async () => {
    await store().append(stream(), [anEvent('Bad'), anEvent('Next')], 'no_stream');
    const handled: string[] = [];
    const failure = new Error('projection failed');
    const errors: Error[] = [];
    subscriptions.push(
      store().subscribeToAll(
        {},
        {
          onEvent: (event) => {
            handled.push(event.type);
            if (event.type === 'Bad') throw failure;
          },
          onError: (error) => errors.push(error),
        },
      ),
    );

    await waitUntil(() => errors.length === 1, 'the error');
    await store().append(stream(), [anEvent('Later')], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(errors).toEqual([failure]);
    expect(handled).toEqual(['Bad']);
  });

  test('stop() ends delivery; close() stops what is still running', async () => {
    const stopped = subscribe();
    const closed = subscribe();
    await waitUntil(
      () => stopped.seen.log.includes('caught up') && closed.seen.log.includes('caught up'),
      'catch-up',
    );

    await stopped.subscription.stop();
    await store().append(stream(), [anEvent('AfterStop')], 'no_stream');
    await waitUntil(() => closed.seen.events.length === 1, 'the event');
    await store().close();

    expect(stopped.seen.events).toEqual([]);
    expect(closed.seen.errors).toEqual([]);
  });
});

describe('EsdbEventStore against positions past 2^53', () => {
  const { store } = useStore({ firstPosition: 2n ** 53n });

  test('numbers that a JS number cannot hold exactly are refused, not rounded', async () => {
    await expect(store().append(stream(), [anEvent()], 'any')).rejects.toThrow(RangeError);
    await expect(store().readAll()).rejects.toThrow(/beyond what a JS number holds/);
  });
});

import {
  AllStreamResolvedEvent,
  END,
  eventTypeFilter,
  excludeSystemEvents,
  Position,
  ResolvedEvent,
  START,
  StreamDeletedError,
  streamNameFilter,
  UnavailableError,
} from '@eventstore/db-client';
import { rawMessagesUntilCaughtUp, subscribeToAllRequest } from './raw-client';
import { anEvent, collect, uniqueStream, useEmulator, waitUntil } from './testing';

interface Observed {
  readonly types: string[];
  confirmed: boolean;
  caughtUp: boolean;
  error?: Error;
}

/** Records what a subscription of the real client emits. */
function observe(subscription: NodeJS.EventEmitter): Observed {
  const observed: Observed = { types: [], confirmed: false, caughtUp: false };
  subscription.on('data', (resolved: ResolvedEvent | AllStreamResolvedEvent) =>
    observed.types.push(resolved.event?.type ?? '?'),
  );
  subscription.on('confirmation', () => (observed.confirmed = true));
  subscription.on('caughtUp', () => (observed.caughtUp = true));
  subscription.on('error', (error: Error) => (observed.error = error));
  return observed;
}

describe('subscriptions through the real client', () => {
  const { emulator, client } = useEmulator();

  test('on the wire: a confirmation, the catch-up events, then caught_up', async () => {
    await client().appendToStream('wire-1', [anEvent('Old1'), anEvent('Old2')]);
    const messages = await rawMessagesUntilCaughtUp(emulator().port, subscribeToAllRequest());
    expect(messages).toEqual([
      'confirmation',
      'event $ProjectionsInitialized',
      'event Old1',
      'event Old2',
      'caught_up',
    ]);
  });

  test('a $all subscription filtered by stream prefix gets matching old and new events', async () => {
    await client().appendToStream('meeting-1', [anEvent('Old1'), anEvent('Old2')]);
    await client().appendToStream('other-1', anEvent('Noise'));
    const subscription = client().subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: ['meeting-'] }),
    });
    const observed = observe(subscription);

    await waitUntil(() => observed.caughtUp && observed.types.length === 2, 'catch-up');
    expect(subscription.id).toMatch(/^[0-9a-f-]{36}$/);
    await client().appendToStream('meeting-2', anEvent('New'));
    await client().appendToStream('other-2', anEvent('Noise'));
    await client().appendToStream('meeting-1', anEvent('Newer'));
    await waitUntil(() => observed.types.length === 4, 'live events');
    await subscription.unsubscribe();

    expect(observed.confirmed).toBe(true);
    expect(observed.types).toEqual(['Old1', 'Old2', 'New', 'Newer']);
  });

  test('filtered subscriptions get a checkpoint every checkpointInterval × 32 records scanned', async () => {
    for (let i = 0; i < 70; i += 1) await client().appendToStream(`noise-${i % 3}`, anEvent('Noise'));
    const all = (await collect(client().readAll())).map((e) => e.event?.position.commit);
    const checkpoints: Position[] = [];
    const subscription = client().subscribeToAll({
      filter: streamNameFilter({
        prefixes: ['wanted-'],
        checkpointInterval: 1,
        checkpointReached: (_s, p) => void checkpoints.push(p),
      }),
    });
    const observed = observe(subscription);
    await waitUntil(() => observed.caughtUp, 'catch-up');

    for (let i = 0; i < 40; i += 1) await client().appendToStream('noise-live', anEvent('Noise'));
    await waitUntil(() => checkpoints.length === 3, 'the live checkpoint');
    await subscription.unsubscribe();

    // 71 records at catch-up (the server's first one included), 111 after: checkpoints at records 32, 64 and 96.
    expect(checkpoints.slice(0, 2).map((p) => p.commit)).toEqual([all[31], all[63]]);
    expect(checkpoints.every((p) => p.commit === p.prepare)).toBe(true);
    expect(observed.types).toEqual([]);
  });

  test('event type filters (regex or prefix), stream name regexes and excludeSystemEvents', async () => {
    await client().appendToStream('types-1', [
      anEvent('VoteCast'),
      anEvent('Noise'),
      anEvent('VoteWithdrawn'),
    ]);
    await client().appendToStream('proxy-types-2', anEvent('ProxyLodged'));
    const subscriptions = [
      client().subscribeToAll({ filter: eventTypeFilter({ regex: '^Vote' }) }),
      client().subscribeToAll({ filter: eventTypeFilter({ prefixes: ['Noise'] }) }),
      client().subscribeToAll({ filter: streamNameFilter({ regex: 'types-[2-9]$' }) }),
      client().subscribeToAll({ filter: excludeSystemEvents() }),
    ];
    const observed = subscriptions.map(observe);

    await waitUntil(() => observed.every((o) => o.caughtUp), 'catch-up');
    await Promise.all(subscriptions.map((s) => s.unsubscribe()));

    expect(observed.map((o) => o.types)).toEqual([
      ['VoteCast', 'VoteWithdrawn'],
      ['Noise'],
      ['ProxyLodged'],
      ['VoteCast', 'Noise', 'VoteWithdrawn', 'ProxyLodged'],
    ]);
  });

  test('subscribing from a position excludes it; from the end gives only new events', async () => {
    await client().appendToStream('from-1', [anEvent('A'), anEvent('B'), anEvent('C')]);
    const [, , b] = (await collect(client().readAll())).map((e) => e.event);
    const fromB = client().subscribeToAll({
      fromPosition: b?.position ?? START,
      filter: excludeSystemEvents(),
    });
    const fromEnd = client().subscribeToAll({ fromPosition: END });
    const observed = [fromB, fromEnd].map(observe);

    await waitUntil(() => observed.every((o) => o.caughtUp), 'catch-up');
    await client().appendToStream('from-1', anEvent('D'));
    await waitUntil(() => observed.every((o) => o.types.includes('D')), 'the live event');
    await Promise.all([fromB, fromEnd].map((s) => s.unsubscribe()));

    expect(observed.map((o) => o.types)).toEqual([['C', 'D'], ['D']]);
  });

  test('a stream subscription gets that stream only, after the revision it starts from', async () => {
    const stream = uniqueStream('stream-sub');
    await client().appendToStream(stream, [anEvent('R0'), anEvent('R1'), anEvent('R2')]);
    const fromStart = client().subscribeToStream(stream);
    const afterOne = client().subscribeToStream(stream, { fromRevision: 1n });
    const observed = [fromStart, afterOne].map(observe);

    await waitUntil(() => observed.every((o) => o.caughtUp), 'catch-up');
    await client().appendToStream(uniqueStream('elsewhere'), anEvent('Elsewhere'));
    await client().appendToStream(stream, anEvent('R3'));
    await waitUntil(() => observed.every((o) => o.types.includes('R3')), 'the live event');
    await Promise.all([fromStart, afterOne].map((s) => s.unsubscribe()));

    expect(observed.map((o) => o.types)).toEqual([
      ['R0', 'R1', 'R2', 'R3'],
      ['R2', 'R3'],
    ]);
  });

  test('a stream subscription ends with StreamDeletedError when the stream is tombstoned', async () => {
    const stream = uniqueStream('tombstoned-sub');
    await client().appendToStream(stream, anEvent());
    const observed = observe(client().subscribeToStream(stream));
    await waitUntil(() => observed.caughtUp, 'catch-up');

    await client().tombstoneStream(stream);

    await waitUntil(() => observed.error !== undefined, 'the error');
    expect(observed.error).toBeInstanceOf(StreamDeletedError);
  });

  test('a dropped subscription surfaces UnavailableError; the client works again afterwards', async () => {
    const observed = observe(client().subscribeToAll({ filter: excludeSystemEvents() }));
    await waitUntil(() => observed.caughtUp, 'catch-up');

    emulator().dropSubscriptions();

    await waitUntil(() => observed.error !== undefined, 'the drop');
    expect(observed.error).toBeInstanceOf(UnavailableError);
    const result = await client().appendToStream(uniqueStream('after-drop'), anEvent());
    expect(result.success).toBe(true);
  });
});

import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import { SERVER_VERSIONS, ServerVersion } from './faults';
import { anEvent, collect, uniqueStream, useEmulator, waitUntil } from './testing';

/** The ids a stream holds, as a leader sees them; none for a missing stream. */
async function idsIn(client: EventStoreDBClient, streamName: string, requiresLeader = true) {
  try {
    const read = await collect(client.readStream(streamName, { requiresLeader }));
    return read.map((resolved) => resolved.event?.id);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults of a production cluster (faults.ts)', () => {
  const { emulator, client } = useEmulator();

  test.each([
    ['timeout-after-commit', TimeoutError],
    ['unavailable-after-commit', UnavailableError],
    ['not-leader-after-commit', NotLeaderError],
  ] as const)('%s: the append fails, yet its event is recorded', async (fault, errorClass) => {
    const stream = uniqueStream('commit');
    const event = anEvent();
    emulator().faults.failAppends(fault);
    await expect(client().appendToStream(stream, event)).rejects.toBeInstanceOf(errorClass);
    expect(await idsIn(client(), stream)).toEqual([event.id]);
  });

  test.each([
    ['timeout', TimeoutError],
    ['unavailable', UnavailableError],
    ['not-leader', NotLeaderError],
  ] as const)('%s before the commit: the append fails and nothing is written', async (fault, errorClass) => {
    const stream = uniqueStream('lost');
    emulator().faults.failAppends(fault);
    await expect(client().appendToStream(stream, anEvent())).rejects.toBeInstanceOf(errorClass);
    expect(await idsIn(client(), stream)).toEqual([]);
    // The client reconnects (to the leader a not-leader answer named) and goes on.
    await client().appendToStream(stream, anEvent());
  });

  test('a write pending replication is hidden, its retry times out, then it appears once', async () => {
    const stream = uniqueStream('pending');
    const event = anEvent();
    emulator().faults.pendingMs = 200;
    emulator().faults.failAppends('timeout-pending');
    await expect(client().appendToStream(stream, event)).rejects.toBeInstanceOf(TimeoutError);
    expect(await idsIn(client(), stream)).toEqual([]);
    await expect(client().appendToStream(stream, event)).rejects.toBeInstanceOf(TimeoutError);
    await waitUntil(() => emulator().size > 0, 'never');
    await sleep(250);
    expect(await idsIn(client(), stream)).toEqual([event.id]);
    await client().appendToStream(stream, event, { expectedRevision: 'no_stream' });
    expect(await idsIn(client(), stream)).toEqual([event.id]);
  });

  test('after an election, a retry with any writes its events again; an exact revision does not', async () => {
    const stream = uniqueStream('forgetful');
    const first = anEvent();
    await client().appendToStream(stream, first, { expectedRevision: ANY });
    await client().appendToStream(stream, first, { expectedRevision: ANY });
    expect(await idsIn(client(), stream)).toEqual([first.id]);
    emulator().election();
    await client().appendToStream(stream, first, { expectedRevision: ANY });
    expect(await idsIn(client(), stream)).toEqual([first.id, first.id]);

    const exact = uniqueStream('exact');
    const event = anEvent();
    await client().appendToStream(exact, event, { expectedRevision: 'no_stream' });
    emulator().election();
    await client().appendToStream(exact, event, { expectedRevision: 'no_stream' });
    expect(await idsIn(client(), exact)).toEqual([event.id]);
  });

  test('a lagging follower serves stale reads unless the leader is required', async () => {
    const stream = uniqueStream('stale');
    await client().appendToStream(stream, anEvent());
    emulator().faults.followerSees = emulator().size;
    const late = anEvent();
    await client().appendToStream(stream, late);
    expect(await idsIn(client(), stream, false)).toHaveLength(1);
    expect(await idsIn(client(), stream, true)).toEqual(expect.arrayContaining([late.id]));
    const tail = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    expect(tail[0].event?.id).not.toBe(late.id);
  });
});

describe('a BatchAppend call cut by an election', () => {
  const { emulator, client } = useEmulator({ batchAppend: true });

  test('rejects every append in flight, though some of them committed', async () => {
    const streams = Array.from({ length: 4 }, () => uniqueStream('cut'));
    emulator().faults.batchCutAfter = 2;
    const answers = await Promise.allSettled(streams.map((s) => client().appendToStream(s, anEvent())));
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const written = await Promise.all(streams.map((s) => idsIn(client(), s)));
    expect(written.filter((ids) => ids.length === 1)).toHaveLength(2);
  });
});

describe.each(SERVER_VERSIONS)('server version %s', (version: ServerVersion) => {
  const { emulator, client } = useEmulator({ version });
  const modern = version === '24.10' || version === '25';

  test(`a read from a position that starts no record fails with ${modern ? 'INVALID_ARGUMENT' : 'UNKNOWN'}`, async () => {
    await client().appendToStream(uniqueStream('p'), anEvent());
    const read = client().readAll({ fromPosition: { commit: 1n, prepare: 1n } });
    const error = await collect(read).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownError);
    expect((error as UnknownError).code).toBe(modern ? 3 : 2);
  });

  test(`a subscription ${version === '22.10' ? 'never sends' : 'sends'} caught_up`, async () => {
    await client().appendToStream(uniqueStream('c'), anEvent());
    const subscription = client().subscribeToAll();
    let caughtUp = 0;
    const seen: string[] = [];
    subscription.on('caughtUp', () => caughtUp++);
    subscription.on('data', (resolved: { event?: { type: string } }) =>
      seen.push(resolved.event?.type ?? ''),
    );
    await waitUntil(() => seen.length === 2, 'the catch-up events');
    await sleep(100);
    expect(caughtUp).toBe(version === '22.10' ? 0 : 1);
    if (modern) {
      emulator().fallBehind();
      let fellBehind = 0;
      subscription.on('fellBehind', () => fellBehind++);
      await waitUntil(() => caughtUp === 2, 'a second caught_up');
      expect(fellBehind).toBe(1);
    }
    await subscription.unsubscribe();
  });

  test(`a subscription from past the end ${modern ? 'silently skips to live' : 'fails'}`, async () => {
    const stream = uniqueStream('restored');
    for (let i = 0; i < 5; i++) await client().appendToStream(stream, anEvent());
    const [last] = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    const checkpoint = last.event!.position;
    emulator().restore(2);
    const subscription = client().subscribeToAll({ fromPosition: checkpoint });
    const seen: bigint[] = [];
    let error: Error | undefined;
    subscription.on('data', (resolved: { event?: { position: { commit: bigint } } }) =>
      seen.push(resolved.event!.position.commit),
    );
    subscription.on('error', (e: Error) => (error = e));
    for (let i = 0; i < 8; i++) await client().appendToStream(stream, anEvent(), { expectedRevision: ANY });
    await waitUntil(() => error !== undefined || seen.length >= 4, 'the live events or an error');
    await sleep(50);
    if (modern) {
      // Records 2 to 5 of the restored log sit at or below the checkpoint: skipped, unannounced.
      expect(error).toBeUndefined();
      expect(seen).toHaveLength(4);
      expect(seen.every((position) => position > checkpoint.commit)).toBe(true);
    } else expect(error).toBeInstanceOf(UnknownError);
    await subscription.unsubscribe();
  });
});

describe('23.10 drops a slow consumer', () => {
  const { emulator, client } = useEmulator({ version: '23.10' });

  test('a live subscription ends with a timeout; the client does not resubscribe', async () => {
    const subscription = client().subscribeToAll();
    let caughtUp = false;
    let error: Error | undefined;
    subscription.on('caughtUp', () => (caughtUp = true));
    subscription.on('error', (e: Error) => (error = e));
    subscription.on('data', () => undefined);
    await waitUntil(() => caughtUp, 'caught_up');
    emulator().dropSlowConsumers();
    await waitUntil(() => error !== undefined, 'the drop');
    expect(error).toBeInstanceOf(TimeoutError);
  });
});

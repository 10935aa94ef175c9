/**
 * What every EventStore must do, run against each implementation (memory, SQLite, EventStoreDB).
 *
 * Written so it also holds on a store shared between tests (a running EventStoreDB): every test
 * names its streams under a fresh prefix, and reads of $all are filtered to that prefix or start
 * at a position the test itself obtained. Nothing assumes positions start at 0 or are dense.
 */
import { randomUUID } from 'crypto';
import fc from 'fast-check';
import {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
  WrongExpectedVersion,
} from '../../src/application/event-store';

/**
 * What a retry answers: the first append's revision and position, and (where the store tells how
 * many events an append wrote) that it wrote none, so that a writer counting what it recorded does
 * not count an append another writer had already made.
 */
const asRetry = (first: AppendResult): AppendResult =>
  first.written === undefined ? first : { ...first, written: 0 };

export interface StoreUnderTest {
  readonly store: EventStore;
  /** Closes the store and removes whatever it left behind (files, containers...). */
  cleanup(): Promise<void>;
}

export type MakeStore = () => Promise<StoreUnderTest>;

// ---------------------------------------------------------------------------------------------
// Event builders, shared with the store-specific tests.

export function anEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  const eventId = overrides.eventId ?? randomUUID();
  return {
    eventId,
    type: 'TestEventRecorded',
    schemaVersion: 1,
    data: { note: `event ${eventId}` },
    metadata: {
      eventId,
      commandId: randomUUID(),
      actor: 'clerk@example.test',
      causationId: randomUUID(),
      correlationId: randomUUID(),
      occurredAt: '2023-11-23T10:00:00.000Z',
    },
    ...overrides,
  };
}

export function someEvents(count: number, type = 'TestEventRecorded'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => anEvent({ type, data: { index: i } }));
}

export const idsOf = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);

/** A prefix no other test (or earlier run against a shared store) uses. */
export const uniquePrefix = (): string => `t${randomUUID().replace(/-/g, '').slice(0, 12)}-`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected the promise to be rejected, but it resolved');
    },
    (error: unknown) => error,
  );
}

export async function expectConflict(
  promise: Promise<unknown>,
  streamName: string,
  expected: ExpectedRevision,
  actual: number | undefined,
): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedVersion);
  expect(error).toMatchObject({ streamName, expected, actual });
}

/** Longer than any store's poll interval, so "nothing arrived" is not just "not yet". */
const QUIET_PERIOD_MS = 300;

// ---------------------------------------------------------------------------------------------

export function describeEventStoreContract(name: string, makeStore: MakeStore): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    let ns: string;
    let subscriptions: Subscription[];

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
      ns = uniquePrefix();
      subscriptions = [];
    });

    afterEach(async () => {
      await Promise.all(subscriptions.map((s) => s.stop()));
      await subject.cleanup();
    });

    const stream = (suffix: string): string => `${ns}${suffix}`;
    const ours = (events: RecordedEvent[]): RecordedEvent[] =>
      events.filter((e) => e.streamName.startsWith(ns));
    const readStreamIds = async (streamName: string): Promise<string[]> =>
      idsOf(await store.readStream(streamName));

    /** Everything in $all from `fromPosition` that belongs to this test. */
    const readOurs = async (fromPosition: number): Promise<RecordedEvent[]> =>
      ours(await store.readAll({ fromPosition }));

    /** A stream holding `count` events, and the result of writing them. */
    async function seed(
      streamName: string,
      count = 2,
    ): Promise<{ events: EventToAppend[]; result: AppendResult }> {
      const events = someEvents(count);
      return { events, result: await store.append(streamName, events, 'no_stream') };
    }

    function record(options: SubscribeToAllOptions) {
      const seen: RecordedEvent[] = [];
      const log: string[] = [];
      const errors: Error[] = [];
      let caughtUp = 0;
      const subscription = store.subscribeToAll(options, {
        onEvent: (event) => {
          // Thrown rather than recorded: a store that re-delivers in a tight loop would otherwise
          // starve the timers and hang the test instead of failing it.
          if (log.includes(event.eventId)) throw new Error(`Delivered twice: ${event.eventId}`);
          seen.push(event);
          log.push(event.eventId);
        },
        onCaughtUp: () => {
          caughtUp++;
          log.push('caught-up');
        },
        onError: (error) => errors.push(error),
      });
      subscriptions.push(subscription);
      return { seen, log, errors, subscription, caughtUpCount: () => caughtUp };
    }

    describe('append: expected revisions', () => {
      it.each<[string, ExpectedRevision]>([
        ['no_stream', 'no_stream'],
        ['any', 'any'],
        ['exact -1', -1],
      ])('creates a new stream with %s, revisions starting at 0', async (_label, expected) => {
        const events = someEvents(3);
        const result = await store.append(stream('meeting-1'), events, expected);
        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(stream('meeting-1'));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(idsOf(read)).toEqual(idsOf(events));
        expect(read.every((e) => e.streamName === stream('meeting-1'))).toBe(true);
      });

      it('appends after the exact last revision', async () => {
        await seed(stream('meeting-1'), 2);
        const more = someEvents(2);
        const result = await store.append(stream('meeting-1'), more, 1);
        expect(result.nextExpectedRevision).toBe(3);
        expect((await store.readStream(stream('meeting-1'))).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('refuses a stale exact revision, reporting the actual one', async () => {
        await seed(stream('meeting-1'), 3);
        await expectConflict(store.append(stream('meeting-1'), someEvents(1), 1), stream('meeting-1'), 1, 2);
      });

      it('refuses an exact revision ahead of the stream', async () => {
        await seed(stream('meeting-1'), 2);
        await expectConflict(store.append(stream('meeting-1'), someEvents(1), 5), stream('meeting-1'), 5, 1);
      });

      it('refuses an exact revision on a missing stream, with actual undefined', async () => {
        await expectConflict(
          store.append(stream('missing'), someEvents(1), 0),
          stream('missing'),
          0,
          undefined,
        );
      });

      it('refuses no_stream on an existing stream', async () => {
        await seed(stream('meeting-1'), 1);
        await expectConflict(
          store.append(stream('meeting-1'), someEvents(1), 'no_stream'),
          stream('meeting-1'),
          'no_stream',
          0,
        );
      });

      it('refuses stream_exists on a missing stream, with actual undefined', async () => {
        await expectConflict(
          store.append(stream('missing'), someEvents(1), 'stream_exists'),
          stream('missing'),
          'stream_exists',
          undefined,
        );
        expect(await store.readStream(stream('missing'))).toEqual([]);
      });

      it('accepts stream_exists on an existing stream', async () => {
        await seed(stream('meeting-1'), 2);
        const result = await store.append(stream('meeting-1'), someEvents(1), 'stream_exists');
        expect(result.nextExpectedRevision).toBe(2);
      });

      it('accepts any, whatever the revision', async () => {
        await seed(stream('meeting-1'), 2);
        expect((await store.append(stream('meeting-1'), someEvents(2), 'any')).nextExpectedRevision).toBe(3);
        expect((await store.append(stream('meeting-1'), someEvents(1), 'any')).nextExpectedRevision).toBe(4);
      });

      it('raises a WrongExpectedVersion that names the stream, the expectation and the actual revision', async () => {
        await seed(stream('meeting-1'), 4);
        const error = await rejectionOf(store.append(stream('meeting-1'), someEvents(1), 0));
        expect(error).toBeInstanceOf(WrongExpectedVersion);
        expect(error).toBeInstanceOf(Error);
        const conflict = error as WrongExpectedVersion;
        expect(conflict.name).toBe('WrongExpectedVersion');
        expect(conflict.streamName).toBe(stream('meeting-1'));
        expect(conflict.expected).toBe(0);
        expect(conflict.actual).toBe(3);
        expect(conflict.message).toContain(stream('meeting-1'));
      });

      it('keeps streams independent: a conflict on one does not affect another', async () => {
        await seed(stream('meeting-1'), 2);
        await seed(stream('meeting-2'), 1);
        await expectConflict(store.append(stream('meeting-1'), someEvents(1), 0), stream('meeting-1'), 0, 1);
        expect((await store.append(stream('meeting-2'), someEvents(1), 0)).nextExpectedRevision).toBe(1);
      });
    });

    describe('append: a refused append leaves no trace', () => {
      it.each<[string, string, ExpectedRevision]>([
        ['a stale exact revision', 'meeting-1', 0],
        ['an exact revision ahead', 'meeting-1', 7],
        ['no_stream on an existing stream', 'meeting-1', 'no_stream'],
        ['stream_exists on a missing stream', 'missing', 'stream_exists'],
        ['an exact revision on a missing stream', 'missing', 3],
      ])(
        'after %s, nothing is written and the next correct append succeeds',
        async (_label, target, expected) => {
          const { result: seeded } = await seed(stream('meeting-1'), 2);
          const before = await readOurs(0);
          const refused = someEvents(3);

          await expect(store.append(stream(target), refused, expected)).rejects.toBeInstanceOf(
            WrongExpectedVersion,
          );

          expect(await readOurs(0)).toEqual(before);
          expect(await store.readStream(stream('missing'))).toEqual([]);
          // The very events that were refused go in now, where they belong: no id, revision or
          // stream version was left behind by the refusal.
          const correct: ExpectedRevision = target === 'missing' ? 'no_stream' : 1;
          const accepted = await store.append(stream(target), refused, correct);
          expect(accepted.nextExpectedRevision).toBe(target === 'missing' ? 2 : 4);
          expect(accepted.position).toBeGreaterThan(seeded.position);
          const read = await store.readStream(stream(target));
          expect(idsOf(read).slice(-3)).toEqual(idsOf(refused));
          expect(read.map((e) => e.revision)).toEqual(target === 'missing' ? [0, 1, 2] : [0, 1, 2, 3, 4]);
        },
      );

      it('after several refusals in a row, the stream still reports and accepts its true revision', async () => {
        await seed(stream('meeting-1'), 1);
        for (const wrong of [5, 3, 'no_stream', -1] as const) {
          await expectConflict(
            store.append(stream('meeting-1'), someEvents(2), wrong),
            stream('meeting-1'),
            wrong,
            0,
          );
        }
        expect((await store.append(stream('meeting-1'), someEvents(1), 0)).nextExpectedRevision).toBe(1);
      });
    });

    describe('append: idempotent retries', () => {
      it.each<[string, ExpectedRevision | 'after-seed']>([
        ['an exact revision', 'after-seed'],
        ['no_stream', 'no_stream'],
        ['any', 'any'],
        ['stream_exists', 'stream_exists'],
      ])('a retry with %s writes nothing and answers as the first time', async (_label, mode) => {
        const streamName = stream('meeting-1');
        if (mode !== 'no_stream') await seed(streamName, 2);
        const expected: ExpectedRevision = mode === 'after-seed' ? 1 : mode;
        const events = someEvents(3);
        const first = await store.append(streamName, events, expected);
        const afterFirst = await store.readStream(streamName);

        const retry = await store.append(streamName, events, expected);
        const again = await store.append(streamName, events, expected);

        expect(retry).toEqual(asRetry(first));
        expect(again).toEqual(asRetry(first));
        expect(await store.readStream(streamName)).toEqual(afterFirst);
      });

      it('recognises a retry even after later events were appended to the stream', async () => {
        const streamName = stream('meeting-1');
        await seed(streamName, 1);
        const events = someEvents(2);
        const first = await store.append(streamName, events, 0);
        await store.append(streamName, someEvents(2), 2);
        const before = await store.readStream(streamName);

        expect(await store.append(streamName, events, 0)).toEqual(asRetry(first));
        expect(await store.append(streamName, events, 'any')).toEqual(asRetry(first));
        expect(await store.readStream(streamName)).toEqual(before);
      });

      it('treats known ids in a different arrangement as a conflict, not a retry', async () => {
        const streamName = stream('meeting-1');
        const [a, b] = someEvents(2);
        await store.append(streamName, [a, b], 'no_stream');
        const c = anEvent();
        await expectConflict(store.append(streamName, [a, c], 'no_stream'), streamName, 'no_stream', 1);
        await expectConflict(store.append(streamName, [a, c], 'any'), streamName, 'any', 1);
        expect(await readStreamIds(streamName)).toEqual([a.eventId, b.eventId]);
      });
    });

    describe('append: empty appends', () => {
      it('to a missing stream with no_stream or any answers -1 and creates nothing', async () => {
        const streamName = stream('empty');
        expect(await store.append(streamName, [], 'no_stream')).toMatchObject({
          nextExpectedRevision: -1,
          position: -1,
        });
        expect(await store.append(streamName, [], 'any')).toMatchObject({
          nextExpectedRevision: -1,
          position: -1,
        });
        expect(await store.readStream(streamName)).toEqual([]);
        await expectConflict(
          store.append(streamName, [], 'stream_exists'),
          streamName,
          'stream_exists',
          undefined,
        );
      });

      it('to an existing stream answers its current revision and position, and checks the expectation', async () => {
        const streamName = stream('meeting-1');
        const { result } = await seed(streamName, 2);
        expect(await store.append(streamName, [], 1)).toEqual(asRetry(result));
        expect(await store.append(streamName, [], 'any')).toEqual(asRetry(result));
        expect(await store.append(streamName, [], 'stream_exists')).toEqual(asRetry(result));
        await expectConflict(store.append(streamName, [], 0), streamName, 0, 1);
        await expectConflict(store.append(streamName, [], 'no_stream'), streamName, 'no_stream', 1);
        expect((await store.readStream(streamName)).length).toBe(2);
      });
    });

    describe('append: revisions and positions', () => {
      it('gives positions that strictly increase across streams and match the append results', async () => {
        const results: AppendResult[] = [];
        const revisions = new Map<string, number>();
        for (const name of ['meeting-1', 'proxy-7', 'meeting-1', 'vote-3', 'proxy-7', 'meeting-1']) {
          const result = await store.append(stream(name), someEvents(2), revisions.get(name) ?? 'no_stream');
          revisions.set(name, result.nextExpectedRevision);
          results.push(result);
        }
        const positions = results.map((r) => r.position);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        expect(new Set(positions).size).toBe(positions.length);

        const all = await readOurs(0);
        expect(all.length).toBe(12);
        for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
        expect(all.filter((_, i) => i % 2 === 1).map((e) => e.position)).toEqual(positions);
      });

      it('records every event of one append contiguously in its stream', async () => {
        await seed(stream('meeting-1'), 1);
        await store.append(stream('meeting-2'), someEvents(1), 'no_stream');
        const events = someEvents(4);
        await store.append(stream('meeting-1'), events, 0);
        const read = await store.readStream(stream('meeting-1'), { fromRevision: 1 });
        expect(idsOf(read)).toEqual(idsOf(events));
        expect(read.map((e) => e.revision)).toEqual([1, 2, 3, 4]);
      });
    });

    describe('append: large appends', () => {
      it('writes 5,000 events in one append', async () => {
        const events = someEvents(5_000);
        const result = await store.append(stream('big'), events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(4_999);
        const read = await store.readStream(stream('big'));
        expect(read.length).toBe(5_000);
        expect(idsOf(read)).toEqual(idsOf(events));
        expect(read[4_999]).toMatchObject({
          revision: 4_999,
          position: result.position,
          data: { index: 4_999 },
        });
      });

      it('writes many small appends to interleaved streams', async () => {
        const names = [stream('a'), stream('b'), stream('c')];
        const expected = new Map<string, number>(names.map((n) => [n, -1]));
        const written = new Map<string, string[]>(names.map((n) => [n, []]));
        for (let i = 0; i < 300; i++) {
          const name = names[i % names.length];
          const events = someEvents(1 + (i % 3));
          const result = await store.append(name, events, expected.get(name) ?? -1);
          expected.set(name, result.nextExpectedRevision);
          written.get(name)?.push(...idsOf(events));
        }
        for (const name of names) {
          const read = await store.readStream(name);
          expect(idsOf(read)).toEqual(written.get(name));
          expect(read.map((e) => e.revision)).toEqual(read.map((_, i) => i));
        }
        expect((await readOurs(0)).length).toBe(600);
      });
    });

    describe('append: concurrency', () => {
      it.each<[string, ExpectedRevision]>([
        ['an exact revision', 0],
        ['no_stream', 'no_stream'],
      ])('lets exactly one of several appends expecting %s win', async (_label, expected) => {
        const streamName = stream('meeting-1');
        if (expected !== 'no_stream') await seed(streamName, 1);
        const batches = Array.from({ length: 6 }, () => someEvents(2));
        const outcomes = await Promise.allSettled(batches.map((b) => store.append(streamName, b, expected)));

        const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
        expect(winners.length).toBe(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(WrongExpectedVersion);
        }
        const ids = await readStreamIds(streamName);
        expect(ids.slice(-2)).toEqual(idsOf(batches[winners[0]]));
        expect(ids.length).toBe(expected === 'no_stream' ? 2 : 3);
      });

      it('accepts all concurrent appends that expect any, each at its own revisions and positions', async () => {
        const streamName = stream('meeting-1');
        const batches = Array.from({ length: 8 }, () => someEvents(3));
        const results = await Promise.all(batches.map((b) => store.append(streamName, b, 'any')));
        const read = await store.readStream(streamName);
        expect(read.length).toBe(24);
        expect(new Set(results.map((r) => r.position)).size).toBe(8);
        expect(new Set(results.map((r) => r.nextExpectedRevision))).toEqual(
          new Set([2, 5, 8, 11, 14, 17, 20, 23]),
        );
        for (const batch of batches) {
          const at = read.findIndex((e) => e.eventId === batch[0].eventId);
          expect(idsOf(read.slice(at, at + 3))).toEqual(idsOf(batch));
        }
      });
    });

    describe('readStream', () => {
      it('reads a missing stream as empty, in both directions', async () => {
        expect(await store.readStream(stream('nothing'))).toEqual([]);
        expect(await store.readStream(stream('nothing'), { direction: 'backwards' })).toEqual([]);
      });

      it('reads forwards, only the stream asked for, in revision order', async () => {
        const mine = someEvents(3);
        await store.append(stream('meeting-1'), mine.slice(0, 2), 'no_stream');
        await store.append(stream('meeting-2'), someEvents(2), 'no_stream');
        await store.append(stream('meeting-1'), mine.slice(2), 1);
        const read = await store.readStream(stream('meeting-1'));
        expect(idsOf(read)).toEqual(idsOf(mine));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('reads forwards from a revision (inclusive), at most maxCount', async () => {
        const { events } = await seed(stream('meeting-1'), 10);
        const read = await store.readStream(stream('meeting-1'), { fromRevision: 3, maxCount: 4 });
        expect(idsOf(read)).toEqual(idsOf(events.slice(3, 7)));
        expect(read.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
      });

      it('reads backwards from the end', async () => {
        const { events } = await seed(stream('meeting-1'), 5);
        const read = await store.readStream(stream('meeting-1'), { direction: 'backwards' });
        expect(idsOf(read)).toEqual(idsOf(events).reverse());
        expect(read.map((e) => e.revision)).toEqual([4, 3, 2, 1, 0]);
      });

      it('reads backwards from a revision (inclusive), at most maxCount', async () => {
        await seed(stream('meeting-1'), 10);
        const read = await store.readStream(stream('meeting-1'), {
          direction: 'backwards',
          fromRevision: 6,
          maxCount: 3,
        });
        expect(read.map((e) => e.revision)).toEqual([6, 5, 4]);
        const last = await store.readStream(stream('meeting-1'), { direction: 'backwards', maxCount: 1 });
        expect(last.map((e) => e.revision)).toEqual([9]);
      });

      it('reads nothing from a revision past the end, and stops at the end', async () => {
        await seed(stream('meeting-1'), 3);
        expect(await store.readStream(stream('meeting-1'), { fromRevision: 3 })).toEqual([]);
        const tail = await store.readStream(stream('meeting-1'), { fromRevision: 1, maxCount: 100 });
        expect(tail.map((e) => e.revision)).toEqual([1, 2]);
      });
    });

    describe('findEvents', () => {
      it('finds the events of the stream among the ids asked, in stream order, as readStream has them', async () => {
        const { events } = await seed(stream('meeting-1'), 6);
        const asked = [events[4], events[1], events[3]].map((e) => e.eventId);
        const found = await store.findEvents(stream('meeting-1'), asked);
        expect(found.map((e) => e.revision)).toEqual([1, 3, 4]);
        const read = await store.readStream(stream('meeting-1'));
        expect(found).toEqual([read[1], read[3], read[4]]);
      });

      it('leaves out ids the stream does not hold: unknown, refused, or in another stream', async () => {
        await seed(stream('meeting-1'), 2);
        const elsewhere = someEvents(1);
        await store.append(stream('meeting-2'), elsewhere, 'no_stream');
        const refused = someEvents(1);
        await expect(store.append(stream('meeting-1'), refused, 0)).rejects.toBeInstanceOf(
          WrongExpectedVersion,
        );
        const asked = [randomUUID(), elsewhere[0].eventId, refused[0].eventId];
        expect(await store.findEvents(stream('meeting-1'), asked)).toEqual([]);
        expect(await store.findEvents(stream('missing'), asked)).toEqual([]);
        expect(await store.findEvents(stream('meeting-1'), [])).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads every stream in global (append) order', async () => {
        const appended: string[] = [];
        const revisions = new Map<string, number>();
        for (const name of ['meeting-1', 'proxy-1', 'meeting-1', 'vote-1']) {
          const events = someEvents(2);
          const r = await store.append(stream(name), events, revisions.get(name) ?? 'no_stream');
          revisions.set(name, r.nextExpectedRevision);
          appended.push(...idsOf(events));
        }
        expect(idsOf(await readOurs(0))).toEqual(appended);
      });

      it('starts at fromPosition inclusive', async () => {
        await seed(stream('meeting-1'), 3);
        const all = await readOurs(0);
        const fromSecond = ours(await store.readAll({ fromPosition: all[1].position }));
        expect(idsOf(fromSecond)).toEqual(idsOf(all.slice(1)));
      });

      it('reads at most maxCount events', async () => {
        await seed(stream('meeting-1'), 5);
        const first = (await readOurs(0))[0];
        const read = await store.readAll({ fromPosition: first.position, maxCount: 2 });
        expect(read.length).toBe(2);
        expect(read[0].eventId).toBe(first.eventId);
      });

      it('reads nothing after the last position', async () => {
        const { result } = await seed(stream('meeting-1'), 2);
        expect(ours(await store.readAll({ fromPosition: result.position + 1 }))).toEqual([]);
      });

      it('reads the same events as readStream, with the same revisions and positions', async () => {
        await seed(stream('meeting-1'), 2);
        await seed(stream('meeting-2'), 2);
        await store.append(stream('meeting-1'), someEvents(1), 1);
        const all = await readOurs(0);
        const byStream = [
          ...(await store.readStream(stream('meeting-1'))),
          ...(await store.readStream(stream('meeting-2'))),
        ];
        expect([...byStream].sort((a, b) => a.position - b.position)).toEqual(all);
      });
    });

    describe('round trip', () => {
      it('returns data and metadata exactly as given', async () => {
        const data = {
          title: 'Assemblée générale — 年次株主総会 — الجمعية العامة 🗳️✅',
          combining: 'e\u0301 Zoe\u0308 ﬁ',
          controls: 'tab\there\nnewline "quotes" \\ backslash \u0000 nul \u2028',
          largest: Number.MAX_SAFE_INTEGER,
          smallest: -Number.MAX_SAFE_INTEGER,
          fractions: [0.1, 1e-7, 123456.789, 1.7976931348623157e308, 5e-324],
          nested: { resolution: { number: 3, votes: { for: 1_234_567, against: 0, abstain: null } } },
          empty: { object: {}, array: [], string: '' },
          flags: [true, false],
          'key with spaces.and.dots': 'ok',
        };
        const event = anEvent({ type: 'résolution.adoptée', schemaVersion: 7, data });
        const metadata = { ...event.metadata, actor: 'Ms Zoë Ålander-O’Brien' };
        await store.append(stream('meeting-ü 1'), [{ ...event, metadata }], 'no_stream');
        const [read] = await store.readStream(stream('meeting-ü 1'));
        expect(read.data).toEqual(data);
        expect(read.metadata).toEqual(metadata);
        expect(read).toMatchObject({
          eventId: event.eventId,
          type: 'résolution.adoptée',
          schemaVersion: 7,
          streamName: stream('meeting-ü 1'),
        });
      });

      it('stores arrays, strings, numbers and null as data', async () => {
        const values = [[1, 'two', { three: 3 }], 'just a string', 42, null];
        const events = values.map((data) => anEvent({ data }));
        await store.append(stream('scalars'), events, 'no_stream');
        expect((await store.readStream(stream('scalars'))).map((e) => e.data)).toEqual(values);
      });

      it('is not affected by callers mutating events they appended or read', async () => {
        const event = anEvent({ data: { shares: 100, holders: ['A'] } });
        await store.append(stream('meeting-1'), [event], 'no_stream');
        (event.data as { shares: number }).shares = 999;
        const [first] = await store.readStream(stream('meeting-1'));
        (first.data as { holders: string[] }).holders.push('B');
        const [second] = await store.readStream(stream('meeting-1'));
        expect(second.data).toEqual({ shares: 100, holders: ['A'] });
      });
    });

    describe('subscribeToAll', () => {
      it('delivers existing events in order, then calls onCaughtUp once, then delivers live events', async () => {
        const { events: existing } = await seed(stream('meeting-1'), 3);
        const sub = record({ streamPrefixes: [ns] });
        await waitFor(() => sub.caughtUpCount() === 1, 'catch-up');
        const live = someEvents(2);
        await store.append(stream('meeting-1'), live.slice(0, 1), 2);
        await store.append(stream('meeting-2'), live.slice(1), 'no_stream');
        await waitFor(() => sub.seen.length === 5, 'live events');
        expect(sub.log).toEqual([...idsOf(existing), 'caught-up', ...idsOf(live)]);
        expect(sub.caughtUpCount()).toBe(1);
        expect(sub.errors).toEqual([]);
      });

      it('delivers recorded events with their stream, revision and position', async () => {
        await seed(stream('meeting-1'), 2);
        const sub = record({ streamPrefixes: [ns] });
        await waitFor(() => sub.seen.length === 2, 'events');
        expect(sub.seen).toEqual(await store.readStream(stream('meeting-1')));
      });

      it('starts after afterPosition, exclusive', async () => {
        await seed(stream('meeting-1'), 4);
        const all = await readOurs(0);
        const sub = record({ afterPosition: all[1].position, streamPrefixes: [ns] });
        await waitFor(() => sub.caughtUpCount() === 1, 'catch-up');
        expect(idsOf(sub.seen)).toEqual(idsOf(all.slice(2)));
      });

      it('delivers only streams matching one of the prefixes', async () => {
        const sub = record({ streamPrefixes: [stream('meeting-'), stream('proxy-')] });
        await waitFor(() => sub.caughtUpCount() === 1, 'catch-up');
        const wanted: string[] = [];
        for (const name of ['meeting-1', 'vote-1', 'proxy-2', 'meetingroom', 'meeting-3', 'x-meeting-4']) {
          const events = someEvents(1);
          await store.append(stream(name), events, 'no_stream');
          if (name.startsWith('meeting-') || name.startsWith('proxy-')) wanted.push(...idsOf(events));
        }
        await waitFor(() => sub.seen.length >= wanted.length, 'matching events');
        await sleep(QUIET_PERIOD_MS);
        expect(idsOf(sub.seen)).toEqual(wanted);
      });

      it('delivers nothing after stop', async () => {
        const sub = record({ streamPrefixes: [ns] });
        await waitFor(() => sub.caughtUpCount() === 1, 'catch-up');
        await store.append(stream('meeting-1'), someEvents(1), 'no_stream');
        await waitFor(() => sub.seen.length === 1, 'first event');
        await sub.subscription.stop();
        await store.append(stream('meeting-1'), someEvents(2), 0);
        await sleep(QUIET_PERIOD_MS);
        expect(sub.seen.length).toBe(1);
      });

      it('resumed from a checkpoint, delivers exactly the events after it: no gap, no duplicate', async () => {
        const { events: first } = await seed(stream('meeting-1'), 5);
        const before = record({ streamPrefixes: [ns] });
        await waitFor(() => before.caughtUpCount() === 1, 'catch-up');
        await before.subscription.stop();
        const checkpoint = before.seen[2].position;

        const whileStopped = someEvents(3);
        await store.append(stream('meeting-2'), whileStopped, 'no_stream');
        const after = record({ afterPosition: checkpoint, streamPrefixes: [ns] });
        await waitFor(() => after.caughtUpCount() === 1, 'catch-up after resuming');
        const live = someEvents(2);
        await store.append(stream('meeting-1'), live, 4);
        await waitFor(() => after.seen.length === 7, 'live events after resuming');

        const handled = [...before.seen.slice(0, 3), ...after.seen];
        expect(idsOf(handled)).toEqual([...idsOf(first), ...idsOf(whileStopped), ...idsOf(live)]);
        expect(new Set(idsOf(handled)).size).toBe(handled.length);
      });

      it('waits for each onEvent promise before delivering the next event', async () => {
        await seed(stream('meeting-1'), 4);
        let inFlight = 0;
        let mostInFlight = 0;
        const order: number[] = [];
        const subscription = store.subscribeToAll(
          { streamPrefixes: [ns] },
          {
            onEvent: async (event) => {
              inFlight++;
              mostInFlight = Math.max(mostInFlight, inFlight);
              await sleep(10);
              order.push(event.revision);
              inFlight--;
            },
          },
        );
        subscriptions.push(subscription);
        await waitFor(() => order.length === 4, 'four events');
        expect(mostInFlight).toBe(1);
        expect(order).toEqual([0, 1, 2, 3]);
      });

      it('delivers exactly once an event appended while catching up', async () => {
        await seed(stream('meeting-1'), 3);
        const extra = anEvent();
        const seen: string[] = [];
        let caughtUp = false;
        const subscription = store.subscribeToAll(
          { streamPrefixes: [ns] },
          {
            onEvent: async (event) => {
              if (seen.includes(event.eventId)) throw new Error(`Delivered twice: ${event.eventId}`);
              seen.push(event.eventId);
              if (seen.length === 1) await store.append(stream('meeting-1'), [extra], 2);
            },
            onCaughtUp: () => {
              caughtUp = true;
            },
          },
        );
        subscriptions.push(subscription);
        await waitFor(() => caughtUp && seen.length >= 4, 'catch-up including the extra event');
        await sleep(QUIET_PERIOD_MS);
        expect(seen.length).toBe(4);
        expect(seen[3]).toBe(extra.eventId);
      });
    });

    describe('against a model', () => {
      it('agrees with a simple model on random sequences of appends', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(anOperation, { minLength: 1, maxLength: 30 }), async (operations) => {
            await runAgainstModel(store, uniquePrefix(), operations);
          }),
          { numRuns: 60 },
        );
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The model: a map of stream name to event ids, and the rules of expected revisions written out
// plainly (deliberately not by calling planAppend, which the stores share).

type ExpectedChoice =
  | { kind: 'any' | 'no_stream' | 'stream_exists' }
  /** Relative to the model's last revision, so that a good share of exact expectations hold. */
  | { kind: 'exact'; offset: number };

type Operation =
  | { kind: 'fresh'; stream: number; count: number; expected: ExpectedChoice }
  /** Appends an earlier batch again: with its own expectation, or with any. */
  | { kind: 'retry'; batch: number; asAny: boolean };

const STREAMS = 3;

const anOperation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('fresh' as const),
      stream: fc.integer({ min: 0, max: STREAMS - 1 }),
      count: fc.integer({ min: 0, max: 3 }),
      expected: fc.oneof(
        fc.constantFrom<ExpectedChoice>({ kind: 'any' }, { kind: 'no_stream' }, { kind: 'stream_exists' }),
        fc.record({ kind: fc.constant('exact' as const), offset: fc.integer({ min: -2, max: 2 }) }),
        fc.record({ kind: fc.constant('exact' as const), offset: fc.constant(0) }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('retry' as const), batch: fc.nat(), asAny: fc.boolean() }),
  },
);

interface Batch {
  readonly streamName: string;
  readonly events: EventToAppend[];
  /** Its expectation; once accepted, the one it was accepted with, as a real retry would repeat. */
  expected: ExpectedRevision;
  /** Set once the store accepted it (non-empty batches only). */
  result?: AppendResult;
}

class Model {
  readonly streams = new Map<string, string[]>();
  readonly all: string[] = [];

  last(streamName: string): number | undefined {
    const ids = this.streams.get(streamName);
    return ids === undefined ? undefined : ids.length - 1;
  }

  /** Whether an append of new events with this expectation is accepted. */
  accepts(streamName: string, expected: ExpectedRevision): boolean {
    const last = this.last(streamName);
    if (expected === 'any') return true;
    if (expected === 'no_stream') return last === undefined;
    if (expected === 'stream_exists') return last !== undefined;
    return expected === (last ?? -1);
  }

  write(streamName: string, ids: string[]): void {
    if (ids.length === 0) return;
    this.streams.set(streamName, [...(this.streams.get(streamName) ?? []), ...ids]);
    this.all.push(...ids);
  }
}

function resolveExpected(choice: ExpectedChoice, last: number | undefined): ExpectedRevision {
  return choice.kind === 'exact' ? Math.max(-1, (last ?? -1) + choice.offset) : choice.kind;
}

async function runAgainstModel(store: EventStore, prefix: string, operations: Operation[]): Promise<void> {
  const model = new Model();
  const batches: Batch[] = [];
  let highestPosition = -Infinity;

  for (const operation of operations) {
    let batch: Batch;
    let expected: ExpectedRevision;
    if (operation.kind === 'fresh' || batches.length === 0) {
      const streamName = `${prefix}s${operation.kind === 'fresh' ? operation.stream : 0}`;
      const choice = operation.kind === 'fresh' ? operation.expected : { kind: 'any' as const };
      expected = resolveExpected(choice, model.last(streamName));
      batch = { streamName, events: someEvents(operation.kind === 'fresh' ? operation.count : 1), expected };
      batches.push(batch);
    } else {
      batch = batches[operation.batch % batches.length];
      expected = operation.asAny ? 'any' : batch.expected;
    }

    const attempt = store.append(batch.streamName, batch.events, expected);
    if (batch.result !== undefined) {
      // Already written: the store must recognise the retry and answer as it did the first time.
      expect(await attempt).toEqual(asRetry(batch.result));
      continue;
    }
    if (!model.accepts(batch.streamName, expected)) {
      await expectConflict(attempt, batch.streamName, expected, model.last(batch.streamName));
      continue;
    }
    const result = await attempt;
    model.write(batch.streamName, idsOf(batch.events));
    expect(result.nextExpectedRevision).toBe(model.last(batch.streamName) ?? -1);
    if (batch.events.length > 0) {
      expect(result.position).toBeGreaterThan(highestPosition);
      highestPosition = result.position;
      batch.result = result;
      batch.expected = expected;
    }
  }

  const all = (await store.readAll()).filter((e) => e.streamName.startsWith(prefix));
  expect(idsOf(all)).toEqual(model.all);
  for (const [streamName, ids] of model.streams) {
    const read = await store.readStream(streamName);
    expect(idsOf(read)).toEqual(ids);
    expect(read.map((e) => e.revision)).toEqual(ids.map((_, i) => i));
  }
  for (const batch of batches) {
    if (batch.result === undefined) continue;
    const [last] = await store.readStream(batch.streamName, {
      direction: 'backwards',
      fromRevision: batch.result.nextExpectedRevision,
      maxCount: 1,
    });
    expect(last.position).toBe(batch.result.position);
  }
}

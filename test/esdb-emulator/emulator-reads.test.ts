import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { anEvent, collect, uniqueStream, useEmulator } from './testing';

describe('reading through the real client', () => {
  const { client } = useEmulator();
  const revisions = (events: { event?: { revision: bigint } }[]) =>
    events.map((e) => Number(e.event?.revision));

  test('a stream reads forwards or backwards, from a revision inclusive, up to a count', async () => {
    const stream = uniqueStream('read');
    await client().appendToStream(
      stream,
      [1, 2, 3, 4, 5].map((i) => anEvent('E', { i })),
    );
    const read = (options: Parameters<ReturnType<typeof client>['readStream']>[1]) =>
      collect(client().readStream(stream, options));

    expect(revisions(await read({ fromRevision: 2n, maxCount: 2 }))).toEqual([2, 3]);
    expect(revisions(await read({ direction: BACKWARDS, fromRevision: END, maxCount: 2 }))).toEqual([4, 3]);
    expect(revisions(await read({ direction: BACKWARDS, fromRevision: 1n }))).toEqual([1, 0]);
    expect(revisions(await read({ direction: FORWARDS, fromRevision: END }))).toEqual([]);
  });

  test('a missing stream fails the read with StreamNotFoundError naming it', async () => {
    const stream = uniqueStream('missing');
    await expect(collect(client().readStream(stream))).rejects.toMatchObject({
      constructor: StreamNotFoundError,
      streamName: stream,
    });
  });

  test('$all holds every record in append order, starting with the server’s own', async () => {
    await client().appendToStream('order-a', anEvent('A1'));
    await client().appendToStream('order-b', anEvent('B1'));
    await client().appendToStream('order-a', anEvent('A2'));

    const all = (await collect(client().readAll())).map((e) => e.event);
    const positions = all.map((e) => e?.position.commit ?? -1n);

    expect(all.map((e) => e?.type)).toEqual(['$ProjectionsInitialized', 'A1', 'B1', 'A2']);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(positions).size).toBe(4);
    expect(all.every((e) => e?.position.commit === e?.position.prepare)).toBe(true);
    const backwards = await collect(client().readAll({ direction: BACKWARDS, fromPosition: END }));
    expect(backwards.map((e) => e.event?.type)).toEqual(['A2', 'B1', 'A1', '$ProjectionsInitialized']);
  });

  test('$all from a position: forwards includes it, backwards stops before it', async () => {
    for (const type of ['A', 'B', 'C', 'D']) await client().appendToStream('positions', anEvent(type));
    const [, , b] = (await collect(client().readAll())).map((e) => e.event);
    const from = b?.position ?? { commit: 0n, prepare: 0n };

    const forwards = await collect(client().readAll({ fromPosition: from, maxCount: 2 }));
    const backwards = await collect(client().readAll({ fromPosition: from, direction: BACKWARDS }));

    expect(forwards.map((e) => e.event?.type)).toEqual(['B', 'C']);
    expect(backwards.map((e) => e.event?.type)).toEqual(['A', '$ProjectionsInitialized']);
  });

  test('$all from a position that starts no record is refused, as the server reads garbage there', async () => {
    const { position } = await client().appendToStream('between', anEvent());
    const inside = { commit: (position?.commit ?? 0n) + 1n, prepare: (position?.prepare ?? 0n) + 1n };
    await expect(collect(client().readAll({ fromPosition: inside }))).rejects.toMatchObject({ code: 3 });
  });
});

describe('deleting through the real client', () => {
  const { client } = useEmulator();

  test('a soft-deleted stream reads as not found; appending again continues its revisions', async () => {
    const stream = uniqueStream('soft');
    await client().appendToStream(stream, [anEvent(), anEvent()]);

    await client().deleteStream(stream);
    await expect(collect(client().readStream(stream))).rejects.toBeInstanceOf(StreamNotFoundError);
    const again = await client().appendToStream(stream, anEvent('Again'), { expectedRevision: NO_STREAM });

    expect(again.nextExpectedRevision).toBe(2n);
    const read = await collect(client().readStream(stream));
    expect(read.map((e) => [e.event?.type, e.event?.revision])).toEqual([['Again', 2n]]);
    const metadata = await collect(client().readStream(`$$${stream}`));
    // $tb = long.MaxValue while deleted; JSON.parse gives the client the nearest double, as with a real server.
    expect(metadata.map((e) => [e.event?.type, e.event?.data])).toEqual([
      ['$metadata', { $tb: Number('9223372036854775807') }],
      ['$metadata', { $tb: 2 }],
    ]);
  });

  test('a delete expecting another revision fails with the trailers the client reads', async () => {
    const stream = uniqueStream('delete-conflict');
    await client().appendToStream(stream, [anEvent(), anEvent()]);
    await expect(client().deleteStream(stream, { expectedRevision: 5n })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: stream,
      expectedVersion: 5n,
      actualVersion: 1n,
    });
  });

  test('a tombstoned stream fails reads and deletes with StreamDeletedError, and leaves a record in $all', async () => {
    const stream = uniqueStream('hard');
    await client().appendToStream(stream, anEvent());

    const { position } = await client().tombstoneStream(stream);

    await expect(collect(client().readStream(stream))).rejects.toMatchObject({
      constructor: StreamDeletedError,
      streamName: stream,
    });
    await expect(client().tombstoneStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
    const [tombstone] = await collect(client().readAll({ fromPosition: position ?? 'start', maxCount: 1 }));
    expect([tombstone.event?.streamId, tombstone.event?.type, tombstone.event?.revision]).toEqual([
      stream,
      '$streamDeleted',
      9223372036854775807n,
    ]);
  });
});

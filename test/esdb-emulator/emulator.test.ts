import { randomUUID } from 'node:crypto';
import {
  convertToCommandError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  RequiredMetadataPropertyMissingError,
  STREAM_EXISTS,
  StreamDeletedError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { appendOptions, proposedMessage, rawAppend } from './raw-client';
import { anEvent, collect, uniqueStream, useEmulator } from './testing';

/** Appends through the real client, on each path the client may choose from what the server advertises. */
const paths = [
  {
    path: 'Append, BatchAppend not advertised',
    options: { batchAppend: false },
    used: 'Append',
    unused: 'BatchAppend',
  },
  {
    path: 'Append, ServerFeatures unimplemented',
    options: { batchAppend: false, serverFeatures: false },
    used: 'Append',
    unused: 'BatchAppend',
  },
  { path: 'BatchAppend', options: { batchAppend: true }, used: 'BatchAppend', unused: 'Append' },
];

describe.each(paths)('appending through $path', ({ options, used, unused }) => {
  const { emulator, client } = useEmulator(options);

  test('the client takes this path', async () => {
    const before = emulator().callCount(used);
    await client().appendToStream(uniqueStream('path'), anEvent());
    expect(emulator().callCount(used)).toBe(before + 1);
    expect(emulator().callCount(unused)).toBe(0);
    expect(emulator().callCount('GetSupportedMethods')).toBe(options.serverFeatures === false ? 0 : 1);
  });

  test('events read back as appended, with revision, position, type, created time and metadata', async () => {
    const stream = uniqueStream('round-trip');
    const first = jsonEvent({
      id: randomUUID(),
      type: 'Opened',
      data: { name: 'AGM' },
      metadata: { actor: 'alice' },
    });
    const second = jsonEvent({ id: randomUUID(), type: 'Closed', data: ['a', 1] });
    const result = await client().appendToStream(stream, [first, second], { expectedRevision: NO_STREAM });

    const read = (await collect(client().readStream(stream))).map((e) => e.event);
    expect(result.nextExpectedRevision).toBe(1n);
    expect(read.map((e) => [e?.id, e?.type, e?.revision, e?.isJson, e?.data, e?.metadata])).toEqual([
      [first.id, 'Opened', 0n, true, { name: 'AGM' }, { actor: 'alice' }],
      [second.id, 'Closed', 1n, true, ['a', 1], undefined],
    ]);
    expect(read[1]?.position).toEqual(result.position);
    expect(read[0]?.position?.commit).toBe(read[0]?.position?.prepare);
    expect(Number(read[0]?.position?.commit)).toBeLessThan(Number(read[1]?.position?.commit));
    expect(Math.abs((read[0]?.created.getTime() ?? 0) - Date.now())).toBeLessThan(10_000);
  });

  test('a wrong expected revision fails with the stream, the expectation and the actual revision', async () => {
    const stream = uniqueStream('conflict');
    await client().appendToStream(stream, [anEvent(), anEvent()]);

    await expect(client().appendToStream(stream, anEvent(), { expectedRevision: 5n })).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      streamName: stream,
      expectedVersion: 5n,
      actualVersion: 1n,
    });
    await expect(
      client().appendToStream(stream, anEvent(), { expectedRevision: NO_STREAM }),
    ).rejects.toMatchObject({
      expectedVersion: 'no_stream',
      actualVersion: 1n,
    });
    const missing = uniqueStream('missing');
    await expect(
      client().appendToStream(missing, anEvent(), { expectedRevision: STREAM_EXISTS }),
    ).rejects.toMatchObject({
      streamName: missing,
      expectedVersion: 'stream_exists',
      actualVersion: 'no_stream',
    });
    expect(await collect(client().readStream(stream))).toHaveLength(2);
  });

  test('appending the same event ids again at the same revision writes nothing and succeeds', async () => {
    const stream = uniqueStream('retry');
    const events = [anEvent('A'), anEvent('B')];
    const first = await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    const allBefore = await collect(client().readAll());

    const retried = await client().appendToStream(stream, events, { expectedRevision: NO_STREAM });
    const retriedWithAny = await client().appendToStream(stream, events);

    expect(retried).toEqual(first);
    expect(retriedWithAny).toEqual(first);
    expect(await collect(client().readStream(stream))).toHaveLength(2);
    expect(await collect(client().readAll())).toHaveLength(allBefore.length);
  });

  test('ids that only partly match what the stream holds are a conflict, not a retry', async () => {
    const stream = uniqueStream('partial');
    const [a, b, c] = [anEvent('A'), anEvent('B'), anEvent('C')];
    await client().appendToStream(stream, [a, b], { expectedRevision: NO_STREAM });

    await expect(client().appendToStream(stream, [b, c], { expectedRevision: 0n })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    await expect(client().appendToStream(stream, [a, c])).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await collect(client().readStream(stream))).toHaveLength(2);
  });

  test('a tombstoned stream refuses appends', async () => {
    const stream = uniqueStream('tombstoned');
    await client().appendToStream(stream, anEvent());
    await client().tombstoneStream(stream);

    await expect(client().appendToStream(stream, anEvent())).rejects.toMatchObject({
      constructor: StreamDeletedError,
      streamName: stream,
    });
  });
});

describe.each(paths)('the maximum append size, through $path', ({ options }) => {
  const { client } = useEmulator({ ...options, maxAppendSize: 1000 });
  // The server counts data + custom metadata + the type at two bytes a character ('Big' = 6).
  const sized = (dataBytes: number) => jsonEvent({ type: 'Big', data: 'x'.repeat(dataBytes - 2) });

  test('an append of exactly the maximum is written', async () => {
    const stream = uniqueStream('at-maximum');
    await client().appendToStream(stream, [sized(500), sized(488)]);
    expect(await collect(client().readStream(stream))).toHaveLength(2);
  });

  test('one byte more fails whole with MaxAppendSizeExceededError', async () => {
    const stream = uniqueStream('over-maximum');
    await expect(client().appendToStream(stream, [sized(500), sized(489)])).rejects.toMatchObject({
      constructor: MaxAppendSizeExceededError,
      maxAppendSize: 1000,
    });
    await expect(collect(client().readStream(stream))).rejects.toHaveProperty('type', 'stream-not-found');
  });
});

describe('BatchAppend specifics', () => {
  const { emulator, client } = useEmulator({ batchAppend: true });

  test('an append split over several chunks is written once, whole, at is_final', async () => {
    const stream = uniqueStream('chunked');
    const events = Array.from({ length: 20 }, (_, i) => anEvent('Chunked', { i, padding: 'p'.repeat(50) }));
    const requestsBefore = emulator().callCount('BatchAppend.request');

    const result = await client().appendToStream(stream, events, { batchAppendSize: 300 });

    expect(emulator().callCount('BatchAppend.request') - requestsBefore).toBeGreaterThan(5);
    expect(result.nextExpectedRevision).toBe(19n);
    const read = await collect(client().readStream(stream));
    expect(read.map((e) => e.event?.id)).toEqual(events.map((e) => e.id));
  });

  test('concurrent appends share one call and each gets its own answer', async () => {
    const streams = Array.from({ length: 8 }, () => uniqueStream('concurrent'));
    const callsBefore = emulator().callCount('BatchAppend');
    await client().appendToStream(streams[3], anEvent());

    const results = await Promise.allSettled(
      streams.map((stream) => client().appendToStream(stream, anEvent(), { expectedRevision: NO_STREAM })),
    );

    expect(results.map((r) => r.status)).toEqual(streams.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
    expect((results[3] as PromiseRejectedResult).reason).toMatchObject({
      streamName: streams[3],
      actualVersion: 0n,
    });
    expect(emulator().callCount('BatchAppend')).toBe(callsBefore + 1);
  });
});

describe('Streams.Append at the wire', () => {
  const { emulator } = useEmulator();

  test('an event without a type or content type is refused with missing-required-metadata-property', async () => {
    const append = (metadata: Record<string, string>) =>
      rawAppend(emulator().port, [
        appendOptions(uniqueStream('raw')),
        proposedMessage(randomUUID(), metadata),
      ]);

    const incomplete: Record<string, string>[] = [
      { 'content-type': 'application/json' },
      { type: 'NoContentType' },
    ];
    for (const metadata of incomplete) {
      const error = await append(metadata).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 3 });
      const converted = convertToCommandError(error as Error);
      expect(converted).toBeInstanceOf(RequiredMetadataPropertyMissingError);
      expect(converted).toMatchObject({ requiredMetadataProperties: ['type', 'content-type'] });
    }
  });

  test('a conflict is a normal response carrying current and deprecated 20.6 fields', async () => {
    const stream = uniqueStream('raw-conflict');
    const event = proposedMessage(randomUUID(), { type: 'A', 'content-type': 'application/json' });
    await rawAppend(emulator().port, [appendOptions(stream), event]);

    const response = await rawAppend(emulator().port, [appendOptions(stream, 3n), event]);

    const conflict = response.getWrongExpectedVersion();
    expect(response.hasSuccess()).toBe(false);
    expect(conflict?.getCurrentRevision()).toBe('0');
    expect(conflict?.getCurrentRevision2060()).toBe(0);
    expect(conflict?.getExpectedRevision()).toBe('3');
    expect(conflict?.getExpectedRevision2060()).toBe(3);
  });

  test('a malformed event id fails the call as a handler exception', async () => {
    const bad = proposedMessage('not-a-uuid', { type: 'A', 'content-type': 'application/json' });
    await expect(
      rawAppend(emulator().port, [appendOptions(uniqueStream('raw-id')), bad]),
    ).rejects.toMatchObject({
      code: 2,
    });
  });
});

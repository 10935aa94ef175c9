import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, JSONType } from '@eventstore/db-client';
import { Emulator, EmulatorOptions, startEmulator } from './server';

/** Helpers for tests that drive the emulator through the real client. */

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

export const uniqueStream = (prefix: string): string => `${prefix}-${randomUUID()}`;

export const anEvent = (type = 'Happened', data: JSONType = { at: 1 }, metadata?: JSONType) =>
  jsonEvent({ id: randomUUID(), type, data, metadata });

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One emulator for a describe block, a fresh client for each test; everything closed afterwards. */
export function useEmulator(options: EmulatorOptions = {}): {
  emulator(): Emulator;
  client(): EventStoreDBClient;
} {
  let emulator: Emulator | undefined;
  let client: EventStoreDBClient | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  beforeEach(() => {
    emulator?.reset();
    client = EventStoreDBClient.connectionString(emulator?.connectionString ?? '');
  });
  afterEach(async () => {
    await client?.dispose();
  });
  afterAll(async () => {
    await emulator?.stop();
  });
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The emulator is not running');
    return value;
  };
  return { emulator: () => required(emulator), client: () => required(client) };
}

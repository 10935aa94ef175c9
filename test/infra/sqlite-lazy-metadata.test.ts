/**
 * readAll with lazyMetadata (what the projection runner asks for): the metadata is parsed when first
 * read, from a getter of the event's prototype, and must still reach whoever reads it by name, or
 * through toRecordedDomainEvent (which spreads the event, and a spread does not copy such a getter).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { RecordedEvent } from '../../src/application/event-store';
import { toRecordedDomainEvent } from '../../src/application/stored-events';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import {
  applyToProxyRegister,
  initialProxyRegister,
  proxyKey,
} from '../../src/projections/holders/proxy-register';
import { anEvent } from '../contract/event-store-contract';

let store: SqliteEventStore;
beforeEach(() => {
  store = new SqliteEventStore(':memory:');
});
afterEach(() => store.close());

/** A ProxyLodged as a stored fixture holds it (stream, revision and position dropped). */
function storedProxyLodged() {
  const lines = readFileSync(
    join(__dirname, '..', 'fixtures', 'stored-events', 'rules-and-withdrawal.v2.jsonl'),
    'utf8',
  ).split('\n');
  const line = lines.find((l) => l.includes('"type":"ProxyLodged"'));
  if (line === undefined) throw new Error('the fixture has no ProxyLodged');
  const { eventId, type, schemaVersion, data, metadata } = JSON.parse(line) as RecordedEvent;
  return { eventId, type, schemaVersion, data, metadata };
}

describe('readAll with lazyMetadata', () => {
  it('gives every field, the metadata included, as a plain readAll does', async () => {
    await store.append('test-1', [anEvent(), anEvent({ data: { note: 'é ✓' } })], 'no_stream');
    const plain = await store.readAll();
    const lazy = await store.readAll({ lazyMetadata: true });
    const fields = (e: RecordedEvent): RecordedEvent => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      streamName: e.streamName,
      revision: e.revision,
      position: e.position,
    });
    expect(lazy.map(fields)).toEqual(plain);
    // Read twice, the same object: parsed once.
    expect(lazy[0].metadata).toBe(lazy[0].metadata);
  });

  it('keeps the metadata through toRecordedDomainEvent', async () => {
    const event = storedProxyLodged();
    await store.append('meeting-fixture', [event], 'no_stream');
    const [lazy] = await store.readAll({ lazyMetadata: true });
    expect(toRecordedDomainEvent(lazy).metadata).toEqual(event.metadata);
  });

  it('gives the proxy register the time the lodging was recorded', async () => {
    const event = storedProxyLodged();
    await store.append('meeting-fixture', [event], 'no_stream');
    const [lazy] = await store.readAll({ lazyMetadata: true });
    const register = applyToProxyRegister(initialProxyRegister(), toRecordedDomainEvent(lazy));
    const data = event.data as { meetingId: string; holderId: string };
    const [proxy] = register.holders.get(proxyKey(data.meetingId, data.holderId))?.proxies ?? [];
    expect(proxy?.recordedAt).toBe(event.metadata.occurredAt);
  });
});

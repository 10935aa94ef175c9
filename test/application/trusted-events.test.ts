import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/application/event-store';
import {
  CorruptEvent,
  toRecordedDomainEvent,
  toTrustedRecordedDomainEvent,
} from '../../src/application/stored-events';
import { CURRENT_SCHEMA_VERSION } from '../../src/domain/events';
import { ROOT } from '../golden/reference-scenario';

/**
 * The read models' reading of stored events skips the codec for events of the current version. It
 * must give what the checked reading gives, for every stored fixture, old versions upcast.
 */
const DIR = join(ROOT, 'test', 'fixtures', 'stored-events');
const events: RecordedEvent[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(DIR, f), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RecordedEvent),
  );

it('reads every stored fixture as the codec does, old versions upcast', () => {
  const current = events.filter((e) => CURRENT_SCHEMA_VERSION[e.type as never] === e.schemaVersion);
  expect(current.length).toBeGreaterThan(10);
  expect(current.length).toBeLessThan(events.length);
  for (const e of events) expect(toTrustedRecordedDomainEvent(e)).toEqual(toRecordedDomainEvent(e));
});

it('still refuses an event of a type it does not know, and an old version that does not decode', () => {
  const [first] = events;
  expect(() => toTrustedRecordedDomainEvent({ ...first, type: 'NoSuchEvent' })).toThrow(/NoSuchEvent/);
  const old = events.find((e) => CURRENT_SCHEMA_VERSION[e.type as never] > e.schemaVersion)!;
  expect(() => toTrustedRecordedDomainEvent({ ...old, data: { nonsense: true } })).toThrow(CorruptEvent);
});

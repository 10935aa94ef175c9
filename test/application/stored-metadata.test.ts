import fc from 'fast-check';
import { canonicalJson } from '../../src/application/canonical-json';
import { EventMetadata } from '../../src/application/event-store';
import {
  isStoredMetadataForm,
  metadataFromStored,
  storedMetadataJson,
} from '../../src/application/stored-metadata';

const EVENT_ID = '8a868ce0-0000-8000-8274-c50c9f7b1d77';

/** Metadata as the command handler makes it: causation and correlation ids often the command's own. */
const metadata = fc
  .record(
    {
      commandId: fc.string({ unit: 'grapheme' }),
      actor: fc.string({ unit: 'grapheme' }),
      causationId: fc.option(fc.string(), { nil: undefined }),
      correlationId: fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined }),
      occurredAt: fc.string(),
      commandDigest: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }),
    },
    { requiredKeys: ['commandId', 'actor', 'occurredAt'] },
  )
  .map(({ commandId, actor, causationId, correlationId, occurredAt, commandDigest }): EventMetadata => ({
    eventId: EVENT_ID,
    commandId,
    actor,
    causationId: causationId ?? commandId,
    correlationId: correlationId ?? commandId,
    occurredAt,
    ...(commandDigest === undefined ? {} : { commandDigest }),
  }));

const read = (text: string, eventId = EVENT_ID) => metadataFromStored(JSON.parse(text), eventId);

describe("an event's metadata as it is stored", () => {
  it('reads back as the metadata appended, from canonical JSON in the one form version 2 writes', () => {
    fc.assert(
      fc.property(metadata, (m) => {
        const text = storedMetadataJson(EVENT_ID, m);
        expect(read(text)).toEqual(m);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(isStoredMetadataForm(JSON.parse(text), text, EVENT_ID)).toBe(true);
        // Read back with its keys in the order version 1's parsed text gives them.
        expect(Object.keys(read(text))).toEqual(Object.keys(JSON.parse(canonicalJson(m))));
      }),
      { numRuns: 2_000 },
    );
  });

  it("leaves out the event's id and the ids that are the command's own, and says its version", () => {
    const m: EventMetadata = {
      eventId: EVENT_ID,
      commandId: 'bench:vote-2',
      actor: 'registrar:bench',
      causationId: 'bench:vote-2',
      correlationId: 'bench:vote-2',
      occurredAt: '2025-06-20T10:45:00+08:00',
      commandDigest: '23'.repeat(32),
    };
    expect(storedMetadataJson(EVENT_ID, m)).toBe(
      `{"actor":"registrar:bench","commandDigest":"${'23'.repeat(32)}","commandId":"bench:vote-2","occurredAt":"2025-06-20T10:45:00+08:00","version":2}`,
    );
    const caused = { ...m, causationId: 'import-7', correlationId: 'file-3' };
    expect(storedMetadataJson(EVENT_ID, caused)).toContain('"causationId":"import-7","commandDigest"');
    expect(read(storedMetadataJson(EVENT_ID, caused))).toEqual(caused);
  });

  it('keeps metadata of another shape whole, as version 1, and reads version 1 as it is', () => {
    const m = fc.sample(metadata, 1)[0];
    const odd = [
      { ...m, extra: 1 },
      { ...m, actor: 7 },
      { ...m, eventId: 'another event' },
      { ...m, commandDigest: undefined },
      { ...m, version: 2 },
    ];
    for (const o of odd) {
      const text = storedMetadataJson(EVENT_ID, o as never);
      expect(text).toBe(canonicalJson(o));
      expect(read(text)).toEqual(JSON.parse(canonicalJson(o)));
    }
    const v1 = canonicalJson(m);
    expect(read(v1, 'whatever the row says')).toEqual(m);
    expect(isStoredMetadataForm(JSON.parse(v1), v1, EVENT_ID)).toBe(true);
  });

  it('tells every other text of version 2 from the one it writes', () => {
    const m = fc.sample(metadata, 1)[0];
    const text = storedMetadataJson(EVENT_ID, m);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const others = [
      { ...parsed, causationId: m.commandId },
      { ...parsed, correlationId: m.commandId },
      { ...parsed, extra: 1 },
      { ...parsed, actor: 7 },
    ];
    for (const o of others) expect(isStoredMetadataForm(o, canonicalJson(o), EVENT_ID)).toBe(false);
  });
});

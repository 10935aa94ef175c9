import { planAppend } from '../../src/application/append-rules';
import { DuplicateEventId, EventToAppend, WrongExpectedVersion } from '../../src/application/event-store';

const event = (eventId: string): EventToAppend => ({
  eventId,
  type: 'T',
  schemaVersion: 1,
  data: {},
  metadata: {
    eventId,
    commandId: 'c',
    actor: 'a',
    causationId: 'c',
    correlationId: 'c',
    occurredAt: '2024-01-01T00:00:00Z',
  },
});

/** A stream holding ids A, B at revisions 0 and 1. */
const plan = (ids: string[], expected: Parameters<typeof planAppend>[3]) => {
  const stream = ['A', 'B'];
  return planAppend(
    's',
    1,
    ids.map(event),
    expected,
    (from, count) => stream.slice(from, from + count),
    (id) => (stream.indexOf(id) < 0 ? undefined : stream.indexOf(id)),
  );
};

describe('append rules shared by the memory and SQLite stores', () => {
  it('writes new ids after the expected revision', () => {
    expect(plan(['C', 'D'], 1)).toEqual({ kind: 'write', nextRevision: 2 });
    expect(plan(['C'], 'any')).toEqual({ kind: 'write', nextRevision: 2 });
  });

  it('recognises a retry of ids already at the expected place', () => {
    expect(plan(['B'], 0)).toEqual({ kind: 'already-written', lastRevision: 1 });
    expect(plan(['A', 'B'], 'any')).toEqual({ kind: 'already-written', lastRevision: 1 });
  });

  it('refuses an id twice in one batch, or an id the stream already holds elsewhere', () => {
    expect(() => plan(['C', 'C'], 1)).toThrow(DuplicateEventId);
    expect(() => plan(['C', 'A'], 'any')).toThrow(DuplicateEventId);
    expect(() => plan(['C', 'B'], 1)).toThrow(DuplicateEventId);
  });

  it('reports a conflict when the expected revision does not hold', () => {
    expect(() => plan(['C'], 0)).toThrow(WrongExpectedVersion);
    expect(() => plan(['B', 'A'], 'any')).toThrow(WrongExpectedVersion);
  });
});

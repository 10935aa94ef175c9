import { DuplicateEventId, ExpectedRevision, WrongExpectedVersion } from './event-store';

/**
 * What an append means against a stream's current events, shared by the stores that decide it
 * themselves (memory, SQLite). It mimics EventStoreDB: an append whose event ids are already the
 * stream's events at the expected place is an idempotent retry and writes nothing.
 */
export type AppendPlan =
  { kind: 'write'; nextRevision: number } | { kind: 'already-written'; lastRevision: number };

/** `existingIds(from, count)` returns the ids stored at revisions from..from+count-1 (fewer if the stream ends). */
export function planAppend(
  streamName: string,
  lastRevision: number | undefined,
  /** Only their ids matter here (a store may hold the rest already serialised). */
  events: readonly { readonly eventId: string }[],
  expected: ExpectedRevision,
  existingIds: (fromRevision: number, count: number) => string[],
  revisionOfId: (eventId: string) => number | undefined,
  /**
   * True for a store that refuses a duplicate event id itself, atomically with the write (SQLite's
   * UNIQUE index): the ids of a write are then not looked up one by one first, a seek per event
   * that the insert makes again anyway.
   */
  storeRefusesDuplicateIds = false,
): AppendPlan {
  const next = (lastRevision ?? -1) + 1;
  const write = (): AppendPlan => {
    if (storeRefusesDuplicateIds) return { kind: 'write', nextRevision: next };
    const seen = new Set<string>();
    for (const { eventId } of events) {
      if (seen.has(eventId) || revisionOfId(eventId) !== undefined)
        throw new DuplicateEventId(streamName, eventId);
      seen.add(eventId);
    }
    return { kind: 'write', nextRevision: next };
  };
  const sameIdsAt = (from: number): boolean => {
    if (events.length === 0) return false;
    const ids = existingIds(from, events.length);
    return ids.length === events.length && ids.every((id, i) => id === events[i].eventId);
  };
  if (typeof expected === 'number' || expected === 'no_stream') {
    const at = expected === 'no_stream' ? -1 : expected;
    if (at === (lastRevision ?? -1) && !(expected === 'no_stream' && lastRevision !== undefined))
      return write();
    if (sameIdsAt(at + 1)) return { kind: 'already-written', lastRevision: at + events.length };
    throw new WrongExpectedVersion(streamName, expected, lastRevision);
  }
  if (expected === 'stream_exists' && lastRevision === undefined) {
    throw new WrongExpectedVersion(streamName, expected, lastRevision);
  }
  // any / stream_exists: a retry is recognised by its first event id already being in the stream.
  const first = events.length > 0 ? revisionOfId(events[0].eventId) : undefined;
  if (first !== undefined) {
    if (sameIdsAt(first)) return { kind: 'already-written', lastRevision: first + events.length - 1 };
    throw new WrongExpectedVersion(streamName, expected, lastRevision);
  }
  return write();
}

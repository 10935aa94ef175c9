/**
 * Snapshots of aggregate state, so that a process starting on a long stream (a meeting with
 * 100,000 proxies and attendances, a resolution with 50,000 votes) reads one saved state and the
 * events after it instead of folding the stream from its start: ~0.3 s against 1.3-2.5 s for the
 * AGM-1M meeting.
 *
 * A snapshot is a cache, never part of the record: nothing is decided that the events do not
 * justify. A snapshot is only taken of a state the store has accepted every event of; it is used
 * only when its shape is the one this code evolves (the kind's category and state version), and
 * the stream still holds, at the snapshot's revision, the event it was taken after. Whatever fails
 * those checks, or fails to decode, is ignored and the stream is folded from its start.
 */
import { AggregateKind } from './aggregates';

export interface Snapshot {
  /** The revision of the last event folded into the state. */
  readonly revision: number;
  /** The id of that event: a snapshot of another stream, or of a record restored to another past, is not used. */
  readonly eventId: string;
  /** What wrote the state: see shapeOf. */
  readonly shape: string;
  /** The state as encodeState wrote it. */
  readonly state: string;
}

/** Where a store keeps snapshots beside its events; a store without one folds every stream from its start. */
export interface SnapshotStore {
  /** The stream's latest snapshot, or undefined when it has none (or none this code may use). */
  readSnapshot(streamName: string): Promise<Snapshot | undefined>;
  /** Replaces the stream's snapshot. */
  writeSnapshot(streamName: string, snapshot: Snapshot): Promise<void>;
  /** The streams that have one, in name order. */
  snapshotStreams(): Promise<string[]>;
  /** Forgets the stream's snapshot: its next first load folds the stream from its start. */
  discardSnapshot(streamName: string): Promise<void>;
}

/** The state's shape: bump the kind's stateVersion when its state or its evolve changes. */
export const shapeOf = (kind: AggregateKind<unknown>): string => `${kind.category}@${kind.stateVersion}`;

/** How a Map is written: its keys and values one after the other, under this one key. */
const MAP = '$map';

class NotEncodable extends Error {}

/**
 * The state as JSON, Maps included (as `{"$map": [k1, v1, k2, v2, …]}`); undefined when the state
 * holds something JSON cannot give back as it was (a bigint, a non-finite number, a function, a
 * Set or another class's instance, an object with a key `$map`), so that no snapshot is taken rather than a wrong one.
 */
export function encodeState(state: unknown): string | undefined {
  try {
    return JSON.stringify(state, encodeValue);
  } catch (error) {
    if (error instanceof NotEncodable || error instanceof TypeError) return undefined;
    throw error;
  }
}

function encodeValue(this: unknown, _key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new NotEncodable();
      return value;
    case 'function':
    case 'symbol':
      throw new NotEncodable();
    case 'object':
      if (value === null || Array.isArray(value)) return value;
      if (isMap(value)) {
        const flat: unknown[] = [];
        for (const [key, entry] of value) flat.push(key, entry);
        return { [MAP]: flat };
      }
      // A Set or a class instance would come back as a plain object, or not at all.
      if (!isPlainObject(value) || Object.hasOwn(value, MAP)) throw new NotEncodable();
      return value;
    case 'undefined':
      // Left out of an object, as the state reads it; but an array would give back null.
      if (Array.isArray(this)) throw new NotEncodable();
      return value;
    default:
      // string, boolean; a bigint makes JSON.stringify throw a TypeError.
      return value;
  }
}

// Both by shape, not by this realm's constructors: a value may come from another realm (a
// structured clone, a vm context such as jest's), where `instanceof Map` and Object.prototype differ.
const isMap = (value: object): value is Map<unknown, unknown> =>
  Object.prototype.toString.call(value) === '[object Map]';

/** An object literal's (or JSON.parse's): its prototype is a realm's Object.prototype, or none. */
function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** The state encodeState wrote, its Maps rebuilt. Throws on text it did not write. */
export function decodeState<S>(text: string): S {
  return revive(JSON.parse(text)) as S;
}

// A walk over the parsed value rather than JSON.parse's reviver: the reviver is called for every
// value, and took twice as long on the AGM-1M meeting (15 MB).
function revive(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  const flat = record[MAP];
  if (flat !== undefined) {
    if (!Array.isArray(flat) || flat.length % 2 !== 0)
      throw new Error('A snapshot map must list keys and values');
    const map = new Map<unknown, unknown>();
    for (let i = 0; i < flat.length; i += 2) map.set(flat[i], revive(flat[i + 1]));
    return map;
  }
  for (const key in record) record[key] = revive(record[key]);
  return record;
}

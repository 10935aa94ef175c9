/**
 * How the state cache writes an aggregate's state into a snapshot and reads it back (the store
 * keeps the text; see SnapshotStore in the application's snapshot-store port).
 */
import { AggregateKind } from '../../application/aggregates';
import { VoteTable } from '../../domain/resolution/vote-table';
import { RecordTable } from '../../domain/shared/record-table';

/** The state's shape: bump the kind's stateVersion when its state or its evolve changes. */
export const shapeOf = (kind: AggregateKind<unknown>): string => `${kind.category}@${kind.stateVersion}`;

/** How a Map is written: its keys and values one after the other, under this one key. */
const MAP = '$map';

class NotEncodable extends Error {}

/**
 * The state as JSON, Maps included (as `{"$map": [k1, v1, k2, v2, …]}`, and a resolution's vote
 * table or a meeting's holder tables as the Map they stand for, which the kind's fromSnapshot packs
 * again); undefined when the state holds something JSON cannot give back as it was (a bigint, a non-finite number, a function, a
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
      if (isMap(value) || value instanceof VoteTable || value instanceof RecordTable) {
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

import { VoteTable } from '../../src/domain/resolution/vote-table';
import { RecordTable } from '../../src/domain/shared/record-table';

/**
 * A value with its Maps (OverlayMaps included) turned into entry lists, so states compare by
 * content; a resolution's vote table and a meeting's holder tables likewise, by what they hold (not
 * their rows' layout).
 */
export function plain(value: unknown): unknown {
  if (value instanceof Map || value instanceof VoteTable || value instanceof RecordTable)
    return { $map: [...value.entries()].map(([k, v]) => [k, plain(v)]) };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

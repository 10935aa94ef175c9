/**
 * A row of an index a read model appends and never rewrites: the positions of the events folded
 * since the last checkpoint under a key they concern (e.g. a holder they name), in order, keyed by
 * the first of them (`seq`). What grows with the record is kept on disk, not in memory, each row
 * written once, and one row per key and checkpoint rather than per event; the events themselves are
 * read back from the store.
 */
export interface AppendedRow {
  readonly key: string;
  readonly seq: number;
  readonly positions: readonly number[];
}

/** Positions gathered by key between checkpoints. */
export type PendingRows = Map<string, number[]>;

export function addPosition(pending: PendingRows, key: string, position: number): void {
  const positions = pending.get(key);
  if (positions === undefined) pending.set(key, [position]);
  else if (positions[positions.length - 1] !== position) positions.push(position);
}

/** The rows to append, one per key; the pending positions are forgotten. */
export function takePending(pending: PendingRows): AppendedRow[] {
  const rows = [...pending].map(([key, positions]) => ({ key, seq: positions[0], positions }));
  pending.clear();
  return rows;
}

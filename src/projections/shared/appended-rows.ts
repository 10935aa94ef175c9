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

const RADIX = 36;

/**
 * A row's positions as stored: each gap from the position before it (the first from zero) in base
 * 36, and `+n` after it when the n positions that follow it are consecutive. A meeting's events are
 * mostly consecutive, an agenda item's come in runs of a batch, so a row that would list every
 * position of a large checkpoint is a few characters (docs/performance.md). Ascending positions, as
 * the runner folds them.
 */
export function encodePositions(positions: readonly number[]): string {
  let text = '';
  let previous = 0;
  for (let i = 0; i < positions.length;) {
    const first = positions[i];
    let run = 0;
    while (i + run + 1 < positions.length && positions[i + run + 1] === first + run + 1) run += 1;
    if (text.length > 0) text += ',';
    text += (first - previous).toString(RADIX);
    if (run > 0) text += `+${run.toString(RADIX)}`;
    previous = first + run;
    i += run + 1;
  }
  return text;
}

/** encodePositions' inverse; a row stored by an earlier version (a JSON array) reads as it was. */
export function decodePositions(text: string): number[] {
  if (text.startsWith('[')) return JSON.parse(text) as number[];
  const positions: number[] = [];
  if (text.length === 0) return positions;
  let previous = 0;
  for (const token of text.split(',')) {
    const plus = token.indexOf('+');
    const first = previous + parseInt(plus < 0 ? token : token.slice(0, plus), RADIX);
    const run = plus < 0 ? 0 : parseInt(token.slice(plus + 1), RADIX);
    for (let p = first; p <= first + run; p += 1) positions.push(p);
    previous = first + run;
  }
  return positions;
}

import { AppendedRow, encodePositions } from '../../projections/shared/appended-rows';

/** One read model's part of a checkpoint: its changed documents, its new index rows, its position. */
export interface CheckpointWrite {
  readonly projection: string;
  readonly position: number;
  /** The id of the event at that position: what ties the checkpoint to the record (store-binding.ts). */
  readonly eventId?: string;
  /** A document of undefined is removed. */
  readonly changed: ReadonlyMap<string, string | undefined>;
  readonly appended?: readonly AppendedRow[];
}

/**
 * A read model's part of a checkpoint as it is written, in flat arrays of plain values: what crosses
 * to the checkpoint thread, where the structured clone of 50,000 Map entries and row objects cost
 * ~380 ms of a rebuild's main thread.
 */
export interface CheckpointRows {
  readonly projection: string;
  readonly position: number;
  /** The id of the event at that position; null where none was folded (or the writer did not say). */
  readonly eventId: string | null;
  /** Key, then body (null: the document is removed), for each changed document. */
  readonly documents: readonly (string | null)[];
  /** Key, seq, then the positions as stored (encodePositions), for each row, in key and seq order. */
  readonly rows: readonly (string | number)[];
}

export function checkpointRowsOf(write: CheckpointWrite): CheckpointRows {
  const documents: (string | null)[] = [];
  for (const [key, body] of write.changed) documents.push(key, body ?? null);
  // In key order, rows land on the B-tree's pages one after another.
  const appended = [...(write.appended ?? [])].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq,
  );
  const rows: (string | number)[] = [];
  for (const r of appended) rows.push(r.key, r.seq, encodePositions(r.positions));
  const { projection, position } = write;
  return { projection, position, eventId: write.eventId ?? null, documents, rows };
}

/**
 * A row a read model appends and never rewrites: one per event (or per holder an event names), so
 * that what grows with the record is kept on disk, not in memory, and each row is written once. Rows
 * are kept under a key (e.g. a holder) in `seq` order (the event's position in the store).
 */
export interface AppendedRow {
  readonly key: string;
  readonly seq: number;
  readonly body: string;
}

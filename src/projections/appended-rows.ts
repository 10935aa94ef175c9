/**
 * A row of an index a read model appends and never rewrites: the position (`seq`) of an event under
 * a key it concerns (e.g. a holder it names). What grows with the record is kept on disk, not in
 * memory, each row written once; the events themselves are read back from the store.
 */
export interface AppendedRow {
  readonly key: string;
  readonly seq: number;
}

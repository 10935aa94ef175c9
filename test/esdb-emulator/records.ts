/** The records of the emulator's log, and what its reads and writes answer. */

/** An event the client proposed, once the server has validated it. */
export interface ProposedEvent {
  /** Lower case, as the server renders a Guid. */
  readonly id: string;
  readonly type: string;
  /** The server keeps only this flag: any content type but application/json reads back as octet-stream. */
  readonly isJson: boolean;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly streamName: string;
  readonly revision: bigint;
  /**
   * Commit and prepare position alike: an append is an implicit transaction whose events the real
   * server reports with commit == prepare. Positions grow by a record size, as byte offsets do, so
   * nothing may assume they are consecutive.
   */
  readonly position: bigint;
  /** 100-ns ticks since the Unix epoch (the server's `created` metadata). */
  readonly created: bigint;
  /** Its index in the log (the emulator's own bookkeeping, never sent). */
  readonly seq: number;
}

export type WriteOutcome =
  | {
      readonly kind: 'success';
      /** Last revision of the stream; -1 when it still has no event. */
      readonly lastRevision: bigint;
      /** Position of the last event written (or already there); undefined when nothing was written. */
      readonly position: bigint | undefined;
    }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint }
  | { readonly kind: 'stream-deleted' }
  /** A retry of events still replicating: the leader drops it, and the client times out. */
  | { readonly kind: 'dropped' };

export type StreamRead =
  | { readonly kind: 'found'; readonly events: readonly StoredEvent[] }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'deleted' };

/** EventNumber.DeletedStream (long.MaxValue): the revision of a tombstone and the $tb of a soft delete. */
export const DELETED_STREAM = 9223372036854775807n;
export const TOMBSTONE_TYPE = '$streamDeleted';

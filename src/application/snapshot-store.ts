/**
 * Snapshots of aggregate state, so that a process starting on a long stream (a meeting with
 * 100,000 proxies and attendances, a resolution with 50,000 votes) reads one saved state and the
 * events after it instead of folding the stream from its start (figures in docs/performance.md).
 *
 * A snapshot is a cache, never part of the record: nothing is decided that the events do not
 * justify. A snapshot is only taken of a state the store has accepted every event of; it is used
 * only when its shape is the one this code evolves (the kind's category and state version), and
 * the stream still holds, at the snapshot's revision, the event it was taken after. Whatever fails
 * those checks, or fails to decode, is ignored and the stream is folded from its start.
 */

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

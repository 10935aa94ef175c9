import { PersistedProjection } from './persisted-projections';

/** How a ProjectionRunner reads, folds and checkpoints. */
export interface RunnerOptions {
  /**
   * Events read from the store at a time and, when given, folded between two checkpoints (a crash
   * redoes at most this many). Without it a catch-up checkpoints by size and time instead.
   */
  readonly batchSize?: number;
  /** Without batchSize: events read from the store at a time (default 1,000). */
  readonly readPage?: number;
  /** Without batchSize: a checkpoint once this many events are folded since the last one… */
  readonly checkpointEvery?: number;
  /** …or once this many milliseconds have passed since it… */
  readonly checkpointMs?: number;
  /** …or once this many documents are to be written, whichever comes first (default 100,000). */
  readonly checkpointDocuments?: number;
  /** Called after each checkpoint is written (tests use it to stop the process at a chosen point). */
  readonly onCheckpoint?: (position: number) => void;
  /** The read models to keep; all of them by default. */
  readonly projections?: readonly PersistedProjection<unknown>[];
}

import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { EventStore, RecordedEvent, Subscription } from '../../application/event-store';
import { toDomainEvent } from '../../application/stored-events';
import {
  applyAndTouch,
  DocumentKey,
  documentOf,
  modelsFromDocuments,
} from '../../projections/results-documents';
import { ResultsModels } from '../../projections/results-view';
import { SqliteReadModels } from './sqlite-read-models';

export const RESULTS_PROJECTION = 'results';

export interface RunnerOptions {
  /** Events folded between two checkpoints; a crash redoes at most this many. */
  readonly batchSize?: number;
  /** Called after each checkpoint is written (tests use it to stop the process at a chosen point). */
  readonly onCheckpoint?: (position: number) => void;
}

/**
 * Folds the store's events into the results read models and keeps them in SQLite with their
 * checkpoint. It catches up from the checkpoint, then follows live events; between checkpoints the
 * changes are held in memory and written together with the checkpoint.
 */
export class ProjectionRunner {
  private models: ResultsModels;
  private position: number;
  private readonly touched = new Set<DocumentKey>();
  private pending = 0;
  private subscription?: Subscription;
  private following = false;
  private live = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: SqliteReadModels,
    private readonly options: RunnerOptions = {},
  ) {
    this.models = modelsFromDocuments(readModels.documents(RESULTS_PROJECTION));
    this.position = readModels.checkpoint(RESULTS_PROJECTION);
  }

  get results(): ResultsModels {
    return this.models;
  }

  get checkpoint(): number {
    return this.position;
  }

  /** Folds every event after the checkpoint that exists now, then writes the checkpoint. */
  async catchUp(): Promise<void> {
    for (;;) {
      const batch = await this.store.readAll({
        afterPosition: this.position,
        maxCount: this.options.batchSize ?? 1000,
      });
      if (batch.length === 0) break;
      for (const event of batch) this.apply(event);
      this.flush();
    }
    this.flush();
  }

  /**
   * Catches up, then follows new events until stopped. Live events are checkpointed one by one. A
   * dropped subscription (a server restart, a network cut) is reported to `onDrop` and resumed from
   * the last checkpoint after a pause that grows with repeated drops.
   */
  follow(onDrop: (error: Error) => void = () => undefined): void {
    this.following = true;
    let drops = 0;
    const subscribe = () => {
      this.subscription = this.store.subscribeToAll(
        { afterPosition: this.position, streamPrefixes: GOVREC_STREAM_PREFIXES },
        {
          onEvent: (event) => {
            drops = 0;
            this.apply(event);
            if (this.live) this.flush();
          },
          onCaughtUp: () => {
            this.live = true;
            this.flush();
          },
          onError: (error) => {
            this.live = false;
            this.flush();
            onDrop(error);
            drops += 1;
            if (this.following) this.retry = setTimeout(subscribe, Math.min(5_000, 50 * 2 ** drops));
          },
        },
      );
    };
    subscribe();
  }

  async stop(): Promise<void> {
    this.following = false;
    if (this.retry) clearTimeout(this.retry);
    await this.subscription?.stop();
    this.flush();
  }

  /** Drops the read models and folds every event again from position zero. */
  async rebuild(): Promise<void> {
    this.readModels.drop(RESULTS_PROJECTION);
    this.models = modelsFromDocuments([]);
    this.position = -1;
    this.touched.clear();
    this.pending = 0;
    await this.catchUp();
  }

  private apply(event: RecordedEvent): void {
    if (event.position <= this.position) return;
    if (GOVREC_STREAM_PREFIXES.some((p) => event.streamName.startsWith(p))) {
      applyAndTouch(this.models, toDomainEvent(event), this.touched);
    }
    this.position = event.position;
    this.pending += 1;
    if (this.pending >= (this.options.batchSize ?? 1000)) this.flush();
  }

  private flush(): void {
    if (this.pending === 0) return;
    const changed = new Map<string, string | undefined>();
    for (const key of this.touched) changed.set(key, documentOf(this.models, key));
    this.readModels.save(RESULTS_PROJECTION, this.position, changed);
    this.touched.clear();
    this.pending = 0;
    this.options.onCheckpoint?.(this.position);
  }
}

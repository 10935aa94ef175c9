import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { CheckpointAheadOfStore, EventStore } from '../../application/event-store';
import { RecordedEvent, Subscription } from '../../application/event-store';
import { toTrustedRecordedDomainEvent } from '../../application/stored-events';
import { ResultsModels } from '../../projections/results/view';
import { ALL_PROJECTIONS, PersistedProjection, RESULTS } from './persisted-projections';
import { RunnerOptions } from './runner-options';
import { CheckpointThread } from './checkpoint-thread';
import { checkpointRowsOf, CheckpointWrite } from './checkpoint-rows';
import { SqliteReadModels } from './sqlite-read-models';
import { bindReadModels, recordChainLink } from './store-binding';
import { documentsUnder, pageIn, pageOut, writtenKeysFrom } from './paged-documents';
import { isGovrecStream, loadRunning, Running, takeWrite } from './running';
import { EventRouting } from './event-routing';

export const RESULTS_PROJECTION = RESULTS.name;

export type { RunnerOptions } from './runner-options';
const READ_PAGE = 1000;
/** A checkpoint once so many events are folded, milliseconds passed or documents to write. */
const [CHECKPOINT_EVERY, CHECKPOINT_MS, CHECKPOINT_DOCUMENTS] = [500_000, 10_000, 10_000];

/**
 * Folds the store's events into the read models and keeps them in SQLite, each with its checkpoint.
 * It catches up from the oldest checkpoint (a read model added later, or rebuilt, starts from zero
 * while the others skip what they hold), then follows live events. Between checkpoints the changes
 * are held in memory and written, every read model's with its checkpoint, in one transaction.
 */
export class ProjectionRunner {
  private readonly running: Running[];
  private readonly routing: EventRouting;
  private pending = 0;
  private lastCheckpointAt = performance.now();
  private appliedCount = 0;
  private subscription?: Subscription;
  private following = false;
  private live = false;
  private retry?: NodeJS.Timeout;
  /** Settles once the read models are known to be the store's. */
  private bound?: Promise<void>;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: SqliteReadModels,
    private readonly options: RunnerOptions = {},
  ) {
    this.running = (options.projections ?? ALL_PROJECTIONS).map((p) => loadRunning(p, readModels));
    this.routing = new EventRouting(this.running);
  }

  get results(): ResultsModels {
    return this.model(RESULTS);
  }

  /** The read models as written at the last checkpoint: where the rows of appended read models are read. */
  get stored(): SqliteReadModels {
    return this.readModels;
  }

  /** The event store folded: the record that the audit trail and holder histories page through. */
  get source(): EventStore {
    return this.store;
  }

  /** A read model held in memory; a paged one is read with `documentsUnder`. */
  model<M>(projection: PersistedProjection<M>): M {
    return this.runningOf(projection).model as M;
  }

  /** A paged read model's documents under a key prefix, as of the last event folded. */
  documentsUnder<M>(projection: PersistedProjection<M>, prefix: string): M {
    return documentsUnder(this.runningOf(projection), this.readModels, prefix);
  }

  private runningOf(projection: PersistedProjection<unknown>): Running {
    const running = this.running.find((r) => r.projection.name === projection.name);
    if (!running) throw new Error(`The runner does not keep ${projection.name}`);
    return running;
  }

  /** How many events this runner has folded since it started: changes whenever a read model does. */
  get applied(): number {
    return this.appliedCount;
  }

  /** The position every read model has folded up to. */
  get checkpoint(): number {
    return this.position;
  }

  private get position(): number {
    return Math.min(...this.running.map((r) => r.position));
  }

  /**
   * Checkpointing costs a transaction, a rewrite of every document touched since the last one, and
   * a row of the holder index for every holder named since (the rows themselves are appended, see
   * read-model-schema.ts): a rebuild checkpoints by events, time and documents, not every page it
   * reads (docs/performance.md, "Read models: checkpoints"). A crash still loses nothing: the read
   * models are written with their checkpoints in one transaction; a restart redoes what follows.
   */
  private checkpointDue(): boolean {
    if (this.options.batchSize !== undefined) return this.pending >= this.options.batchSize;
    return (
      this.pending >= (this.options.checkpointEvery ?? CHECKPOINT_EVERY) ||
      performance.now() - this.lastCheckpointAt >= (this.options.checkpointMs ?? CHECKPOINT_MS) ||
      this.running.reduce((n, r) => n + r.touched.size, 0) >=
        (this.options.checkpointDocuments ?? CHECKPOINT_DOCUMENTS)
    );
  }

  /**
   * Folds every event after the checkpoint, then writes the checkpoints. A long catch-up (a rebuild,
   * a restart far behind) writes them on a thread of its own (CheckpointThread) while it folds on;
   * it returns once the last is committed, or throws the first failure, after which nothing later
   * was written. Then records the chain's link there (store-binding.ts).
   */
  async catchUp(): Promise<void> {
    try {
      await this.catchUpOnce();
    } catch (error) {
      if (!(error instanceof CheckpointAheadOfStore)) throw error;
      this.bound = undefined; // restored behind the checkpoints: the binding sees it, and rebuilds
      await this.catchUpOnce();
    }
  }

  private async catchUpOnce(): Promise<void> {
    await this.bindToStore();
    let thread: CheckpointThread | undefined;
    let saving: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!thread) return this.flush();
      await saving;
      saving = this.flushTo(thread);
      // Awaited before the next checkpoint or at the end; handled now, not reported as unhandled.
      saving.catch(() => undefined);
    };
    try {
      for (;;) {
        const batch: (RecordedEvent | undefined)[] = await this.store.readAll({
          afterPosition: this.position,
          maxCount: this.options.batchSize ?? this.options.readPage ?? READ_PAGE,
          // The read models read the metadata of few events (a proxy's times), and fold them at once.
          lazyMetadata: true,
        });
        if (batch.length === 0) break;
        this.applyPage(batch);
        if (!this.checkpointDue()) continue;
        if (this.options.batchSize === undefined) thread ??= this.readModels.checkpointThread();
        await flush();
      }
      await flush();
      await saving;
    } finally {
      await thread?.close();
    }
    await recordChainLink(this.store, this.readModels, this.checkpoint);
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
      if (!this.following) return;
      this.subscription = this.store.subscribeToAll(
        { afterPosition: this.checkpoint, streamPrefixes: GOVREC_STREAM_PREFIXES },
        {
          onEvent: (event) => {
            drops = 0;
            this.apply(event);
            if (this.live || this.checkpointDue()) this.flush();
          },
          onCaughtUp: () => {
            this.live = true;
            this.flush();
          },
          onError: dropped,
        },
      );
    };
    const dropped = (error: Error) => {
      this.live = false;
      this.flush();
      onDrop(error);
      drops += 1;
      // A drop may be a restart from a backup: bound again (rebuilt if need be) before resuming.
      this.bound = undefined;
      if (this.following) this.retry = setTimeout(resume, Math.min(5_000, 50 * 2 ** drops));
    };
    const resume = () => void this.bindToStore().then(subscribe, dropped);
    subscribe();
  }

  async stop(): Promise<void> {
    this.following = false;
    if (this.retry) clearTimeout(this.retry);
    await this.subscription?.stop();
    this.flush();
  }

  /** Drops the read models (all, or those named) and folds every event again from position zero. */
  async rebuild(names?: readonly string[]): Promise<void> {
    for (const r of this.running) {
      if (names && !names.includes(r.projection.name)) continue;
      this.readModels.drop(r.projection.name);
      this.forget(r);
    }
    this.pending = 0;
    await this.catchUp();
  }

  /** Once, before anything is folded or served: read models not this store's are dropped (store-binding.ts). */
  private bindToStore(): Promise<void> {
    this.bound ??= bindReadModels(this.store, this.readModels, this.running).then((mismatch) => {
      if (mismatch === undefined) return;
      for (const r of this.running) this.forget(r);
      this.pending = 0;
    });
    // A failure (the store unreachable) is not a binding: the next catch-up asks again.
    this.bound.catch(() => (this.bound = undefined));
    return this.bound;
  }

  private forget(r: Running): void {
    Object.assign(r, {
      model: r.projection.fromDocuments([]),
      position: -1,
      eventId: undefined,
      written: undefined,
      ...writtenKeysFrom(r.projection, -1),
    });
    this.appliedCount += 1;
    r.touched.clear();
  }

  /** Folds a page, each event forgotten once folded: garbage, not copied, at the next scavenge. */
  private applyPage(page: (RecordedEvent | undefined)[]): void {
    for (let i = 0; i < page.length; i++) {
      const event = page[i]!;
      page[i] = undefined;
      this.apply(event);
    }
  }

  private apply(event: RecordedEvent): void {
    const behind = this.routing.behind(event.position);
    if (behind.length === 0) return;
    if (isGovrecStream(event.streamName)) {
      const recorded = toTrustedRecordedDomainEvent(event);
      // A read model is given only the types it folds; it would page in no document for the others.
      for (const r of this.routing.folding(behind, event.type)) {
        pageIn(r, recorded, this.readModels);
        r.projection.apply(r.model, recorded, r.touched);
      }
    }
    for (const r of behind) {
      r.position = event.position;
      r.eventId = event.eventId;
    }
    this.appliedCount += 1;
    this.pending += 1;
    if (this.options.batchSize !== undefined && this.pending >= this.options.batchSize) this.flush();
  }

  private flush(): void {
    const writes = this.takeCheckpoint();
    if (!writes) return;
    this.readModels.saveAll(writes);
    for (const r of this.running) pageOut(r);
    this.options.onCheckpoint?.(this.checkpoint);
  }

  private flushTo(thread: CheckpointThread): Promise<void> {
    const writes = this.takeCheckpoint();
    if (!writes) return Promise.resolve();
    const position = this.checkpoint;
    // Committed before the next checkpoint is taken (catchUpOnce awaits it): the paged documents'
    // `written` are this checkpoint's.
    return thread.save(writes.map(checkpointRowsOf)).then(() => {
      for (const r of this.running) pageOut(r);
      this.options.onCheckpoint?.(position);
    });
  }

  /** Every read model's changes since the last checkpoint, as they are to be written; forgotten here. */
  private takeCheckpoint(): CheckpointWrite[] | undefined {
    if (this.pending === 0) return undefined;
    const writes = this.running.map(takeWrite);
    this.pending = 0;
    this.lastCheckpointAt = performance.now();
    return writes;
  }
}

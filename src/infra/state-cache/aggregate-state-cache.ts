import { DomainEvent } from '../../domain/events';
import { AggregateStates, Loaded, RecordedCommands } from '../../application/aggregate-states';
import { AggregateKind } from '../../application/aggregates';
import { EventStore, RecordedEvent } from '../../application/event-store';
import { eventIdFor, isDerivedEventId } from '../../application/event-ids';
import { toDomainEvent } from '../../application/stored-events';
import { draftOf } from './drafts';
import { decodeState, encodeState, shapeOf } from './snapshot-codec';

interface Entry {
  readonly kind: AggregateKind<unknown>;
  state: unknown;
  revision: number;
  /** The revision of the stream's snapshot this entry started from or last saved; -1 for none. */
  snapshotAt: number;
  /**
   * Commands recorded with event ids from before eventIdFor's current layout, met while folding:
   * they cannot be found by their derived id. Only old records fill it, so it never grows again.
   */
  legacy: Map<string, string | undefined>;
}

/** Events folded at a time on a first load: a long stream is never held whole in memory. */
const LOAD_PAGE = 10_000;
/** Event ids asked at a time when reading back what one command wrote. */
const COMMAND_EVENTS_PAGE = 16;
/**
 * Events a stream must have moved on by since its last snapshot for saveSnapshots to save another:
 * writing a snapshot costs about what folding a few thousand events does (docs/performance.md).
 */
export const SNAPSHOT_AFTER = 10_000;

/**
 * Loads aggregates and keeps each one's state with its revision, so a command on a long stream (a
 * resolution with 500,000 votes) reads only the events appended since it was last loaded. A cached
 * state is advanced only by events the store has accepted, so it never runs ahead of the record.
 *
 * What it keeps grows with the aggregates' states (holders, proxies), not with the events: whether
 * a command was already recorded is asked of the store, by the id its first event would have
 * (eventIdFor), which the stores index.
 *
 * A stream met for the first time starts from its snapshot where the store keeps one
 * (snapshots.ts), and saveSnapshots leaves new ones for the next process.
 */
export class AggregateStateCache implements AggregateStates {
  private readonly cache = new Map<string, Entry>();
  /** First loads under way: a second load of the stream meanwhile waits for the same entry. */
  private readonly opening = new Map<string, Promise<Entry>>();

  constructor(private readonly store: EventStore) {}

  async load<S>(kind: AggregateKind<S>, stream: string): Promise<Loaded<S>> {
    const entry = this.cache.get(stream) ?? (await this.open(kind, stream));
    for (;;) {
      const newer = await this.store.readStream(stream, {
        fromRevision: entry.revision + 1,
        maxCount: LOAD_PAGE,
      });
      this.fold(kind, entry, newer);
      if (newer.length < LOAD_PAGE) break;
    }
    const legacy = entry.legacy;
    const state = entry.state as S;
    return {
      state,
      revision: entry.revision,
      recorded: (commandIds, firstEventIds) =>
        this.recordedCommands(stream, legacy, commandIds, firstEventIds),
      draft: () => draftOf(kind)(state),
    };
  }

  accepted<S>(
    kind: AggregateKind<S>,
    stream: string,
    fromRevision: number,
    events: readonly DomainEvent[],
    draft: S,
  ): void {
    const settle = draftOf(kind).settle;
    if (settle) this.advanceTo(stream, fromRevision, events.length, () => settle(draft));
    else this.advance(kind, stream, fromRevision, events);
  }

  /** Records what an append wrote; `fromRevision` is the revision of the first of `events`. */
  advance<S>(
    kind: AggregateKind<S>,
    stream: string,
    fromRevision: number,
    events: readonly DomainEvent[],
  ): void {
    const entry = this.cache.get(stream);
    if (!entry || entry.revision !== fromRevision - 1) {
      this.cache.delete(stream);
      return;
    }
    for (const event of events) entry.state = kind.evolve(entry.state as S, event);
    entry.revision += events.length;
  }

  /**
   * As advance, for a caller that has evolved a state by the `count` events appended from
   * `fromRevision` already (a batch's working copy): `next()` gives it, asked only if the cache is
   * still at the revision before them.
   */
  advanceTo<S>(stream: string, fromRevision: number, count: number, next: () => S): void {
    const entry = this.cache.get(stream);
    if (!entry || entry.revision !== fromRevision - 1) {
      this.cache.delete(stream);
      return;
    }
    entry.state = next();
    entry.revision += count;
  }

  /** Events a command already wrote to a stream, for answering its retry with the original outcome. */
  async eventsOfCommand(stream: string, commandId: string): Promise<DomainEvent[]> {
    const found: RecordedEvent[] = [];
    for (let from = 0; ; from += COMMAND_EVENTS_PAGE) {
      const ids = Array.from({ length: COMMAND_EVENTS_PAGE }, (_, i) =>
        eventIdFor(commandId, stream, from + i),
      );
      const page = await this.store.findEvents(stream, ids);
      found.push(...page);
      if (page.length < COMMAND_EVENTS_PAGE) break;
    }
    if (found.length > 0) return found.map(toDomainEvent);
    // Recorded before the current id layout: found by reading the stream, as only a retry of an
    // old command ever asks.
    const old: DomainEvent[] = [];
    for (let from = 0; ; from += LOAD_PAGE) {
      const page = await this.store.readStream(stream, { fromRevision: from, maxCount: LOAD_PAGE });
      for (const e of page) if (e.metadata.commandId === commandId) old.push(toDomainEvent(e));
      if (page.length < LOAD_PAGE) return old;
    }
  }

  forget(stream: string): void {
    this.cache.delete(stream);
  }

  /**
   * Saves a snapshot of each cached stream that has moved on by `minEvents` or more since its last
   * one, for the processes that load it next; a bulk writer (an import) calls it when it is done.
   * Only states the store holds every event of are cached, so each is a true state of its stream.
   * Streams with commands recorded under old event ids are left out: their ids live in the cache.
   */
  async saveSnapshots(minEvents = SNAPSHOT_AFTER): Promise<number> {
    const snapshots = this.store.snapshots;
    if (!snapshots) return 0;
    let saved = 0;
    for (const [stream, entry] of [...this.cache]) {
      if (entry.revision < 0 || entry.revision - entry.snapshotAt < minEvents || entry.legacy.size > 0)
        continue;
      // Taken at once: the state is updated in place by later events.
      const { revision } = entry;
      const state = encodeState(entry.state);
      if (state === undefined) continue;
      const [last] = await this.store.readStream(stream, { fromRevision: revision, maxCount: 1 });
      if (last?.revision !== revision) continue;
      await snapshots.writeSnapshot(stream, {
        revision,
        eventId: last.eventId,
        shape: shapeOf(entry.kind),
        state,
      });
      entry.snapshotAt = Math.max(entry.snapshotAt, revision);
      saved += 1;
    }
    return saved;
  }

  private async open<S>(kind: AggregateKind<S>, stream: string): Promise<Entry> {
    let opening = this.opening.get(stream);
    if (!opening) {
      opening = this.startFromSnapshot(kind, stream).then((snapshot) => {
        const entry = this.cache.get(stream) ?? snapshot ?? this.emptyEntry(kind);
        this.cache.set(stream, entry);
        return entry;
      });
      const done = () => this.opening.delete(stream);
      opening.then(done, done);
      this.opening.set(stream, opening);
    }
    return opening;
  }

  private emptyEntry<S>(kind: AggregateKind<S>): Entry {
    return { kind, state: kind.initial(), revision: -1, snapshotAt: -1, legacy: new Map() };
  }

  /**
   * The entry the stream's snapshot gives, if it has one of this kind's shape, the stream still
   * holds the event it was taken after, and it decodes; else undefined (the stream is folded).
   */
  private async startFromSnapshot<S>(kind: AggregateKind<S>, stream: string): Promise<Entry | undefined> {
    const snapshot = await this.store.snapshots?.readSnapshot(stream);
    if (!snapshot || snapshot.shape !== shapeOf(kind)) return undefined;
    const [at] = await this.store.readStream(stream, { fromRevision: snapshot.revision, maxCount: 1 });
    if (at?.revision !== snapshot.revision || at.eventId !== snapshot.eventId) return undefined;
    let state: unknown;
    try {
      const decoded = decodeState<S>(snapshot.state);
      state = kind.fromSnapshot ? kind.fromSnapshot(decoded) : decoded;
    } catch {
      return undefined;
    }
    const { revision } = snapshot;
    return { kind, state, revision, snapshotAt: revision, legacy: new Map() };
  }

  private async recordedCommands(
    stream: string,
    legacy: ReadonlyMap<string, string | undefined>,
    commandIds: readonly string[],
    firstEventIds: readonly string[] | undefined,
  ): Promise<RecordedCommands> {
    const found = new Map<string, string | undefined>();
    const byEventId = new Map<string, string>();
    for (let i = 0; i < commandIds.length; i++) {
      const commandId = commandIds[i];
      if (legacy.has(commandId)) found.set(commandId, legacy.get(commandId));
      else byEventId.set(firstEventIds?.[i] ?? eventIdFor(commandId, stream, 0), commandId);
    }
    if (byEventId.size === 0) return found;
    for (const event of await this.store.findEvents(stream, [...byEventId.keys()])) {
      const commandId = byEventId.get(event.eventId);
      // The id is a hash: it names this command only if the event says so too.
      if (commandId !== undefined && event.metadata.commandId === commandId)
        found.set(commandId, event.metadata.commandDigest);
    }
    return found;
  }

  private fold<S>(kind: AggregateKind<S>, entry: Entry, events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      // Two overlapping loads of one stream read the same new events: the second folds none twice.
      if (recorded.revision <= entry.revision) continue;
      entry.state = kind.evolve(entry.state as S, toDomainEvent(recorded));
      entry.revision = recorded.revision;
      if (!isDerivedEventId(recorded.eventId))
        entry.legacy.set(recorded.metadata.commandId, recorded.metadata.commandDigest);
    }
  }
}

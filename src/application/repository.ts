import { DomainEvent } from '../domain/events';
import { AggregateKind } from './aggregates';
import { EventStore, RecordedEvent } from './event-store';
import { toDomainEvent } from './stored-events';

/** An aggregate's state as of a stream revision, with the ids of the commands already recorded in it. */
export interface Loaded<S> {
  readonly state: S;
  /** -1 for a stream that does not exist. */
  readonly revision: number;
  /** commandId → the digest of the command that wrote it (undefined for records that predate digests). */
  readonly commandIds: ReadonlyMap<string, string | undefined>;
}

interface Entry {
  state: unknown;
  revision: number;
  commandIds: Map<string, string | undefined>;
}

/**
 * Loads aggregates and keeps each one's state with its revision, so a command on a long stream (a
 * resolution with 500,000 votes) reads only the events appended since it was last loaded. A cached
 * state is advanced only by events the store has accepted, so it never runs ahead of the record.
 */
export class AggregateRepository {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly store: EventStore) {}

  async load<S>(kind: AggregateKind<S>, stream: string): Promise<Loaded<S>> {
    let entry = this.cache.get(stream);
    if (!entry) {
      entry = { state: kind.initial(), revision: -1, commandIds: new Map() };
      this.cache.set(stream, entry);
    }
    const newer = await this.store.readStream(stream, { fromRevision: entry.revision + 1 });
    this.fold(kind, entry, newer);
    return { state: entry.state as S, revision: entry.revision, commandIds: entry.commandIds };
  }

  /** Records what an append wrote; `fromRevision` is the revision of the first of `events`. */
  advance<S>(
    kind: AggregateKind<S>,
    stream: string,
    fromRevision: number,
    events: readonly DomainEvent[],
    commandId: string,
    commandDigest?: string,
  ): void {
    const entry = this.cache.get(stream);
    if (!entry || entry.revision !== fromRevision - 1) {
      this.cache.delete(stream);
      return;
    }
    for (const event of events) entry.state = kind.evolve(entry.state as S, event);
    entry.revision += events.length;
    entry.commandIds.set(commandId, commandDigest);
  }

  /** Events a command already wrote to a stream, for answering its retry with the original outcome. */
  async eventsOfCommand(stream: string, commandId: string): Promise<DomainEvent[]> {
    const all = await this.store.readStream(stream);
    return all.filter((e) => e.metadata.commandId === commandId).map(toDomainEvent);
  }

  forget(stream: string): void {
    this.cache.delete(stream);
  }

  private fold<S>(kind: AggregateKind<S>, entry: Entry, events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      entry.state = kind.evolve(entry.state as S, toDomainEvent(recorded));
      entry.revision = recorded.revision;
      entry.commandIds.set(recorded.metadata.commandId, recorded.metadata.commandDigest);
    }
  }
}

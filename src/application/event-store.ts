/**
 * The event store port. Every store (memory, embedded SQLite, EventStoreDB) implements it, and one
 * contract suite (test/contract) proves they behave alike. Its vocabulary follows EventStoreDB's:
 * revisions count from 0 within a stream; positions order every event of the store globally.
 */

import { ChainHead, ChainVerdict } from './event-chain';
import { SnapshotStore } from './snapshot-store';

export type { ChainBreak, ChainBreakKind, ChainHead, ChainVerdict } from './event-chain';

/** Who caused an event and why; carried by every event, set by the command handler. */
export interface EventMetadata {
  /** The event's own id, derived from the command id (see {@link EventToAppend.eventId}). */
  readonly eventId: string;
  /** The id of the command that recorded the event; a command sent again with it records nothing new. */
  readonly commandId: string;
  /** Who issued the command, as `role:name` (e.g. `registrar:computershare-hk`). */
  readonly actor: string;
  /** The id of what caused the command, as its sender gave it; the command's own id otherwise. */
  readonly causationId: string;
  /** The id the sender gave every command of one piece of work; the command's own id otherwise. */
  readonly correlationId: string;
  /** The time the command gave (ISO-8601), never the store's clock. */
  readonly occurredAt: string;
  /**
   * SHA-256 of what the command asked (type, actor, payload): a command id sent again with another
   * request is refused instead of being taken for a retry. Absent on events recorded before it existed.
   */
  readonly commandDigest?: string;
}

/** An event as the command handler hands it to a store: what happened, and who caused it and why. */
export interface EventToAppend {
  /** A UUID; appending the same ids again with the same expected revision writes nothing. */
  readonly eventId: string;
  /** The event's name, e.g. `MeetingScheduled`, `VoteCast`. */
  readonly type: string;
  /** The version of the event's data schema; older versions are upcast when read. */
  readonly schemaVersion: number;
  /** The event's payload, as its codec encodes it. */
  readonly data: unknown;
  /** Who caused the event and why. */
  readonly metadata: EventMetadata;
}

/** An event as a store keeps it: where it is in its stream and in the whole store. */
export interface RecordedEvent extends EventToAppend {
  /** The stream it belongs to: `meeting-<id>`, `resolution-<id>`, `election-<id>`, `seal-<meeting>`. */
  readonly streamName: string;
  /** Its place in its stream, from 0. */
  readonly revision: number;
  /** Its place among every event of the store, increasing; what checkpoints are made of. */
  readonly position: number;
}

/** any: no check; no_stream: the stream must not exist; stream_exists: it must; a number: the last revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Where an append left its stream. */
export interface AppendResult {
  /** Revision of the last event of the stream after the append (-1 when an empty append on no stream). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written (or already there, for an idempotent retry). */
  readonly position: number;
  /**
   * How many events this append wrote: 0 for an idempotent retry (the same events, by id, were
   * already there, written by this writer before or by another that decided the same commands on
   * the same state). Undefined where a store cannot tell (the EventStoreDB adapter tells by an id it
   * stores with each append, the server answering both alike). A writer that counts what it
   * recorded (an import's summary) must not count such an append.
   */
  readonly written?: number;
}

/** Which events of one stream to read. */
export interface ReadStreamOptions {
  /** From the first event to the last (the default), or from the last back. */
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  /** At most this many events; all of them when absent. */
  readonly maxCount?: number;
}

/** Which events of the whole store to read, in global order. */
export interface ReadAllOptions {
  /** Inclusive, as EventStoreDB's readAll. Defaults to the beginning. */
  readonly fromPosition?: number;
  /**
   * Exclusive: the position of the last event already handled (a checkpoint). Prefer it to
   * fromPosition: checkpoint + 1, which on EventStoreDB is no record's position.
   */
  readonly afterPosition?: number;
  /** At most this many events; all of them when absent. */
  readonly maxCount?: number;
  /**
   * The events' metadata may be parsed when first read rather than with the event: `metadata` is
   * then a getter of the event's prototype, which a spread or JSON.stringify of the event does not
   * carry. For a reader that reads `event.metadata` by name, or not at all (the projection runner:
   * the read models it folds read the metadata of few events). A store may ignore it.
   */
  readonly lazyMetadata?: boolean;
}

/** For stores whose positions are whole numbers: the first position a read covers. */
export const firstPositionOf = (options: ReadAllOptions): number =>
  Math.max(0, options.afterPosition !== undefined ? options.afterPosition + 1 : (options.fromPosition ?? 0));

/** Where a subscription to every stream starts, and which streams it follows. */
export interface SubscribeToAllOptions {
  /** Exclusive, as EventStoreDB's subscribeToAll: the checkpoint of the last event handled. */
  readonly afterPosition?: number;
  /** Only streams whose names start with one of these prefixes (e.g. 'meeting-'). */
  readonly streamPrefixes?: readonly string[];
}

/** What a subscription calls as events arrive. */
export interface SubscriptionHandlers {
  /** Called in order, one event at a time; the next waits for the returned promise. */
  onEvent(event: RecordedEvent): void | Promise<void>;
  /** Called once, when the catch-up phase has delivered every event that existed at subscription. */
  onCaughtUp?(): void;
  /** The subscription dropped; resume from the last checkpoint. */
  onError?(error: Error): void;
}

/** A live subscription to a store's events. */
export interface Subscription {
  /** Stops delivering events; resolves once no handler is running. */
  stop(): Promise<void>;
}

/**
 * Where govrec keeps its record: streams of events, each appended to only at its end and only if
 * the stream is still at the revision the writer last saw. Implemented by {@link MemoryEventStore},
 * {@link SqliteEventStore} and the EventStoreDB adapter (`govrec/esdb`); an embedder may bring its own.
 */
export interface EventStore {
  /** Where the store keeps aggregate snapshots, if it keeps any (a cache beside the record). */
  readonly snapshots?: SnapshotStore;
  /**
   * Appends events at the end of a stream, all or none, if the stream is at the expected revision;
   * otherwise rejects with {@link WrongExpectedVersion}. Events whose ids are already there, at
   * that place, are not written again.
   */
  append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /** Events of one stream; an absent stream reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * The events of one stream that carry these ids, in stream order; ids the stream does not hold are
   * left out. How the repository finds a command already recorded (its event ids derive from its id)
   * without keeping every command id in memory: an indexed lookup where the store has one.
   */
  findEvents(streamName: string, eventIds: readonly string[]): Promise<RecordedEvent[]>;
  /** Events of every stream in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Delivers every event after a checkpoint, then each new event as it is appended. */
  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription;
  /** Releases the store's connections or files; nothing may be appended or read afterwards. */
  close(): Promise<void>;
  /**
   * Where the record's hash chain stands (event-chain.ts), for a store that keeps one: the position
   * of the last event and its link. A read model records it with its checkpoint, so that it can tell
   * later whether the record it was folded from is still the one it is served beside.
   */
  chainHead?(): Promise<ChainHead | undefined>;
  /** The chain's link (hex) after the event at this position; undefined where there is none. */
  chainAt?(position: number): Promise<string | undefined>;
  /**
   * Checks every stored event against the chain, from the first: canonical bytes, revisions that
   * follow one another, links that hash. For a store that keeps a chain.
   */
  verifyChain?(): Promise<ChainVerdict>;
}

/**
 * An append refused whole because one of its commands' ids was already used, on this stream or
 * another, by a different command (another digest). A command id names one command across the
 * whole store; the steps of one command (a proposal tabled at each meeting) share its id and digest.
 */
export class CommandIdReused extends Error {
  constructor(
    /** The stream appended to. */
    readonly streamName: string,
    /** The command id already used by another command. */
    readonly commandId: string,
  ) {
    super(`Append to ${streamName} refused: command id ${commandId} was used by another command`);
    this.name = 'CommandIdReused';
  }
}

/** The one error a store raises when the expected revision does not hold; the command handler retries it. */
export class WrongExpectedVersion extends Error {
  constructor(
    /** The stream appended to. */
    readonly streamName: string,
    /** The revision the writer expected the stream to be at. */
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or undefined when the stream does not exist. */
    readonly actual: number | undefined,
  ) {
    super(
      `Wrong expected version on ${streamName}: expected ${String(expected)}, actual ${actual ?? 'no stream'}`,
    );
    this.name = 'WrongExpectedVersion';
  }
}

/**
 * A read or a subscription from a checkpoint past the last event the store holds: the store was
 * restored from an older backup, or replaced, while what was folded from it was kept. Nothing is
 * there to read, yet events appended later would land at or below the checkpoint and be skipped
 * unseen; whatever holds the checkpoint must be rebuilt. Raised by stores that can tell.
 */
export class CheckpointAheadOfStore extends Error {
  constructor(
    /** The checkpoint asked for. */
    readonly checkpoint: number,
    /** The position of the store's last event, -1 when it holds none. */
    readonly head: number,
  ) {
    super(
      `Checkpoint ${checkpoint} is past the store's last event (at ${head}): the store was restored or replaced`,
    );
    this.name = 'CheckpointAheadOfStore';
  }
}

/** An append refused whole because it is larger than the store accepts (nothing written). */
export class AppendTooLarge extends Error {
  constructor(
    /** The stream appended to. */
    readonly streamName: string,
    /** The size of the append, encoded as the store would send it. */
    readonly bytes: number,
    /** The largest append the store accepts. */
    readonly maximum: number,
  ) {
    super(`Append to ${streamName} of ${bytes} bytes exceeds the store's maximum of ${maximum} bytes`);
    this.name = 'AppendTooLarge';
  }
}

/**
 * An append that would record an event id a second time (twice in one batch, or an id the stream
 * already holds at another place): refused whole, since event ids are what make retries safe.
 */
export class DuplicateEventId extends Error {
  constructor(
    /** The stream appended to. */
    readonly streamName: string,
    /** The id recorded twice, when the store can tell which. */
    readonly eventId: string | undefined,
  ) {
    super(`Append to ${streamName} refused: event id ${eventId ?? '(unknown)'} is already recorded`);
    this.name = 'DuplicateEventId';
  }
}

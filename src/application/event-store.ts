/**
 * The event store port. Every store (memory, embedded SQLite, EventStoreDB) implements it, and one
 * contract suite (test/contract) proves they behave alike. Its vocabulary follows EventStoreDB's:
 * revisions count from 0 within a stream; positions order every event of the store globally.
 */

import { SnapshotStore } from './snapshot-store';

/** Who caused an event and why; carried by every event, set by the command handler. */
export interface EventMetadata {
  readonly eventId: string;
  readonly commandId: string;
  readonly actor: string;
  readonly causationId: string;
  readonly correlationId: string;
  /** The time the command gave (ISO-8601), never the store's clock. */
  readonly occurredAt: string;
  /**
   * SHA-256 of what the command asked (type, actor, payload): a command id sent again with another
   * request is refused instead of being taken for a retry. Absent on events recorded before it existed.
   */
  readonly commandDigest?: string;
}

export interface EventToAppend {
  /** A UUID; appending the same ids again with the same expected revision writes nothing. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
}

/** any: no check; no_stream: the stream must not exist; stream_exists: it must; a number: the last revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** Revision of the last event of the stream after the append (-1 when an empty append on no stream). */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written (or already there, for an idempotent retry). */
  readonly position: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive, as EventStoreDB's readAll. Defaults to the beginning. */
  readonly fromPosition?: number;
  /**
   * Exclusive: the position of the last event already handled (a checkpoint). Prefer it to
   * fromPosition: checkpoint + 1, which on EventStoreDB is no record's position.
   */
  readonly afterPosition?: number;
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

export interface SubscribeToAllOptions {
  /** Exclusive, as EventStoreDB's subscribeToAll: the checkpoint of the last event handled. */
  readonly afterPosition?: number;
  /** Only streams whose names start with one of these prefixes (e.g. 'meeting-'). */
  readonly streamPrefixes?: readonly string[];
}

export interface SubscriptionHandlers {
  /** Called in order, one event at a time; the next waits for the returned promise. */
  onEvent(event: RecordedEvent): void | Promise<void>;
  /** Called once, when the catch-up phase has delivered every event that existed at subscription. */
  onCaughtUp?(): void;
  /** The subscription dropped; resume from the last checkpoint. */
  onError?(error: Error): void;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface EventStore {
  /** Where the store keeps aggregate snapshots, if it keeps any (a cache beside the record). */
  readonly snapshots?: SnapshotStore;
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
  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription;
  close(): Promise<void>;
}

/** The one error a store raises when the expected revision does not hold; the command handler retries it. */
export class WrongExpectedVersion extends Error {
  constructor(
    readonly streamName: string,
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

/** An append refused whole because it is larger than the store accepts (nothing written). */
export class AppendTooLarge extends Error {
  constructor(
    readonly streamName: string,
    readonly bytes: number,
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
    readonly streamName: string,
    readonly eventId: string | undefined,
  ) {
    super(`Append to ${streamName} refused: event id ${eventId ?? '(unknown)'} is already recorded`);
    this.name = 'DuplicateEventId';
  }
}

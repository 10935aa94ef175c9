import { randomUUID } from 'node:crypto';
import { checkCommit, ExpectedVersion, StreamLookup } from './expected-version';
import { Signal } from './signal';

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
  | { readonly kind: 'stream-deleted' };

export type StreamRead =
  | { readonly kind: 'found'; readonly events: readonly StoredEvent[] }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'deleted' };

/** EventNumber.DeletedStream (long.MaxValue): the revision of a tombstone and the $tb of a soft delete. */
export const DELETED_STREAM = 9223372036854775807n;
export const TOMBSTONE_TYPE = '$streamDeleted';

interface StreamState {
  /** Physical events: index == revision. The tombstone is not among them. */
  readonly events: StoredEvent[];
  /** The stream metadata's $tb: events below it are hidden from reads. */
  truncateBefore: bigint;
  tombstoned: boolean;
}

const ticksNow = (): bigint => BigInt(Date.now()) * 10_000n;
const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** A prepare record's header is ~80 bytes on disk; the rest is the payload. */
const recordSize = (streamName: string, event: ProposedEvent): bigint =>
  BigInt(80 + 2 * (streamName.length + event.type.length) + event.data.length + event.customMetadata.length);

/**
 * The emulator's database: one array of records (the transaction log, i.e. $all) and an index by
 * stream. Single-threaded JS makes every write atomic, as the server's single writer does.
 */
export class EventLog {
  private records: StoredEvent[] = [];
  private streams = new Map<string, StreamState>();
  private nextPosition: bigint;
  /** Notified after every write, for live subscriptions. */
  readonly appended = new Signal();

  constructor(private readonly firstPosition: bigint) {
    this.nextPosition = firstPosition;
  }

  get size(): number {
    return this.records.length;
  }

  at(index: number): StoredEvent {
    return this.records[index];
  }

  /** Index of the first record at or after `position` (the log's length when there is none). */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.records[middle].position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * Whether a read may start at `position`: a record's position, the end of the log, or 0 (the
   * start). Anywhere else the real server would parse the middle of a record and answer
   * ReadAllResult.InvalidPosition.
   */
  isReadablePosition(position: bigint): boolean {
    if (position === 0n || position === this.nextPosition) return true;
    const index = this.indexAtOrAfter(position);
    return index < this.records.length && this.records[index].position === position;
  }

  /** The stream's visible events: a soft delete ($tb) hides older ones, a tombstone the whole stream. */
  readStream(streamName: string): StreamRead {
    const state = this.streams.get(streamName);
    if (state?.tombstoned) return { kind: 'deleted' };
    const visible = state?.events.filter((e) => e.revision >= state.truncateBefore) ?? [];
    return visible.length === 0 ? { kind: 'not-found' } : { kind: 'found', events: visible };
  }

  isTombstoned(streamName: string): boolean {
    return this.streams.get(streamName)?.tombstoned ?? false;
  }

  append(streamName: string, expected: bigint, events: readonly ProposedEvent[]): WriteOutcome {
    const state = this.streams.get(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const current = this.currentVersion(state);
    const decision = checkCommit(
      current,
      expected,
      events.map((e) => e.id),
      this.lookup(state),
    );
    if (decision.kind === 'wrong-expected-version') return { kind: 'wrong-expected-version', current };
    if (decision.kind === 'idempotent') {
      // Newer servers answer an idempotent retry with the position of the events already written.
      const last = state?.events[Number(decision.lastRevision)];
      return { kind: 'success', lastRevision: decision.lastRevision, position: last?.position };
    }
    return this.write(streamName, events);
  }

  /** Soft delete (Streams.Delete): the server writes $tb = DeletedStream into the `$$stream` metadata. */
  softDelete(streamName: string, expected: bigint): WriteOutcome {
    const checked = this.checkDelete(streamName, expected);
    if (checked.kind !== 'success') return checked;
    this.ensure(streamName).truncateBefore = DELETED_STREAM;
    const metadata = this.writeTruncateBefore(streamName, DELETED_STREAM);
    this.appended.notify();
    return { ...checked, position: metadata.position };
  }

  /** Hard delete (Streams.Tombstone): a `$streamDeleted` record at revision DeletedStream, forever. */
  tombstone(streamName: string, expected: bigint): WriteOutcome {
    const checked = this.checkDelete(streamName, expected);
    if (checked.kind !== 'success') return checked;
    const state = this.ensure(streamName);
    state.tombstoned = true;
    const record = this.record(streamName, DELETED_STREAM, {
      id: randomUUID(),
      type: TOMBSTONE_TYPE,
      isJson: false,
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    });
    this.appended.notify();
    return { ...checked, position: record.position };
  }

  /** Empties the database, as a fresh server would be. */
  reset(): void {
    this.records = [];
    this.streams = new Map();
    this.nextPosition = this.firstPosition;
  }

  private checkDelete(streamName: string, expected: bigint): WriteOutcome {
    const state = this.streams.get(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const current = this.currentVersion(state);
    const decision = checkCommit(current, expected, [], this.lookup(state));
    if (decision.kind !== 'write') return { kind: 'wrong-expected-version', current };
    return { kind: 'success', lastRevision: current, position: undefined };
  }

  /**
   * The stream's last revision for expected-version checks, -1 when it has no event. Emulator
   * simplification: a soft-deleted stream counts as absent, so `no_stream` recreates it.
   */
  private currentVersion(state: StreamState | undefined): bigint {
    if (state === undefined || state.events.length === 0) return ExpectedVersion.NoStream;
    if (state.truncateBefore === DELETED_STREAM) return ExpectedVersion.NoStream;
    return state.events[state.events.length - 1].revision;
  }

  private lookup(state: StreamState | undefined): StreamLookup {
    const events = state?.events ?? [];
    return {
      idAt: (revision) =>
        revision >= 0n && revision < events.length ? events[Number(revision)].id : undefined,
      revisionOf: (id) => events.find((e) => e.id === id)?.revision,
    };
  }

  private write(streamName: string, events: readonly ProposedEvent[]): WriteOutcome {
    const state = this.ensure(streamName);
    if (events.length === 0) {
      return { kind: 'success', lastRevision: this.currentVersion(state), position: undefined };
    }
    const first = BigInt(state.events.length);
    const written = events.map((e, i) => this.record(streamName, first + BigInt(i), e));
    state.events.push(...written);
    if (state.truncateBefore === DELETED_STREAM) {
      // Writing to a soft-deleted stream "undeletes" it: the server rewrites $tb to the first new revision.
      state.truncateBefore = first;
      this.writeTruncateBefore(streamName, first);
    }
    this.appended.notify();
    const last = written[written.length - 1];
    return { kind: 'success', lastRevision: last.revision, position: last.position };
  }

  private writeTruncateBefore(streamName: string, truncateBefore: bigint): StoredEvent {
    const metastreamName = `$$${streamName}`;
    const metastream = this.ensure(metastreamName);
    const stored = this.record(metastreamName, BigInt(metastream.events.length), {
      id: randomUUID(),
      type: '$metadata',
      isJson: true,
      data: utf8(`{"$tb":${truncateBefore}}`),
      customMetadata: new Uint8Array(),
    });
    metastream.events.push(stored);
    return stored;
  }

  /** Appends one record to the transaction log ($all); the caller indexes it in its stream. */
  private record(streamName: string, revision: bigint, event: ProposedEvent): StoredEvent {
    const stored: StoredEvent = {
      ...event,
      streamName,
      revision,
      position: this.nextPosition,
      created: ticksNow(),
    };
    this.nextPosition += recordSize(streamName, event);
    this.records.push(stored);
    return stored;
  }

  private ensure(streamName: string): StreamState {
    let state = this.streams.get(streamName);
    if (state === undefined) {
      state = { events: [], truncateBefore: 0n, tombstoned: false };
      this.streams.set(streamName, state);
    }
    return state;
  }
}

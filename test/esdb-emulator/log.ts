import { randomUUID } from 'node:crypto';
import { checkCommit, ExpectedVersion, StreamLookup } from './expected-version';
import {
  DELETED_STREAM,
  ProposedEvent,
  StoredEvent,
  StreamRead,
  TOMBSTONE_TYPE,
  WriteOutcome,
} from './records';
import { Signal } from './signal';

export * from './records';

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
  /** Records written but still replicating: hidden from every read until revealed. */
  private readonly hidden = new Set<number>();
  /** The idempotency cache (IndexWriter's committed-events cache) knows records from here on. */
  private cachedFrom = 0;

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

  /** Whether a read may see the record: replicated, and within what the reading node holds. */
  isVisible(record: StoredEvent, sees = Number.POSITIVE_INFINITY): boolean {
    return record.seq < sees && !this.hidden.has(record.seq);
  }

  /**
   * A restart or an election: the new leader's idempotency cache is empty, so retries with any or
   * stream_exists are no longer recognised (IndexWriter.CheckCommit consults only the cache for
   * them; exact revisions are checked against the index and still are).
   */
  forgetIdempotency(): void {
    this.cachedFrom = this.records.length;
  }

  /** The stream's visible events: a soft delete ($tb) hides older ones, a tombstone the whole stream. */
  readStream(streamName: string, sees = Number.POSITIVE_INFINITY): StreamRead {
    const state = this.streams.get(streamName);
    if (state?.tombstoned) return { kind: 'deleted' };
    const visible =
      state?.events.filter((e) => e.revision >= state.truncateBefore && this.isVisible(e, sees)) ?? [];
    return visible.length === 0 ? { kind: 'not-found' } : { kind: 'found', events: visible };
  }

  isTombstoned(streamName: string): boolean {
    return this.streams.get(streamName)?.tombstoned ?? false;
  }

  /** `hideForMs`: the write is still replicating (faults.ts, timeout-pending) for that long. */
  append(
    streamName: string,
    expected: bigint,
    events: readonly ProposedEvent[],
    hideForMs?: number,
  ): WriteOutcome {
    const state = this.streams.get(streamName);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const ids = new Set(events.map((e) => e.id));
    if (state?.events.some((e) => this.hidden.has(e.seq) && ids.has(e.id))) return { kind: 'dropped' };
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
    const outcome = this.write(streamName, events);
    if (hideForMs !== undefined && outcome.kind === 'success') this.hide(events.length, hideForMs);
    return outcome;
  }

  /** Hides the last `count` records until `ms` have passed; subscriptions wait for them. */
  private hide(count: number, ms: number): void {
    const seqs = this.records.slice(-count).map((r) => r.seq);
    for (const seq of seqs) this.hidden.add(seq);
    setTimeout(() => {
      for (const seq of seqs) this.hidden.delete(seq);
      this.appended.notify();
    }, ms).unref();
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

  /**
   * Keeps the first `keep` records only (a restore from an older backup); positions go on from
   * there. Simplification: soft deletes among them are forgotten, tombstones kept.
   */
  truncate(keep: number): void {
    const kept = this.records.slice(0, keep);
    this.reset();
    for (const record of kept) {
      this.records.push(record);
      const state = this.ensure(record.streamName);
      if (record.revision === DELETED_STREAM) state.tombstoned = true;
      else state.events.push(record);
      this.nextPosition = record.position + recordSize(record.streamName, record);
    }
  }

  /** Empties the database, as a fresh server would be. */
  reset(): void {
    this.records = [];
    this.streams = new Map();
    this.nextPosition = this.firstPosition;
    this.hidden.clear();
    this.cachedFrom = 0;
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
      revisionOf: (id) => events.find((e) => e.id === id && e.seq >= this.cachedFrom)?.revision,
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
      seq: this.records.length,
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

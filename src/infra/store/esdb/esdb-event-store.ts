import { randomUUID } from 'node:crypto';
import {
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  MaxAppendSizeExceededError,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { planAppend } from '../../../application/append-rules';
import {
  AppendResult,
  AppendTooLarge,
  CheckpointAheadOfStore,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
  SubscriptionHandlers,
  WrongExpectedVersion,
} from '../../../application/event-store';
import { matchesPrefixes } from '../live-feed';
import { appendSettled, Landing } from './esdb-append';
import { appendIdOf, appendSize, toEventData, toPosition, toRecordedEvent, toSafeNumber } from './esdb-codec';
import { IdIndex } from './esdb-id-index';
import { headPosition, readAllFrom } from './esdb-read-all';
import { EsdbSubscription } from './esdb-subscription';

/** How an {@link EsdbEventStore} talks to the server. */
export interface EsdbEventStoreOptions {
  /**
   * Appends larger than this, as the server counts them, are refused whole before anything is sent.
   * Defaults to the server's default MaxAppendSize, 1 MiB; set both together.
   */
  readonly maxAppendBytes?: number;
  /**
   * How long an append whose answer was lost (a timeout, an election) keeps being resolved before
   * it fails with AppendOutcomeUnknown, in ms. Default 30,000.
   */
  readonly resolveDeadlineMs?: number;
}

/**
 * The port on EventStoreDB through `@eventstore/db-client`. Revisions and positions become JS
 * numbers, checked to be exact (below 2^53). A position is the commit position of the event, equal
 * to its prepare position for every event appended outside an explicit transaction, which is all a
 * gRPC client can write. The server's own records ($-prefixed streams or types) never reach the
 * port. Requires a server of 22.6 or later (positions on stream reads); tested against the
 * behaviours of 22.10, 23.10, 24.10 and KurrentDB 25 (docs/esdb.md).
 *
 * Every append and every read requires the leader: a follower may serve a stale view, on which a
 * decision (a load, a lookup of a recorded command, the head of $all) would be wrong. An append
 * whose answer is lost is resolved before it answers (esdb-append.ts); an append that would record
 * an event id a second time is refused (DuplicateEventId), as the other stores refuse it.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly maxAppendBytes: number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly ids = new IdIndex((name, options) => this.readStream(name, options));
  private readonly resolveDeadlineMs: number | undefined;

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024;
    this.resolveDeadlineMs = options.resolveDeadlineMs;
  }

  /**
   * Plans the append on the stream's ids as the leader has them (planAppend, shared with the other
   * stores): a retry already written is answered without a write, an id recorded elsewhere is
   * refused. `written` says whether this call wrote the events: the id of the call travels with
   * them (esdb-codec.ts, appendId), since the server answers an idempotent retry as a write.
   */
  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const appendId = randomUUID();
    const bytes = events.reduce((sum, event) => sum + appendSize(event, appendId), 0);
    if (bytes > this.maxAppendBytes) throw new AppendTooLarge(streamName, bytes, this.maxAppendBytes);
    const ids = await this.ids.current(streamName);
    const last = ids.next > 0 ? ids.next - 1 : undefined;
    const plan = planAppend(
      streamName,
      last,
      events,
      expected,
      (from, count) => ids.idsFrom(from, count),
      (id) => ids.revisionOf(id),
    );
    if (plan.kind === 'already-written') return this.landed(streamName, plan.lastRevision, 0);
    const data = events.map((event) => toEventData(event, appendId));
    const target = {
      client: this.client,
      landing: () => this.landing(streamName, events, plan.nextRevision, appendId),
    };
    try {
      const settled = await appendSettled(target, streamName, data, expected, this.resolveDeadlineMs);
      if (settled.kind === 'found') {
        const { lastRevision, position, ours } = settled.landing;
        return { nextExpectedRevision: lastRevision, position, written: ours ? events.length : 0 };
      }
      return await this.appendResult(streamName, events.length, settled.result, appendId);
    } catch (error) {
      throw translateAppendError(error, streamName, expected, bytes);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount === 0 || (backwards && (options.fromRevision ?? 0) < 0)) return [];
    const from = options.fromRevision;
    const read = this.client.readStream(streamName, {
      requiresLeader: true,
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backwards ? END : START) : BigInt(Math.max(0, from)),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
    try {
      const events: RecordedEvent[] = [];
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event !== undefined) events.push(event);
      }
      return events;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** By the adapter's index of each stream's ids (esdb-id-index.ts); found events are read again. */
  async findEvents(streamName: string, eventIds: readonly string[]): Promise<RecordedEvent[]> {
    const wanted = [...new Set(eventIds)];
    if (wanted.length === 0) return [];
    const ids = await this.ids.current(streamName);
    const found: RecordedEvent[] = [];
    for (const id of wanted) {
      const revision = ids.revisionOf(id);
      if (revision === undefined) continue;
      // Read again rather than kept: found ids are retries, rare, and the index stays small.
      const [event] = await this.readStream(streamName, { fromRevision: revision, maxCount: 1 });
      if (event?.eventId === id) found.push(event);
    }
    return found.sort((a, b) => a.revision - b.revision);
  }

  /** From a position (inclusive) or after a checkpoint (exclusive); see readAllFrom for positions that start no record. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (wanted <= 0) return [];
    const after = options.afterPosition;
    if (after === undefined) return readAllFrom(this.client, Math.max(0, options.fromPosition ?? 0), wanted);
    if (after < 0) return readAllFrom(this.client, 0, wanted);
    // A checkpoint is the position of a record, where the server can start; that record is left out.
    const events = await readAllFrom(this.client, after, wanted + 1);
    const found = events.filter((e) => e.position > after).slice(0, wanted);
    if (found.length === 0) await this.checkNotAhead(after);
    return found;
  }

  /**
   * Nothing after a checkpoint: the end of the log, or a log restored behind it (reads from past
   * the end answer nothing, with no error). One backwards read from the end tells them apart.
   */
  private async checkNotAhead(after: number): Promise<void> {
    const head = await headPosition(this.client);
    if (head < after) throw new CheckpointAheadOfStore(after, head);
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    const prefixes = options.streamPrefixes;
    const source = {
      readAfter: (after: number, maxCount: number) => this.readAll({ afterPosition: after, maxCount }),
      subscribe: (after: number) =>
        this.client.subscribeToAll({
          fromPosition: after < 0 ? START : toPosition(after),
          // The server filters; an empty prefix list (nothing wanted) is left to the check below.
          filter: prefixes?.length ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents(),
        }),
    };
    const subscription = new EsdbSubscription(
      source,
      options.afterPosition ?? -1,
      (event) => matchesPrefixes(event.streamName, prefixes),
      handlers,
    );
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.client.dispose();
  }

  /**
   * The server reports no position when nothing was written (an empty append) and older servers none
   * for an idempotent retry; v6.2.1 of the client also reads an absent stream's revision as 0. The
   * stream itself then tells the revision and position, and whether this call wrote the events.
   */
  private async appendResult(
    streamName: string,
    count: number,
    result: EsdbAppendResult,
    appendId: string,
  ): Promise<AppendResult> {
    if (count === 0) {
      const [event] = await this.readStream(streamName, { direction: 'backwards', maxCount: 1 });
      return event === undefined
        ? { nextExpectedRevision: -1, position: -1, written: 0 }
        : { nextExpectedRevision: event.revision, position: event.position, written: 0 };
    }
    const revision = toSafeNumber(result.nextExpectedRevision, `The revision of ${streamName}`);
    const last = await this.readRaw(streamName, revision);
    const written = appendIdOf(last) === appendId ? count : 0;
    return this.landed(streamName, revision, written, last);
  }

  /** The stream's event at `revision`, as the server has it. */
  private async readRaw(streamName: string, revision: number) {
    const read = this.client.readStream(streamName, {
      requiresLeader: true,
      fromRevision: BigInt(revision),
      maxCount: 1,
    });
    // Read to its end (one event): leaving the iterator early leaves the call open on some servers.
    let event: ResolvedEvent | undefined;
    for await (const resolved of read) event ??= resolved;
    return event;
  }

  /** The answer for events whose last one sits at `revision`. */
  private async landed(
    streamName: string,
    revision: number,
    written: number,
    last?: Awaited<ReturnType<EsdbEventStore['readRaw']>>,
  ): Promise<AppendResult> {
    const resolved = last ?? (await this.readRaw(streamName, revision));
    const event = resolved && toRecordedEvent(resolved);
    if (event === undefined) throw new Error(`The event at ${revision} of ${streamName} is not there`);
    return { nextExpectedRevision: revision, position: event.position, written };
  }

  /** Where this append's events are, after its answer was lost (esdb-append.ts). */
  private async landing(
    streamName: string,
    events: readonly EventToAppend[],
    first: number,
    appendId: string,
  ): Promise<Landing> {
    if (events.length === 0) return { kind: 'absent' };
    const ids = await this.ids.current(streamName);
    const there = events.every((event, i) => ids.idAt(first + i) === event.eventId);
    if (!there) return { kind: 'absent' };
    const lastRevision = first + events.length - 1;
    const last = await this.readRaw(streamName, lastRevision);
    const { position } = await this.landed(streamName, lastRevision, 0, last);
    return { kind: 'there', lastRevision, position, ours: appendIdOf(last) === appendId };
  }
}

function translateAppendError(
  error: unknown,
  streamName: string,
  expected: ExpectedRevision,
  bytes: number,
): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    const current =
      actual === 'no_stream' ? undefined : toSafeNumber(actual, `The revision of ${streamName}`);
    return new WrongExpectedVersion(streamName, expected, current);
  }
  // A server configured below our maximum refuses the append whole too: it checks before writing.
  if (error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLarge(streamName, bytes, error.maxAppendSize);
  }
  return error;
}

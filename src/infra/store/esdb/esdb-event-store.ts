import {
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  MaxAppendSizeExceededError,
  START,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AppendResult,
  AppendTooLarge,
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
import {
  appendSize,
  toEventData,
  toExpectedRevision,
  toPosition,
  toRecordedEvent,
  toSafeNumber,
} from './esdb-codec';
import { readAllFrom } from './esdb-read-all';
import { EsdbSubscription } from './esdb-subscription';

/** Events read at a time when looking events up by id. */
const FIND_PAGE = 4096;

/** How an {@link EsdbEventStore} talks to the server. */
export interface EsdbEventStoreOptions {
  /**
   * Appends larger than this, as the server counts them, are refused whole before anything is sent.
   * Defaults to the server's default MaxAppendSize, 1 MiB; set both together.
   */
  readonly maxAppendBytes?: number;
}

/**
 * The port on EventStoreDB through `@eventstore/db-client`. Revisions and positions become JS
 * numbers, checked to be exact (below 2^53). A position is the commit position of the event, equal
 * to its prepare position for every event appended outside an explicit transaction, which is all a
 * gRPC client can write. The server's own records ($-prefixed streams or types) never reach the
 * port. Requires a server of 22.6 or later (positions on stream reads); onCaughtUp needs 23.10.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly maxAppendBytes: number;
  private readonly subscriptions = new Set<EsdbSubscription>();
  /** See findEvents: per stream, the revision of each event id read so far, and where to read on. */
  private readonly idIndexes = new Map<string, { next: number; revisions: Map<string, number> }>();

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024;
  }

  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const bytes = events.reduce((sum, event) => sum + appendSize(event), 0);
    if (bytes > this.maxAppendBytes) throw new AppendTooLarge(streamName, bytes, this.maxAppendBytes);
    let result: EsdbAppendResult;
    try {
      result = await this.client.appendToStream(streamName, events.map(toEventData), {
        expectedRevision: toExpectedRevision(expected),
      });
    } catch (error) {
      throw translateAppendError(error, streamName, expected, bytes);
    }
    return this.appendResult(streamName, events.length, result);
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount === 0 || (backwards && (options.fromRevision ?? 0) < 0)) return [];
    const from = options.fromRevision;
    const read = this.client.readStream(streamName, {
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

  /**
   * EventStoreDB indexes events by stream and revision only, so the adapter keeps its own index of
   * each stream's event ids, read forwards once and then only from where it stopped (a stream only
   * grows): a lookup reads the stream's new events, never the whole stream again. That index grows
   * with the events of the streams looked up, in this process: the price of a server without a
   * secondary index (a server-side projection keyed by command id would avoid it).
   */
  async findEvents(streamName: string, eventIds: readonly string[]): Promise<RecordedEvent[]> {
    const wanted = [...new Set(eventIds)];
    if (wanted.length === 0) return [];
    let index = this.idIndexes.get(streamName);
    if (!index) {
      index = { next: 0, revisions: new Map() };
      this.idIndexes.set(streamName, index);
    }
    for (;;) {
      const page = await this.readStream(streamName, { fromRevision: index.next, maxCount: FIND_PAGE });
      for (const event of page) {
        index.revisions.set(event.eventId, event.revision);
        index.next = event.revision + 1;
      }
      if (page.length < FIND_PAGE) break;
    }
    const found: RecordedEvent[] = [];
    for (const id of wanted) {
      const revision = index.revisions.get(id);
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
    return events.filter((e) => e.position > after).slice(0, wanted);
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    const prefixes = options.streamPrefixes;
    const after = options.afterPosition;
    const source = this.client.subscribeToAll({
      fromPosition: after === undefined || after < 0 ? START : toPosition(after),
      // The server filters; an empty prefix list (nothing wanted) is left to the check below.
      filter: prefixes?.length ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents(),
    });
    const subscription = new EsdbSubscription(
      source,
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
   * stream itself then tells the revision and position.
   */
  private async appendResult(
    streamName: string,
    count: number,
    result: EsdbAppendResult,
  ): Promise<AppendResult> {
    if (count > 0 && result.position !== undefined) {
      return {
        nextExpectedRevision: toSafeNumber(result.nextExpectedRevision, `The revision of ${streamName}`),
        position: toSafeNumber(result.position.commit, `The position of the append to ${streamName}`),
      };
    }
    const [event] =
      count === 0
        ? await this.readStream(streamName, { direction: 'backwards', maxCount: 1 })
        : await this.readStream(streamName, {
            fromRevision: Number(result.nextExpectedRevision),
            maxCount: 1,
          });
    return event === undefined
      ? { nextExpectedRevision: -1, position: -1 }
      : { nextExpectedRevision: event.revision, position: event.position };
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

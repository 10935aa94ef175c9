import { randomUUID } from 'node:crypto';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Faults, ServerVersion } from './faults';
import { EventFilter, filterOf } from './filter';
import { DELETED_STREAM, EventLog, StoredEvent, TOMBSTONE_TYPE } from './log';
import {
  caughtUpResp,
  checkpointResp,
  confirmationResp,
  eventResp,
  fellBehindResp,
  ReadCall,
  send,
} from './read-resp';
import { consumerTooSlow, RpcError, streamDeleted } from './rpc-errors';
import { streamNameOf } from './wire';

/** What a subscription does with one record of the log. */
type Verdict = 'send' | 'skip' | RpcError;

/** Which records a subscription wants, and where in the log it starts. */
interface Source {
  readonly start: number;
  consider(record: StoredEvent): Verdict;
  readonly filter?: EventFilter;
}

/**
 * Catch-up subscriptions (Streams.Read with the subscription option), after the server's
 * Enumerators.AllSubscription(Filtered) and StreamSubscription: a confirmation with the subscription
 * id, the events already written, `caught_up` (servers 23.10+), then live events as they are
 * appended. The catch-up and live phases read the same log from one cursor, so nothing is skipped
 * or repeated at the switch. Filtered $all subscriptions also get a `checkpoint` every
 * checkpointInterval records scanned, matching or not. Versions differ (faults.ts): 22.x sends no
 * `caught_up`; v24 may send `fell_behind` and later a second `caught_up`; 23.10 drops a live
 * consumer that does not drain its buffer in time. Records still replicating are waited for.
 */
export class Subscriptions {
  private readonly running = new Set<RunningSubscription>();

  constructor(
    private readonly log: EventLog,
    private readonly version: ServerVersion = '24.10',
    private readonly faults: Faults = new Faults(),
  ) {}

  start(call: ReadCall, options: ReadReq.Options): void {
    const source = sourceOf(this.log, options);
    const subscription = new RunningSubscription(call, this.log, source, this.version, this.faults);
    this.running.add(subscription);
    void subscription.run().finally(() => this.running.delete(subscription));
  }

  /**
   * 23.10 (Enumerators.AllSubscription): a live subscription whose consumer lets the server's
   * bounded live queue fill is ended with a timeout. The emulator never fills a queue (it hands
   * every message to gRPC at once), so a test says when consumers are too slow.
   */
  dropSlowConsumers(): void {
    if (this.version !== '23.10') return;
    for (const subscription of [...this.running])
      if (subscription.isLive) subscription.end(consumerTooSlow());
  }

  /** Ends every subscription with `error` (or quietly when none), as a server going away does. */
  endAll(error?: RpcError): void {
    for (const subscription of [...this.running]) subscription.end(error);
  }
}

function sourceOf(log: EventLog, options: ReadReq.Options): Source {
  const stream = options.getStream();
  if (stream !== undefined) return streamSource(log, stream);
  const filter = filterOf(options);
  const all = options.getAll() as ReadReq.Options.AllOptions;
  const position = all.getPosition();
  // v24 from past the end: live, every record at or below the position silently skipped.
  const after = position ? BigInt(position.getCommitPosition()) : -1n;
  return {
    start: allStart(log, all),
    filter,
    consider: (record) =>
      record.position > after && (filter === undefined || filter.matches(record)) ? 'send' : 'skip',
  };
}

function allStart(log: EventLog, all: ReadReq.Options.AllOptions): number {
  const position = all.getPosition();
  // From a position the server reads the record at it and starts at the next one
  // (ReadAllEventsForward(pos, 1).NextPos): the position itself is excluded.
  if (position) return log.indexAtOrAfter(BigInt(position.getCommitPosition()) + 1n);
  return all.hasEnd() ? log.size : 0;
}

/** A stream subscription from a revision excludes it; the stream's tombstone ends it (stream-deleted). */
function streamSource(log: EventLog, stream: ReadReq.Options.StreamOptions): Source {
  const streamName = streamNameOf(stream.getStreamIdentifier());
  const after = stream.hasRevision() ? BigInt(stream.getRevision()) : -1n;
  return {
    // From the end, only new events; but a tombstoned stream must still meet its tombstone and fail.
    start: stream.hasEnd() && !log.isTombstoned(streamName) ? log.size : 0,
    consider: (record) => {
      if (record.streamName !== streamName) return 'skip';
      if (record.type === TOMBSTONE_TYPE && record.revision === DELETED_STREAM)
        return streamDeleted(streamName);
      return record.revision > after ? 'send' : 'skip';
    },
  };
}

class RunningSubscription {
  private ended = false;
  private readonly stopped: Promise<void>;
  private stop!: () => void;
  private scanned = 0;
  private live = false;
  private fellBehindSeen: number;

  constructor(
    private readonly call: ReadCall,
    private readonly log: EventLog,
    private readonly source: Source,
    private readonly version: ServerVersion,
    private readonly faults: Faults,
  ) {
    this.fellBehindSeen = faults.fallBehindRequests;
    this.stopped = new Promise((resolve) => (this.stop = resolve));
    call.once('cancelled', () => this.end());
  }

  async run(): Promise<void> {
    await this.send(confirmationResp(randomUUID()));
    let cursor = this.source.start;
    let caughtUp = false;
    while (!this.ended) {
      if (caughtUp && this.fellBehindSeen < this.faults.fallBehindRequests) {
        // v24 (Enumerators.AllSubscription): live → catching up again, announced by fell_behind.
        this.fellBehindSeen = this.faults.fallBehindRequests;
        caughtUp = this.live = false;
        await this.send(fellBehindResp());
      } else if (cursor < this.log.size && this.log.isVisible(this.log.at(cursor))) {
        await this.consider(this.log.at(cursor++));
      } else if (!caughtUp && cursor >= this.log.size) {
        caughtUp = this.live = true;
        // 22.x has no caught_up message: the client cannot tell when catch-up ended.
        if (this.version !== '22.10') await this.send(caughtUpResp());
      } else await Promise.race([this.log.appended.wait(), this.stopped]); // checked and awaited with no gap
    }
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Ends the call: with an error status when given, else nothing more is sent (cancelled or shut down). */
  end(error?: RpcError): void {
    if (this.ended) return;
    this.ended = true;
    this.stop();
    if (error) this.call.emit('error', error);
  }

  private async consider(record: StoredEvent): Promise<void> {
    const verdict = this.source.consider(record);
    if (verdict !== 'send' && verdict !== 'skip') return this.end(verdict);
    if (verdict === 'send') await this.send(eventResp(record));
    const interval = this.source.filter?.checkpointInterval;
    if (interval !== undefined && ++this.scanned >= interval) {
      this.scanned = 0;
      await this.send(checkpointResp(record.position));
    }
  }

  private async send(response: ReadResp): Promise<void> {
    if (!this.ended) await send(this.call, response, this.stopped);
  }
}

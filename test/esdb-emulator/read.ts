import { handleServerStreamingCall } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { EmulatorContext } from './context';
import { filterOf } from './filter';
import { EventLog, StoredEvent } from './log';
import { eventResp, ReadCall, send, streamNotFoundResp } from './read-resp';
import { handlerException, invalidPosition, streamDeleted } from './rpc-errors';
import { streamNameOf } from './wire';

/**
 * Streams.Read (server streaming) serves stream reads, $all reads and subscriptions, chosen by the
 * options' oneofs as Transport/Grpc/Streams.Read.cs does.
 */
export function readHandler(context: EmulatorContext): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    context.count('Read');
    const options = call.request.getOptions();
    if (options === undefined) return void call.emit('error', handlerException());
    const position = options.getAll()?.getPosition();
    const at = position && BigInt(position.getCommitPosition());
    // v24 subscriptions from past the end go live and skip what lies at or below it (subscriptions.ts).
    const skipsToLive = options.hasSubscription() && pastEndSkipsToLive(context, at);
    if (at && !skipsToLive && !context.log.isReadablePosition(at)) {
      return void call.emit('error', invalidPosition(context.version));
    }
    if (options.hasSubscription()) return context.subscriptions.start(call, options);
    const sees = readerSees(context, call);
    if (options.hasStream()) return readStream(context, call, options, sees);
    return void sendAll(call, allRecords(context, options, sees).slice(0, countOf(options)));
  };
}

/**
 * Positions past the end of the log (a cluster restored from a backup, or a new one, behind a kept
 * checkpoint): v24's Enumerators.AllSubscription starts live from there without checking it.
 */
function pastEndSkipsToLive(context: EmulatorContext, at: bigint | undefined | ''): boolean {
  if (!at || context.version === '22.10' || context.version === '23.10') return false;
  const log = context.log;
  return log.size === 0 || at > log.at(log.size - 1).position;
}

/**
 * How much of the log the node serving this read holds: everything for a read that requires the
 * leader (the `requires-leader` header: ClientMessage.ReadRequest.RequireLeader, refused or
 * forwarded by followers), else what a lagging follower has replicated (faults.ts).
 */
function readerSees(context: EmulatorContext, call: ReadCall): number {
  const requiresLeader = call.metadata.get('requires-leader').some((v) => String(v) === 'true');
  return requiresLeader
    ? Number.POSITIVE_INFINITY
    : (context.faults.followerSees ?? Number.POSITIVE_INFINITY);
}

/** The requested count, a uint64 the client sets to Number.MAX_SAFE_INTEGER when unbounded. */
function countOf(options: ReadReq.Options): number {
  const count = BigInt(options.getCount());
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

const isForwards = (options: ReadReq.Options): boolean =>
  options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;

/**
 * A stream read from a revision, inclusive, forwards or backwards. A missing stream is a normal
 * `stream_not_found` message; a tombstoned one fails the call with exception=stream-deleted
 * (Enumerators.ReadStreamForwards/Backwards and Streams.Read's HandleFailure).
 */
function readStream(context: EmulatorContext, call: ReadCall, options: ReadReq.Options, sees: number): void {
  const stream = options.getStream() as ReadReq.Options.StreamOptions;
  const streamName = streamNameOf(stream.getStreamIdentifier());
  const read = context.log.readStream(streamName, sees);
  if (read.kind === 'deleted') return void call.emit('error', streamDeleted(streamName));
  if (read.kind === 'not-found')
    return void send(call, streamNotFoundResp(streamName)).then(() => call.end());
  const events = read.events;
  const from = fromRevision(stream, events[events.length - 1].revision, isForwards(options));
  const selected = isForwards(options)
    ? events.filter((e) => e.revision >= from)
    : events.filter((e) => e.revision <= from).reverse();
  void sendAll(call, selected.slice(0, countOf(options)));
}

/** START is revision 0; END is past the last event forwards and the last event backwards. */
function fromRevision(stream: ReadReq.Options.StreamOptions, last: bigint, forwards: boolean): bigint {
  if (stream.hasRevision()) return BigInt(stream.getRevision());
  if (stream.hasEnd()) return forwards ? last + 1n : last;
  return 0n;
}

/**
 * An $all read, optionally filtered. Forwards from a position includes the record at it; backwards
 * from a position returns the records before it, the log being read backwards from that offset.
 */
function allRecords(context: EmulatorContext, options: ReadReq.Options, sees: number): StoredEvent[] {
  const log = context.log;
  const at = readStart(log, options.getAll() as ReadReq.Options.AllOptions);
  const filter = filterOf(options);
  const indexes = isForwards(options)
    ? Array.from({ length: log.size - at }, (_, i) => at + i)
    : Array.from({ length: at }, (_, i) => at - 1 - i);
  return indexes
    .map((i) => log.at(i))
    .filter((record) => log.isVisible(record, sees) && (filter === undefined || filter.matches(record)));
}

/** Index of the record a read of $all starts at: START is the first, END past the last. */
function readStart(log: EventLog, all: ReadReq.Options.AllOptions): number {
  const position = all.getPosition();
  if (position) return log.indexAtOrAfter(BigInt(position.getCommitPosition()));
  return all.hasEnd() ? log.size : 0;
}

async function sendAll(call: ReadCall, records: readonly StoredEvent[]): Promise<void> {
  const cancelled = new Promise<void>((resolve) => call.once('cancelled', resolve));
  for (const record of records) {
    if (call.cancelled) return;
    await send(call, eventResp(record), cancelled);
  }
  call.end();
}

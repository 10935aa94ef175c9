import {
  ANY,
  AppendExpectedRevision,
  EventData,
  jsonEvent,
  JSONType,
  NO_STREAM,
  Position,
  ResolvedEvent,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import {
  EventMetadata,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../../../application/event-store';

/**
 * How a govrec event sits in EventStoreDB: a JSON event with the port's id, type and data, and a JSON
 * metadata object carrying the schema version and the port's metadata untouched. `$correlationId`
 * and `$causationId` repeat the port's ids under the names the server's $by_correlation_id
 * projection reads.
 */
interface StoredMetadata {
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  readonly $correlationId: string;
  readonly $causationId: string;
  /**
   * The id of the adapter's append call that sent the event (every retry of that call sends the
   * same): after a lost answer or an idempotent success, it tells whether this call wrote the
   * events or found them written by another writer, so that `written` counts only the first.
   */
  readonly appendId?: string;
}

const json = (value: unknown, what: string): string => {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`EventStoreDB stores JSON: ${what} cannot be ${typeof value}`);
  return text;
};

const storedMetadata = (event: EventToAppend, appendId?: string): StoredMetadata => ({
  schemaVersion: event.schemaVersion,
  metadata: event.metadata,
  $correlationId: event.metadata.correlationId,
  $causationId: event.metadata.causationId,
  ...(appendId === undefined ? {} : { appendId }),
});

export const toEventData = (event: EventToAppend, appendId?: string): EventData =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: storedMetadata(event, appendId),
  });

/** The id of the append call that wrote the event (StoredMetadata.appendId), if any. */
export function appendIdOf(resolved: ResolvedEvent | undefined): string | undefined {
  const metadata = resolved?.event?.metadata as Partial<StoredMetadata> | undefined;
  return typeof metadata?.appendId === 'string' ? metadata.appendId : undefined;
}

/**
 * The bytes the server counts against its MaxAppendSize (Event.SizeOnDisk): the serialized data and
 * metadata as the client sends them (JSON.stringify, UTF-8) plus the type at two bytes a character.
 */
export const appendSize = (event: EventToAppend, appendId?: string): number =>
  Buffer.byteLength(json(event.data, `the data of event ${event.eventId}`), 'utf8') +
  Buffer.byteLength(json(storedMetadata(event, appendId), `the metadata of event ${event.eventId}`), 'utf8') +
  event.type.length * 2;

/** -1 is the revision of "no event yet", the port's no_stream; other negatives mean nothing. */
export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === -1) return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (!Number.isSafeInteger(expected) || expected < -1)
    throw new RangeError(`Invalid expected revision ${expected}`);
  return BigInt(expected);
}

/** Revisions and positions are uint64 on the wire; the port has JS numbers, exact only up to 2^53. */
export function toSafeNumber(value: bigint, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number))
    throw new RangeError(`${what} ${value} is beyond what a JS number holds exactly`);
  return number;
}

/**
 * The port's position is the commit position. For events appended outside explicit transactions
 * (the only kind gRPC clients write) the server reports prepare == commit, so the pair is rebuilt
 * from one number.
 */
export const toPosition = (position: number): Position => ({
  commit: BigInt(position),
  prepare: BigInt(position),
});

/** The server's own records: $-prefixed types ($metadata, $streamDeleted) or streams ($$x, $users). */
export const isSystemEvent = (streamName: string, type: string): boolean =>
  streamName.startsWith('$') || type.startsWith('$');

function isStoredMetadata(value: unknown): value is StoredMetadata {
  const candidate = value as Partial<StoredMetadata> | null;
  return typeof candidate?.schemaVersion === 'number' && typeof candidate.metadata === 'object';
}

/** The port's event, or undefined for the server's own records, which the port never shows. */
export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || isSystemEvent(event.streamId, event.type)) return undefined;
  const where = `event ${event.id} of ${event.streamId}`;
  if (!event.isJson || !isStoredMetadata(event.metadata))
    throw new Error(`The ${where} was not written by govrec`);
  if (event.position === undefined) throw new Error(`The server gave no position for the ${where}`);
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: event.metadata.schemaVersion,
    data: event.data,
    metadata: event.metadata.metadata,
    streamName: event.streamId,
    revision: toSafeNumber(event.revision, `The revision of the ${where}`),
    // Servers before 22.6 send ulong.MaxValue for positions of stream reads: refused by toSafeNumber.
    position: toSafeNumber(event.position.commit, `The position of the ${where}`),
  };
}

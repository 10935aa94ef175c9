import { EventMetadata, EventToAppend, RecordedEvent } from '../../../application/event-store';
import { canonicalMetadata } from '../../../application/canonical-metadata';
import { canonicalText, eventDigest } from '../../../application/event-chain';
import { commandKey } from './command-keys';
import { EventRows } from './sqlite-appends';

/**
 * Events as the store's rows: what an append writes (the columns of its rows, serialised before the
 * write lock is taken) and what a read gives back (rows parsed into recorded events).
 */

export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
}

/** An EventRow as an array, in the order of COLUMNS. */
export type RawEventRow = readonly [
  position: number,
  eventId: string,
  streamName: string,
  revision: number,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
];

export const COLUMNS = 'position, event_id, stream_name, revision, type, schema_version, data, metadata';

/**
 * The rows of an append to `streamName` (see EventRows), everything that needs no lock computed
 * here, on the caller's thread: the canonical text, each event's chain digest, and the key of each
 * command's id (once for a run of events of one command), so that the writer, the bottleneck of a
 * bulk ingest, only links and inserts.
 */
export function rowsOf(streamName: string, events: readonly EventToAppend[]): EventRows {
  const rows: (string | number)[] = [];
  let previousCommand: string | undefined;
  for (const event of events) {
    const data = toJson(event, 'data', event.data);
    const metadata = canonicalMetadata(event.metadata);
    const { commandId } = event.metadata;
    rows.push(
      event.eventId,
      event.type,
      event.schemaVersion,
      data,
      metadata,
      commandId === previousCommand ? '' : commandKey(commandId),
      event.metadata.commandDigest ?? '',
      eventDigest(streamName, event.eventId, event.type, event.schemaVersion, data, metadata),
    );
    previousCommand = commandId;
  }
  return rows;
}

/**
 * Canonical JSON, the one form an event's text may take: verify refuses any other (a duplicate key
 * that one reader takes one way and another reader the other, keys reordered), and the chain hashes
 * this text as it is.
 */
function toJson(event: EventToAppend, field: string, value: unknown): string {
  const what = `The ${field} of event ${event.eventId} (${event.type})`;
  try {
    return canonicalText(value, what);
  } catch (cause) {
    if (cause instanceof TypeError && cause.message.startsWith(what)) throw cause;
    throw new TypeError(`${what} cannot be stored as JSON`, { cause });
  }
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamName: row.stream_name,
    revision: row.revision,
    position: row.position,
  };
}

/** toRecorded for a row read raw (an array in the order of COLUMNS). */
export function rawToRecorded(row: RawEventRow): RecordedEvent {
  return {
    eventId: row[1],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[6]) as unknown,
    metadata: JSON.parse(row[7]) as EventMetadata,
    streamName: row[2],
    revision: row[3],
    position: row[0],
  };
}

/**
 * rawToRecorded with the metadata parsed when first read (ReadAllOptions.lazyMetadata). A class, so
 * that every event has one shape and the getter is shared: an object literal with a getter of its
 * own was slower than parsing the metadata.
 */
export class LazyRecordedEvent implements RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  private readonly metadataJson: string;
  private parsedMetadata: EventMetadata | undefined = undefined;

  constructor(row: RawEventRow) {
    this.eventId = row[1];
    this.type = row[4];
    this.schemaVersion = row[5];
    this.data = JSON.parse(row[6]) as unknown;
    this.streamName = row[2];
    this.revision = row[3];
    this.position = row[0];
    this.metadataJson = row[7];
  }

  get metadata(): EventMetadata {
    return (this.parsedMetadata ??= JSON.parse(this.metadataJson) as EventMetadata);
  }
}

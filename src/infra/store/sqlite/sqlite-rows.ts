import { EventMetadata, EventToAppend, RecordedEvent } from '../../../application/event-store';
import { eventDataJson } from '../../../application/event-data-json';
import { eventDigestHead, eventDigestOf } from '../../../application/event-chain';
import { metadataFromStored, storedMetadataJson } from '../../../application/stored-metadata';
import { commandNumberKey } from './command-keys';
import { EventRows, NO_CLAIM } from './sqlite-appends';

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
 * here, on the caller's thread: the canonical text (data, and metadata in its stored form,
 * stored-metadata.ts), each event's chain digest, and the number key of each command's id (once
 * for a run of events of one command), so that the writer, the bottleneck of a bulk ingest, only links and
 * inserts.
 *
 * Each event is serialised once: its data and metadata are written into the digest's input, which
 * the hash makes one flat string, and the row's texts are slices of it. Built apart and then joined,
 * each text was copied again when it crossed to the writer thread (docs/performance.md, "Issue 19").
 */
export function rowsOf(streamName: string, events: readonly EventToAppend[]): EventRows {
  const rows: (string | number)[] = [];
  let previousCommand: string | undefined;
  for (const event of events) {
    const { eventId, type, schemaVersion } = event;
    const data = storedText(event, 'data');
    const metadata = storedText(event, 'metadata');
    const head = eventDigestHead(streamName, eventId, type, schemaVersion);
    const input = `${head}${data},${metadata}]`;
    const digest = eventDigestOf(input);
    const dataEnd = head.length + data.length;
    const { commandId } = event.metadata;
    rows.push(
      eventId,
      type,
      schemaVersion,
      input.slice(head.length, dataEnd),
      input.slice(dataEnd + 1, input.length - 1),
      commandId === previousCommand ? NO_CLAIM : commandNumberKey(commandId),
      event.metadata.commandDigest ?? '',
      digest,
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
function storedText(event: EventToAppend, field: 'data' | 'metadata'): string {
  let json: string | undefined;
  try {
    json =
      field === 'data'
        ? eventDataJson(event.type, event.data)
        : storedMetadataJson(event.eventId, event.metadata);
  } catch (cause) {
    throw new TypeError(`${what(event, field)} cannot be stored as JSON`, { cause });
  }
  if (json === undefined) throw new TypeError(`${what(event, field)} is not a JSON value`);
  return json;
}

/** Built only for a refusal: this runs for every event. */
const what = (event: EventToAppend, field: string): string =>
  `The ${field} of event ${event.eventId} (${event.type})`;

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as unknown,
    metadata: metadataFromStored(JSON.parse(row.metadata), row.event_id),
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
    metadata: metadataFromStored(JSON.parse(row[7]), row[1]),
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
    return (this.parsedMetadata ??= metadataFromStored(JSON.parse(this.metadataJson), this.eventId));
  }
}

import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ExpectedVersion } from './expected-version';

/**
 * Conversions between the client's protobuf messages and the emulator's values. Stream names travel
 * as UTF-8 bytes; revisions and positions as uint64 decimal strings (jstype = JS_STRING).
 */

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export function streamIdentifier(streamName: string): StreamIdentifier {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(new Uint8Array(Buffer.from(streamName, 'utf8')));
  return identifier;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPTY_UUID = '00000000-0000-0000-0000-000000000000';

const hex64 = (signed: string): string => BigInt.asUintN(64, BigInt(signed)).toString(16).padStart(16, '0');

/** The UUID as the server's Guid.ToString() renders it; undefined when Guid parsing would throw. */
export function uuidText(uuid: UUID | undefined): string | undefined {
  if (uuid?.hasString()) {
    const text = uuid.getString();
    return UUID_PATTERN.test(text) ? text.toLowerCase() : undefined;
  }
  const structured = uuid?.getStructured();
  if (structured === undefined) return undefined;
  // Structured UUIDs are two big-endian int64 halves (the layout the client's parseUUID reads).
  const d = hex64(structured.getMostSignificantBits()) + hex64(structured.getLeastSignificantBits());
  return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20)}`;
}

export const isEmptyUuid = (id: string): boolean => id === EMPTY_UUID;

export function stringUuid(id: string): UUID {
  const uuid = new UUID();
  uuid.setString(id);
  return uuid;
}

/** The oneof of Append, Delete and Tombstone options (BatchAppend names it differently). */
export interface ExpectedRevisionOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
}

/** AnyStreamRevision / StreamRevision in the server's request handlers; undefined when the oneof is unset. */
export function expectedVersionOf(options: ExpectedRevisionOptions): bigint | undefined {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return ExpectedVersion.NoStream;
  if (options.hasAny()) return ExpectedVersion.Any;
  if (options.hasStreamExists()) return ExpectedVersion.StreamExists;
  return undefined;
}

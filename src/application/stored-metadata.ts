import { canonicalJson, quote } from './canonical-json';
import { EventMetadata } from './event-store';

/**
 * An event's metadata as a store that keeps it as text writes it, and how it is read back.
 *
 * Version 1 (every event recorded before version 2, never rewritten) is the canonical JSON of the
 * whole {@link EventMetadata}: the event's id again, and the causation and correlation ids even
 * where they are the command's own id, as they are for every command sent without them.
 *
 * Version 2 leaves out what the row holds already or what follows from the command's id: no event
 * id (the row's own), no causation or correlation id equal to the command id, and a `version` of 2.
 * Every vote's metadata is serialised, hashed into the chain, sent to the writer thread and written:
 * the less of it, the less each of those costs (docs/performance.md, "Issue 19").
 * {@link metadataFromStored} reads either version back as the EventMetadata that was appended.
 *
 * Metadata that is not of the usual shape (a field of another name, a value not a string, an event
 * id not the event's) is kept whole, as version 1: what is read back is then what was appended.
 */
export const STORED_METADATA_VERSION = 2;

/** The stored text of an event's metadata (canonical JSON), by version 2 where it can be. */
export function storedMetadataJson(eventId: string, metadata: EventMetadata): string {
  return slimMetadataJson(eventId, metadata) ?? canonicalJson(metadata);
}

/**
 * Version 2's text, written field by field in code-point order (actor, causationId, commandDigest,
 * commandId, correlationId, occurredAt, version) without sorting; undefined for metadata not of the
 * usual shape, which is then kept whole.
 */
function slimMetadataJson(eventId: string, metadata: EventMetadata): string | undefined {
  const m = metadata as unknown as Record<string, unknown>;
  const { actor, causationId, commandDigest, commandId, correlationId, occurredAt } = m;
  const keys = Object.keys(m);
  const fields = commandDigest === undefined ? 6 : 7;
  if (keys.length !== fields || m.eventId !== eventId) return undefined;
  if (typeof actor !== 'string' || typeof causationId !== 'string') return undefined;
  if (typeof commandId !== 'string' || typeof correlationId !== 'string') return undefined;
  if (typeof occurredAt !== 'string') return undefined;
  if (commandDigest !== undefined && typeof commandDigest !== 'string') return undefined;
  // Seven keys, none undefined but commandDigest, and these six present: no other key is there.
  const q = JSON.stringify;
  const idJson = q(commandId);
  const causation = causationId === commandId ? '' : `"causationId":${q(causationId)},`;
  const digest = commandDigest === undefined ? '' : `"commandDigest":${q(commandDigest)},`;
  const correlation = correlationId === commandId ? '' : `"correlationId":${q(correlationId)},`;
  return `{"actor":${quote(actor)},${causation}${digest}"commandId":${idJson},${correlation}"occurredAt":${quote(occurredAt)},"version":${STORED_METADATA_VERSION}}`;
}

/**
 * Stored metadata, parsed, as the EventMetadata that was appended: version 2 upcast (its event id
 * from the row, its causation and correlation ids the command's where it has none), version 1 as
 * it is. Version 2 is told by its `version` and the absence of an event id, which every version 1
 * metadata holds. Its keys come in the order the parsed text of version 1 gives them, so that
 * anything printing them prints them alike.
 */
export function metadataFromStored(parsed: unknown, eventId: string): EventMetadata {
  const m = parsed as Record<string, unknown>;
  if (m === null || typeof m !== 'object' || m.version !== STORED_METADATA_VERSION || 'eventId' in m)
    return parsed as EventMetadata;
  const commandId = m.commandId as string;
  const causationId = (m.causationId as string | undefined) ?? commandId;
  const correlationId = (m.correlationId as string | undefined) ?? commandId;
  const actor = m.actor as string;
  const occurredAt = m.occurredAt as string;
  return m.commandDigest === undefined
    ? { actor, causationId, commandId, correlationId, eventId, occurredAt }
    : {
        actor,
        causationId,
        commandDigest: m.commandDigest as string,
        commandId,
        correlationId,
        eventId,
        occurredAt,
      };
}

/**
 * Whether stored metadata text is canonical JSON and, of version 2, the one text version 2 writes
 * for what it reads as (no field it would leave out, nothing it does not know); metadata of version
 * 1 need only be canonical. One event, one stored form: verify refuses any other.
 */
export function isStoredMetadataText(text: string, eventId: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return canonicalJson(parsed) === text && isStoredMetadataForm(parsed, text, eventId);
  } catch {
    return false;
  }
}

/** The part of {@link isStoredMetadataText} past canonical JSON, on the parsed text. */
export function isStoredMetadataForm(parsed: unknown, text: string, eventId: string): boolean {
  const m = parsed as Record<string, unknown>;
  if (m === null || typeof m !== 'object' || m.version !== STORED_METADATA_VERSION || 'eventId' in m)
    return true;
  return slimMetadataJson(eventId, metadataFromStored(parsed, eventId)) === text;
}

import { canonicalJson } from './canonical-json';
import { EventMetadata } from './event-store';

/**
 * An event's metadata as canonical JSON, written field by field: every event's metadata has the
 * same few string fields, so they are put in code-point order (actor, causationId, commandDigest,
 * commandId, correlationId, eventId, occurredAt) without sorting, as command-digest.ts writes a
 * vote. Anything else (a field it does not know, a value not a string) is left to canonicalJson:
 * the bytes are the same either way (test/infra/event-chain.test.ts).
 */
export function canonicalMetadata(metadata: EventMetadata): string {
  const m = metadata as unknown as Record<string, unknown>;
  const keys = Object.keys(m);
  const digest = m.commandDigest;
  const known = digest === undefined ? 6 : 7;
  if (keys.length !== known || (digest !== undefined && typeof digest !== 'string')) return canonicalJson(m);
  const { actor, causationId, commandId, correlationId, eventId, occurredAt } = m;
  for (const value of [actor, causationId, commandId, correlationId, eventId, occurredAt])
    if (typeof value !== 'string') return canonicalJson(m);
  const q = JSON.stringify;
  const digestJson = digest === undefined ? '' : `"commandDigest":${q(digest)},`;
  return `{"actor":${q(actor)},"causationId":${q(causationId)},${digestJson}"commandId":${q(commandId)},"correlationId":${q(correlationId)},"eventId":${q(eventId)},"occurredAt":${q(occurredAt)}}`;
}

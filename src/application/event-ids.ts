import { createHash } from 'node:crypto';

/** RFC 4122 namespace for govrec event ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1b8a52c3d94e0fa1b27c5d8e934a10', 'hex');

/**
 * A name-based (version 5) UUID. Event ids derive from the command id, the stream and the event's
 * index, so a retried command produces the same ids and the store recognises the retry.
 */
export function eventIdFor(commandId: string, streamName: string, index: number): string {
  const hash = createHash('sha1')
    .update(NAMESPACE)
    .update(`${commandId}\u0000${streamName}\u0000${index}`)
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

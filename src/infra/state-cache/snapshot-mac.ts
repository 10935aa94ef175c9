/**
 * Snapshots are authenticated, not trusted: a snapshot is a state the domain decides on, so an
 * edited one (a holder's vote dropped from a resolution's state) would let the domain accept what
 * the record forbids (that holder's second vote). Each snapshot carries an HMAC-SHA256 over
 * everything that says what it is (its stream, revision, the event it was taken after, its shape,
 * its state text), keyed with a secret the store file does not hold (snapshot-key.ts); a snapshot
 * whose MAC does not hold is not used, and the stream is folded from its start.
 *
 * Why a keyed MAC and not a plain digest: anyone who can edit the snapshot row can recompute a
 * digest of it; checking the state against the events instead means folding them, which is what a
 * snapshot is there to avoid. Threat model: an attacker who can write the store file alone cannot
 * forge a snapshot; one who can also read the key file can (and can then also rewrite the record:
 * what `govrec verify` and the record's seal, or its hash chain, detect — never a snapshot).
 *
 * Where the store keeps the record's hash chain, the chain's link at the snapshot's event is in the
 * MAC's input as well: it stands for the whole record up to there, so a snapshot is used only beside
 * the very record it was taken of (not beside one restored or rewritten before it).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a snapshot's MAC covers: the snapshot and the stream it is of. */
export interface SnapshotFields {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly shape: string;
  readonly state: string;
  /** The hash chain's link at the snapshot's event (hex), where the store keeps a chain. */
  readonly chainLink?: string;
}

/** Names what is authenticated, so a MAC made for anything else under the same key never matches. */
const PURPOSE = 'govrec-snapshot-v1';

/** The snapshot's MAC, as hex. Fields are framed as a JSON array, so no two snapshots share an input. */
export function snapshotMac(key: Buffer, fields: SnapshotFields): string {
  const { streamName, revision, eventId, shape, state, chainLink } = fields;
  return createHmac('sha256', key)
    .update(JSON.stringify([PURPOSE, streamName, revision, eventId, chainLink ?? null, shape, state]))
    .digest('hex');
}

/** Whether `mac` is the snapshot's MAC under `key`; in constant time. */
export function snapshotMacHolds(
  key: Buffer,
  fields: SnapshotFields,
  mac: string | null | undefined,
): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(snapshotMac(key, fields), 'hex'), Buffer.from(mac, 'hex'));
}

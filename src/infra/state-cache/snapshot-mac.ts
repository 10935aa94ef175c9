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

/** Characters of the state's text escaped and hashed at a time (see snapshotMac). */
const PIECE = 1 << 20;

/**
 * The snapshot's MAC, as hex. Fields are framed as a JSON array, so no two snapshots share an input.
 * The state's text (a meeting of half a million holders: over 100 MB) is escaped and hashed a piece
 * at a time rather than framed whole, which copied it twice more (the framed text, then its UTF-8)
 * at the start of an import: the bytes hashed are the same, so is the MAC.
 */
export function snapshotMac(key: Buffer, fields: SnapshotFields, piece = PIECE): string {
  const { streamName, revision, eventId, shape, state, chainLink } = fields;
  const hmac = createHmac('sha256', key);
  // The framed array up to the state's opening quote, then the state, then its closing quote.
  const head = JSON.stringify([PURPOSE, streamName, revision, eventId, chainLink ?? null, shape, '']);
  hmac.update(head.slice(0, -2));
  for (let from = 0; from < state.length;) {
    let to = Math.min(state.length, from + piece);
    // A surrogate pair is kept as it is and a lone surrogate escaped: a pair is never split.
    if (to < state.length && isHigh(state.charCodeAt(to - 1)) && isLow(state.charCodeAt(to))) to += 1;
    hmac.update(JSON.stringify(state.slice(from, to)).slice(1, -1));
    from = to;
  }
  return hmac.update('"]').digest('hex');
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Whether `mac` is the snapshot's MAC under `key`; in constant time. */
export function snapshotMacHolds(
  key: Buffer,
  fields: SnapshotFields,
  mac: string | null | undefined,
): boolean {
  if (typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(Buffer.from(snapshotMac(key, fields), 'hex'), Buffer.from(mac, 'hex'));
}

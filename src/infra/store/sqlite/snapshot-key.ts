/**
 * The secret that authenticates a SQLite store's snapshots (state-cache/snapshot-mac.ts), kept in a
 * file of its own beside the store (`<store>.snapshot-key`, mode 0600), never in the store file:
 * whoever can edit the store file but not read this one cannot make a snapshot govrec will use.
 * Losing the key costs nothing but a fold: snapshots whose MAC no longer holds are not used, and
 * the next import saves new ones under the new key.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

const KEY_BYTES = 32;

/** Where the key of the store at `storePath` is kept. */
export const snapshotKeyPath = (storePath: string): string => `${storePath}.snapshot-key`;

/**
 * The store's snapshot key, made on first use. Written to a file of its own name first and then
 * linked into place, so two processes opening a new store at once agree on one key: the second
 * link fails, and that process reads the first one's key, never a half-written file.
 */
export function snapshotKeyFor(storePath: string | undefined): Buffer {
  // A store in memory: its snapshots live and die with the process, and so does its key.
  if (storePath === undefined) return randomBytes(KEY_BYTES);
  const path = snapshotKeyPath(storePath);
  const existing = readKey(path);
  if (existing) return existing;
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    writeFileSync(draft, randomBytes(KEY_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(draft, path);
    } finally {
      unlinkSync(draft);
    }
  } catch (error) {
    // EEXIST: another process made it first. Anything else (a read-only directory) leaves the key
    // to this process alone, below: its snapshots are then used by no other, which costs folds only.
    if ((error as NodeJS.ErrnoException).code === undefined) throw error;
  }
  // A key file that holds no key (edited, truncated) likewise: no snapshot is trusted under it.
  return readKey(path) ?? randomBytes(KEY_BYTES);
}

function readKey(path: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Anything but the key as written is no key: snapshots under it would never be trusted anyway.
  return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
}

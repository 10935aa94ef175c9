import Database from 'better-sqlite3';
import { Snapshot, SnapshotStore } from '../../../application/snapshot-store';
import { snapshotMac, snapshotMacHolds } from '../../state-cache/snapshot-mac';
import { retryWhileBusy } from './busy';
import { snapshotKeyFor } from './snapshot-key';
import { ensureStoreMeta } from './store-meta';

interface SnapshotRow {
  readonly revision: number;
  readonly event_id: string;
  readonly shape: string;
  readonly state: string;
  /** From `snapshot_macs` (store-meta.ts); null when the row has none. */
  readonly mac: string | null;
}

/**
 * Snapshots in the store's own file (table `snapshots`), on the caller's connection: they are read
 * once a stream a process, and written when a bulk writer is done, never on an append's path.
 * Each row carries its MAC under a key kept outside the file (snapshot-mac.ts, snapshot-key.ts):
 * a row whose MAC does not hold (edited, copied from another stream or store, or written before
 * snapshots were authenticated) reads as no snapshot, so the stream is folded from its start.
 */
export class SqliteSnapshots implements SnapshotStore {
  private readonly read;
  private readonly write;
  private readonly streams;
  private readonly discard;
  private readonly key: Buffer;
  private readonly chainLink;

  constructor(db: Database.Database) {
    ensureStoreMeta(db);
    this.key = snapshotKeyFor(db.memory ? undefined : db.name);
    this.chainLink = db
      .prepare<[string, number], string | null>(
        'SELECT lower(hex(chain)) FROM events WHERE stream_name = ? AND revision = ?',
      )
      .pluck();
    this.read = db.prepare<[string], SnapshotRow>(
      `SELECT s.revision, s.event_id, s.shape, s.state, m.mac FROM snapshots s
       LEFT JOIN snapshot_macs m ON m.stream_name = s.stream_name WHERE s.stream_name = ?`,
    );
    const row = db.prepare<[string, number, string, string, string]>(
      `INSERT INTO snapshots (stream_name, revision, event_id, shape, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream_name) DO UPDATE SET
         revision = excluded.revision, event_id = excluded.event_id,
         shape = excluded.shape, state = excluded.state`,
    );
    const mac = db.prepare<[string, string]>(
      `INSERT INTO snapshot_macs (stream_name, mac) VALUES (?, ?)
       ON CONFLICT (stream_name) DO UPDATE SET mac = excluded.mac`,
    );
    // The row and its MAC together: a crash between them must not leave a MAC over another state.
    this.write = db.transaction(
      (streamName: string, revision: number, eventId: string, shape: string, state: string, tag: string) => {
        row.run(streamName, revision, eventId, shape, state);
        mac.run(streamName, tag);
      },
    );
    this.streams = db.prepare<[], string>('SELECT stream_name FROM snapshots ORDER BY stream_name').pluck();
    const discardRow = db.prepare<[string]>('DELETE FROM snapshots WHERE stream_name = ?');
    const discardMac = db.prepare<[string]>('DELETE FROM snapshot_macs WHERE stream_name = ?');
    this.discard = db.transaction((streamName: string) => {
      discardRow.run(streamName);
      discardMac.run(streamName);
    });
  }

  async readSnapshot(streamName: string): Promise<Snapshot | undefined> {
    const row = this.read.get(streamName);
    if (!row) return undefined;
    const snapshot = { revision: row.revision, eventId: row.event_id, shape: row.shape, state: row.state };
    const chainLink = this.linkAt(streamName, row.revision);
    return snapshotMacHolds(this.key, { streamName, ...snapshot, chainLink }, row.mac) ? snapshot : undefined;
  }

  async writeSnapshot(streamName: string, snapshot: Snapshot): Promise<void> {
    const { revision, eventId, shape, state } = snapshot;
    const chainLink = this.linkAt(streamName, revision);
    const mac = snapshotMac(this.key, { streamName, revision, eventId, shape, state, chainLink });
    await retryWhileBusy(() => this.write(streamName, revision, eventId, shape, state, mac));
  }

  /** The record's hash chain at the stream's revision (schema.ts): what the snapshot was taken beside. */
  private linkAt(streamName: string, revision: number): string | undefined {
    return this.chainLink.get(streamName, revision) ?? undefined;
  }

  async snapshotStreams(): Promise<string[]> {
    return this.streams.all();
  }

  async discardSnapshot(streamName: string): Promise<void> {
    await retryWhileBusy(() => this.discard(streamName));
  }
}

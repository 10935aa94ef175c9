import Database from 'better-sqlite3';
import { Snapshot, SnapshotStore } from '../../../application/snapshot-store';
import { retryWhileBusy } from './busy';

interface SnapshotRow {
  readonly revision: number;
  readonly event_id: string;
  readonly shape: string;
  readonly state: string;
}

/**
 * Snapshots in the store's own file (table `snapshots`), on the caller's connection: they are read
 * once a stream a process, and written when a bulk writer is done, never on an append's path.
 */
export class SqliteSnapshots implements SnapshotStore {
  private readonly read;
  private readonly write;
  private readonly streams;
  private readonly discard;

  constructor(db: Database.Database) {
    this.read = db.prepare<[string], SnapshotRow>(
      'SELECT revision, event_id, shape, state FROM snapshots WHERE stream_name = ?',
    );
    this.write = db.prepare<[string, number, string, string, string]>(
      `INSERT INTO snapshots (stream_name, revision, event_id, shape, state) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream_name) DO UPDATE SET
         revision = excluded.revision, event_id = excluded.event_id,
         shape = excluded.shape, state = excluded.state`,
    );
    this.streams = db.prepare<[], string>('SELECT stream_name FROM snapshots ORDER BY stream_name').pluck();
    this.discard = db.prepare<[string]>('DELETE FROM snapshots WHERE stream_name = ?');
  }

  async readSnapshot(streamName: string): Promise<Snapshot | undefined> {
    const row = this.read.get(streamName);
    if (!row) return undefined;
    return { revision: row.revision, eventId: row.event_id, shape: row.shape, state: row.state };
  }

  async writeSnapshot(streamName: string, snapshot: Snapshot): Promise<void> {
    const { revision, eventId, shape, state } = snapshot;
    await retryWhileBusy(() => this.write.run(streamName, revision, eventId, shape, state));
  }

  async snapshotStreams(): Promise<string[]> {
    return this.streams.all();
  }

  async discardSnapshot(streamName: string): Promise<void> {
    await retryWhileBusy(() => this.discard.run(streamName));
  }
}

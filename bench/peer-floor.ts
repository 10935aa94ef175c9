/**
 * The peer workload's floor: what any event store on SQLite must do for it, and nothing more,
 * written straight to better-sqlite3. Each append reads its stream's version (the expected-version
 * check), serialises each event's data and metadata with JSON.stringify, inserts them into a table
 * keyed by stream and version, and commits, with the WAL synced at each commit (synchronous FULL, as
 * both stores run). No event ids, no global position index, no hash chain, no command ids.
 *
 * It is the ceiling the peer stores are measured against: a store a given multiple faster than
 * Emmett's is possible on this machine only if this floor itself is at least that multiple faster.
 */
import Database from 'better-sqlite3';
import { appendsOf, freshDatabase, PeerFigures, voteOf } from './peer';

export function sqliteFloor(path: string, events: number, batch: number): PeerFigures {
  freshDatabase(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (
    stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
    data TEXT NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (stream, version)) WITHOUT ROWID`);
  const version = db.prepare<[string], { v: number | null }>(
    'SELECT max(version) AS v FROM events WHERE stream = ?',
  );
  const insert = db.prepare(
    'INSERT INTO events (stream, version, type, data, metadata) VALUES (?, ?, ?, ?, ?)',
  );
  const append = db.transaction((stream: string, first: number, last: number, expected: number) => {
    const current = version.get(stream)?.v ?? -1;
    if (current !== expected) throw new Error(`stream ${stream} is at ${current}, not ${expected}`);
    for (let n = first; n < last; n++) {
      const { type, data, commandId } = voteOf(n);
      const metadata = { commandId, actor: 'registrar:peer' };
      insert.run(stream, expected + 1 + n - first, type, JSON.stringify(data), JSON.stringify(metadata));
    }
  });
  const started = performance.now();
  for (const [stream, first, expected] of appendsOf(events, batch))
    append.immediate(`resolution-peer-${stream}`, first, Math.min(first + batch, events), expected);
  const ms = performance.now() - started;
  db.close();
  return { events, ms };
}

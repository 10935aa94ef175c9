import Database from 'better-sqlite3';
import { canonicalJson } from '../../../application/canonical-json';
import { GENESIS, nextLink } from '../../../application/event-chain';
import { commandKey } from './command-keys';
import { COLUMNS, EventRow } from './sqlite-rows';

const PAGE = 10_000;

/**
 * The migration to schema version 3, for a file written before the chain existed: its events are
 * rewritten as canonical JSON (they were written as JSON.stringify wrote them, which the seal never
 * depended on: it hashes the parsed values), chained from the first, and their command ids indexed.
 * Runs inside the migration's transaction. The chain starts from the record as it stands at the
 * migration: whatever was done to the file before is what the chain then vouches for, so verify the
 * certified meetings' seals before upgrading a file from an untrusted past.
 */
export function chainOldRows(db: Database.Database): void {
  const page = db.prepare<[number, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  );
  const update = db.prepare<[string, string, Buffer, number]>(
    'UPDATE events SET data = ?, metadata = ?, chain = ? WHERE position = ?',
  );
  const commandId = db.prepare<[string, Buffer | null]>(
    'INSERT INTO command_ids (command_key, digest) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  let previous = GENESIS;
  for (let after = -1; ;) {
    const rows = page.all(after, PAGE);
    for (const row of rows) {
      const data = canonicalJson(JSON.parse(row.data));
      const parsed = JSON.parse(row.metadata) as { commandId?: unknown; commandDigest?: unknown };
      const metadata = canonicalJson(parsed);
      previous = nextLink(
        previous,
        row.stream_name,
        row.revision,
        row.event_id,
        row.type,
        row.schema_version,
        data,
        metadata,
      );
      update.run(data, metadata, Buffer.from(previous, 'hex'), row.position);
      if (typeof parsed.commandId === 'string') {
        const digest =
          typeof parsed.commandDigest === 'string' ? Buffer.from(parsed.commandDigest, 'hex') : null;
        commandId.run(commandKey(parsed.commandId), digest);
      }
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].position;
  }
}

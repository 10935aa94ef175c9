import Database from 'better-sqlite3';
import { SecurityLogEntry } from './security-log-entry';

/** A refused request into the read models' file (the security_log table, read-model-schema.ts). */
export function recordRefusal(db: Database.Database, entry: SecurityLogEntry): void {
  db.prepare(
    'INSERT INTO security_log (at, actor, role, action, command_id, rule, field, message) VALUES (@at, @actor, @role, @action, @commandId, @rule, @field, @message)',
  ).run({ actor: null, role: null, commandId: null, ...entry });
}

/** The newest refusals first, `limit` of them, older than `beforeId` when given. */
export function securityLog(
  db: Database.Database,
  limit: number,
  beforeId: number | undefined,
): (SecurityLogEntry & { id: number })[] {
  const rows = db
    .prepare(
      `SELECT id, at, actor, role, action, command_id AS commandId, rule, field, message FROM security_log
       WHERE id < ? ORDER BY id DESC LIMIT ?`,
    )
    .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as (SecurityLogEntry & { id: number })[];
  return rows.map(
    (r) =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as SecurityLogEntry & {
        id: number;
      },
  );
}

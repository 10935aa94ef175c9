import Database from 'better-sqlite3';

/** A request refused for who sent it (no key, a role that may not): the security log's entries. */
export interface SecurityLogEntry {
  /** When the request was refused (ISO-8601). */
  readonly at: string;
  /** The actor of the API key the request carried, if it carried a known one. */
  readonly actor?: string;
  /** That key's role. */
  readonly role?: string;
  /** e.g. 'POST /api/commands CastVote' or 'GET /api/holders/H-1/history'. */
  readonly action: string;
  /** The id of the command the request sent, if it sent one. */
  readonly commandId?: string;
  /** The rule that refused it, e.g. `Unauthenticated`, `NotAuthorized`. */
  readonly rule: string;
  /** Where the refusal points, e.g. `(headers).authorization`. */
  readonly field: string;
  /** The refusal in a sentence. */
  readonly message: string;
}

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

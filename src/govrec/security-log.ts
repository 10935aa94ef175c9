import { SecurityLogEntry, SqliteReadModels } from '../infra/read-models/sqlite-read-models';

/**
 * Requests refused for who sent them (no key, a role that may not), kept beside the read models:
 * a server embedding govrec records them here, and auditors read them newest first.
 */
export interface SecurityLog {
  /** Records one refused request. */
  record(entry: SecurityLogEntry): void;
  /** The refusals, newest first: at most `limit` (default 100), and only those before entry `beforeId` if given. */
  list(limit?: number, beforeId?: number): (SecurityLogEntry & { id: number })[];
}

/** The security log kept in these read models. */
export const securityLogOf = (readModels: SqliteReadModels): SecurityLog => ({
  record: (entry) => readModels.recordRefusal(entry),
  list: (limit, beforeId) => readModels.securityLog(limit, beforeId),
});

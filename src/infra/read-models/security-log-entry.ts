/*
 * Apart from the table's code, which takes a better-sqlite3 connection: the entry is part of the
 * public API, and its declaration must not make an embedding project install better-sqlite3's types.
 */

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

/**
 * The write side of the embedded store: one append is one IMMEDIATE transaction that checks the
 * expected revision and inserts the rows. It runs on the store's own thread, or on a writer thread
 * (writer-thread.ts), so it takes and answers plain values only: rows already serialised, and a
 * reply that says what happened instead of a thrown error (errors do not cross threads intact).
 */
import Database from 'better-sqlite3';
import { planAppend } from '../../../application/append-rules';
import { GENESIS, linkOf } from '../../../application/event-chain';
import {
  AppendResult,
  CommandIdReused,
  DuplicateEventId,
  ExpectedRevision,
  WrongExpectedVersion,
} from '../../../application/event-store';
import { retryWhileBusy, sqliteError } from './busy';
import { CommandClaims } from './command-claims';

/**
 * The events of an append as the columns of their rows, prepared by the caller before the write
 * lock is taken (sqlite-rows.ts): ROW_WIDTH values an event (event id, type, schema version, data
 * JSON, metadata JSON, both canonical; the number key of its command id (command-keys.ts), or
 * NO_CLAIM when the event before it is of the same command; its command's digest, or ''; its chain
 * digest), one after the other in one flat array. Flat because that is what crosses to the writer
 * thread: the structured clone of an array of objects costs several times that of one flat array
 * (docs/performance.md, "Appends on a writer thread").
 */
export type EventRows = readonly (string | number)[];
export const ROW_WIDTH = 8;
/** The key column of a row whose command's id the event before it claimed already. */
export const NO_CLAIM = -1;
const CLAIM_COLUMNS = { width: ROW_WIDTH, key: 5, digest: 6, metadata: 4, none: NO_CLAIM };
/** Events an INSERT at most, and the columns each sets. */
const ROWS_A_STATEMENT = 50;
const INSERTED_COLUMNS = 8;

export type AppendReply =
  | {
      readonly kind: 'appended';
      readonly result: AppendResult;
      /** How many events were inserted (0 for an idempotent retry). */
      readonly written: number;
    }
  | {
      readonly kind: 'wrong-expected-version';
      readonly expected: ExpectedRevision;
      readonly actual: number | undefined;
    }
  | { readonly kind: 'duplicate-event-id'; readonly eventId: string | undefined }
  | { readonly kind: 'command-id-reused'; readonly commandId: string };

/** The append's answer in the port's vocabulary: its result, or the refusal the port defines. */
export function resultOf(streamName: string, reply: AppendReply): AppendResult {
  switch (reply.kind) {
    case 'appended':
      return { ...reply.result, written: reply.written };
    case 'wrong-expected-version':
      throw new WrongExpectedVersion(streamName, reply.expected, reply.actual);
    case 'duplicate-event-id':
      throw new DuplicateEventId(streamName, reply.eventId);
    case 'command-id-reused':
      throw new CommandIdReused(streamName, reply.commandId);
  }
}

function prepareStatements(db: Database.Database) {
  return {
    lastRevision: db
      .prepare<[string], number>(
        'SELECT revision FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck(),
    idsFrom: db
      .prepare<[string, number, number], string>(
        'SELECT event_id FROM events WHERE stream_name = ? AND revision >= ? ORDER BY revision LIMIT ?',
      )
      .pluck(),
    revisionOfId: db
      .prepare<[string, string], number>('SELECT revision FROM events WHERE event_id = ? AND stream_name = ?')
      .pluck(),
    positionAt: db
      .prepare<[string, number], number>('SELECT position FROM events WHERE stream_name = ? AND revision = ?')
      .pluck(),
    idIsRecorded: db.prepare<[string], number>('SELECT 1 FROM events WHERE event_id = ?').pluck(),
    // The rowid's b-tree, one seek: the link of the last event, whichever process wrote it.
    lastLink: db
      .prepare<[], Buffer | null>('SELECT chain FROM events ORDER BY position DESC LIMIT 1')
      .pluck(),
    lastHandedOut: db
      .prepare<[], number>(
        `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
                    coalesce((SELECT max(position) FROM events), 0))`,
      )
      .pluck(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
type Write = (streamName: string, rows: EventRows, expected: ExpectedRevision) => AppendReply;

export class SqliteAppends {
  private readonly statements: Statements;
  private readonly transaction: Database.Transaction<Write>;
  private readonly claims: CommandClaims;
  /** The multi-row INSERT of events by its number of rows. */
  private readonly inserts = new Map<number, Database.Statement<[(string | number | Buffer)[]]>>();

  constructor(
    private readonly db: Database.Database,
    private readonly busyRetries: number,
  ) {
    this.statements = prepareStatements(db);
    this.claims = new CommandClaims(db);
    this.transaction = db.transaction((streamName, rows, expected) => this.write(streamName, rows, expected));
  }

  /**
   * Appends the rows, or refuses them whole. Failures other than the port's refusals (a full disk,
   * a file locked for longer than every retry) are thrown, as SQLite reported them.
   */
  async append(streamName: string, rows: EventRows, expected: ExpectedRevision): Promise<AppendReply> {
    try {
      // IMMEDIATE takes the write lock at BEGIN: the revision read and the inserts are one atomic
      // step across processes, and a conflict cannot surface half-way as SQLITE_BUSY_SNAPSHOT.
      return await retryWhileBusy(
        () => this.transaction.immediate(streamName, rows, expected),
        this.busyRetries,
      );
    } catch (error) {
      // The transaction has been rolled back by now, so what is read here is the committed state.
      return this.refusal(error, streamName, rows, expected);
    }
  }

  /** Runs inside the IMMEDIATE transaction; anything it throws rolls the whole append back. */
  private write(streamName: string, rows: EventRows, expected: ExpectedRevision): AppendReply {
    const { lastRevision, idsFrom, revisionOfId, positionAt } = this.statements;
    const last = lastRevision.get(streamName);
    const count = rows.length / ROW_WIDTH;
    const plan = planAppend(
      streamName,
      last,
      eventIdsOf(rows),
      expected,
      (from, count) => idsFrom.all(streamName, from, count),
      (eventId) => revisionOfId.get(eventId, streamName),
      // UNIQUE (event_id) refuses a duplicate as the rows are inserted, and refusal() names it.
      true,
    );
    if (plan.kind === 'already-written') {
      const position = positionAt.get(streamName, plan.lastRevision) ?? -1;
      return { kind: 'appended', result: { nextExpectedRevision: plan.lastRevision, position }, written: 0 };
    }
    if (count === 0) {
      const position = last === undefined ? -1 : (positionAt.get(streamName, last) ?? -1);
      return { kind: 'appended', result: { nextExpectedRevision: last ?? -1, position }, written: 0 };
    }
    // Claimed before the inserts, as the first refusal to find (a command's id held by another
    // command also gives its events the same ids on the same stream). AUTOINCREMENT gives the next
    // row the highest position ever handed out plus one, and the write lock is held: the rows'
    // positions are known before they are inserted.
    const first = (this.statements.lastHandedOut.get() ?? 0) + 1;
    this.claims.claimAll(streamName, rows, CLAIM_COLUMNS, first);
    // Only the last position is answered: no RecordedEvent is built per row (subscribers read the rows).
    const position = this.insertAll(streamName, rows, plan.nextRevision);
    // Never expected; a claim pointing at another event would make a later reuse go unseen.
    if (position !== first + count - 1) throw new Error(`Positions ${first}.. expected, ${position} given`);
    const revision = plan.nextRevision + count - 1;
    return { kind: 'appended', result: { nextExpectedRevision: revision, position }, written: count };
  }

  /**
   * Inserts the rows, linked, several a statement (a statement a row was a measurable share of the
   * writer's work on a bulk ingest), and answers the last one's position.
   */
  private insertAll(streamName: string, rows: EventRows, firstRevision: number): number {
    const count = rows.length / ROW_WIDTH;
    let position = -1;
    // Linked here, under the write lock, because each link needs the one before it, whoever wrote
    // it; the event's digest, the long hash, was taken before the lock (sqlite-rows.ts).
    let link = this.statements.lastLink.get()?.toString('hex') ?? GENESIS;
    for (let from = 0; from < count; from += ROWS_A_STATEMENT) {
      const size = Math.min(ROWS_A_STATEMENT, count - from);
      const values = new Array<string | number | Buffer>(size * INSERTED_COLUMNS);
      for (let i = from, at = from * ROW_WIDTH, v = 0; i < from + size; i++, at += ROW_WIDTH) {
        const revision = firstRevision + i;
        link = linkOf(link, revision, rows[at + 7] as string);
        values[v++] = rows[at];
        values[v++] = streamName;
        values[v++] = revision;
        values[v++] = rows[at + 1];
        values[v++] = rows[at + 2];
        values[v++] = rows[at + 3];
        values[v++] = rows[at + 4];
        values[v++] = Buffer.from(link, 'hex');
      }
      position = Number(this.insertStatement(size).run(values).lastInsertRowid);
    }
    return position;
  }

  private insertStatement(rows: number): Database.Statement<[(string | number | Buffer)[]]> {
    let statement = this.inserts.get(rows);
    if (statement === undefined) {
      const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      statement = this.db.prepare<[(string | number | Buffer)[]]>(
        `INSERT INTO events (event_id, stream_name, revision, type, schema_version, data, metadata, chain)
         VALUES ${values}`,
      );
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  /** A refusal in the port's vocabulary, from planAppend's errors or SQLite's constraints; else rethrown. */
  private refusal(
    error: unknown,
    streamName: string,
    rows: EventRows,
    expected: ExpectedRevision,
  ): AppendReply {
    if (error instanceof WrongExpectedVersion)
      return { kind: 'wrong-expected-version', expected: error.expected, actual: error.actual };
    if (error instanceof DuplicateEventId) return { kind: 'duplicate-event-id', eventId: error.eventId };
    if (error instanceof CommandIdReused) return { kind: 'command-id-reused', commandId: error.commandId };
    const failure = sqliteError(error);
    if (failure?.code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    if (failure.message.includes('events.event_id'))
      return { kind: 'duplicate-event-id', eventId: this.firstDuplicateId(rows) };
    // The last line of defence against a writer that slipped past the revision check: that is a
    // concurrency conflict, which the command handler knows how to retry.
    return { kind: 'wrong-expected-version', expected, actual: this.statements.lastRevision.get(streamName) };
  }

  private firstDuplicateId(rows: EventRows): string | undefined {
    const seen = new Set<string>();
    for (const { eventId } of eventIdsOf(rows)) {
      if (seen.has(eventId) || this.statements.idIsRecorded.get(eventId) !== undefined) return eventId;
      seen.add(eventId);
    }
    return undefined;
  }
}

function eventIdsOf(rows: EventRows): { readonly eventId: string }[] {
  const ids: { eventId: string }[] = [];
  for (let at = 0; at < rows.length; at += ROW_WIDTH) ids.push({ eventId: rows[at] as string });
  return ids;
}

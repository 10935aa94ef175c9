/**
 * The write side of the embedded store: one append is one IMMEDIATE transaction that checks the
 * expected revision and inserts the rows. It runs on the store's own thread, or on a writer thread
 * (writer-thread.ts), so it takes and answers plain values only: rows already serialised, and a
 * reply that says what happened instead of a thrown error (errors do not cross threads intact).
 */
import Database from 'better-sqlite3';
import { planAppend } from '../../../application/append-rules';
import {
  AppendResult,
  DuplicateEventId,
  ExpectedRevision,
  WrongExpectedVersion,
} from '../../../application/event-store';
import { retryWhileBusy, sqliteError } from './busy';

/**
 * The events of an append as the columns of their rows, serialised by the caller before the write
 * lock is taken: ROW_WIDTH values an event (event id, type, schema version, data JSON, metadata
 * JSON), one after the other in one flat array. Flat because that is what crosses to the writer
 * thread: the structured clone of an array of objects costs several times that of one flat array
 * (docs/performance.md, "Appends on a writer thread").
 */
export type EventRows = readonly (string | number)[];
export const ROW_WIDTH = 5;

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
  | { readonly kind: 'duplicate-event-id'; readonly eventId: string | undefined };

/** The append's answer in the port's vocabulary: its result, or the refusal the port defines. */
export function resultOf(streamName: string, reply: AppendReply): AppendResult {
  switch (reply.kind) {
    case 'appended':
      return reply.result;
    case 'wrong-expected-version':
      throw new WrongExpectedVersion(streamName, reply.expected, reply.actual);
    case 'duplicate-event-id':
      throw new DuplicateEventId(streamName, reply.eventId);
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
    insert: db.prepare<[string, string, number, string, number, string, string]>(
      `INSERT INTO events (event_id, stream_name, revision, type, schema_version, data, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
type Write = (streamName: string, rows: EventRows, expected: ExpectedRevision) => AppendReply;

export class SqliteAppends {
  private readonly statements: Statements;
  private readonly transaction: Database.Transaction<Write>;

  constructor(
    db: Database.Database,
    private readonly busyRetries: number,
  ) {
    this.statements = prepareStatements(db);
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
    const { lastRevision, idsFrom, revisionOfId, positionAt, insert } = this.statements;
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
    // Only the last position is answered: no RecordedEvent is built per row (subscribers read the rows).
    let position = -1;
    for (let i = 0, at = 0; i < count; i++, at += ROW_WIDTH) {
      const inserted = insert.run(
        rows[at] as string,
        streamName,
        plan.nextRevision + i,
        rows[at + 1] as string,
        rows[at + 2] as number,
        rows[at + 3] as string,
        rows[at + 4] as string,
      );
      position = Number(inserted.lastInsertRowid);
    }
    const revision = plan.nextRevision + count - 1;
    return { kind: 'appended', result: { nextExpectedRevision: revision, position }, written: count };
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

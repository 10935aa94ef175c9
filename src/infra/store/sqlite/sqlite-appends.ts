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
import { commandIdOfKey } from './command-keys';

/**
 * The events of an append as the columns of their rows, prepared by the caller before the write
 * lock is taken (sqlite-rows.ts): ROW_WIDTH values an event (event id, type, schema version, data
 * JSON, metadata JSON, both canonical; the key of its command id, or '' when the event before it
 * is of the same command; its command's digest, or ''; its chain digest), one after the other in
 * one flat array. Flat because that is what crosses to the writer thread: the structured clone of
 * an array of objects costs several times that of one flat array (docs/performance.md, "Appends
 * on a writer thread").
 */
export type EventRows = readonly (string | number)[];
export const ROW_WIDTH = 8;

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
    insert: db.prepare<[string, string, number, string, number, string, string, Buffer]>(
      `INSERT INTO events (event_id, stream_name, revision, type, schema_version, data, metadata, chain)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // The rowid's b-tree, one seek: the link of the last event, whichever process wrote it.
    lastLink: db
      .prepare<[], Buffer | null>('SELECT chain FROM events ORDER BY position DESC LIMIT 1')
      .pluck(),
    // One row a command: its id's key and the position of its first event, whose metadata holds
    // its digest. A position, not the digest's 32 bytes: the rows of this index land between one
    // another (a batch's ids are spread over a range others fill too), and half-size rows halve
    // the pages each commit writes (docs/performance.md, "Issue 19").
    claim: db.prepare<[string, number]>(
      'INSERT INTO command_ids (command_key, first_position) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ),
    lastHandedOut: db
      .prepare<[], number>(
        `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
                    coalesce((SELECT max(position) FROM events), 0))`,
      )
      .pluck(),
    held: db
      .prepare<[string], [Buffer | null, number | null]>(
        'SELECT digest, first_position FROM command_ids WHERE command_key = ?',
      )
      .raw(),
    digestAt: db
      .prepare<[number], string | null>(
        "SELECT metadata ->> '$.commandDigest' FROM events WHERE position = ?",
      )
      .pluck(),
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
    // Claimed before the inserts, as the first refusal to find (a command's id held by another
    // command also gives its events the same ids on the same stream). AUTOINCREMENT gives the next
    // row the highest position ever handed out plus one, and the write lock is held: the rows'
    // positions are known before they are inserted.
    const first = (this.statements.lastHandedOut.get() ?? 0) + 1;
    // A position of this append (claimed, not inserted yet): its command's digest is in its row.
    const digestInAppend = (p: number) =>
      p >= first && p < first + count ? (rows[(p - first) * ROW_WIDTH + 6] as string) || null : undefined;
    for (let i = 0, at = 0; i < count; i++, at += ROW_WIDTH) {
      const key = rows[at + 5] as string;
      if (key !== '') this.claimCommandId(streamName, key, rows[at + 6] as string, first + i, digestInAppend);
    }
    // Only the last position is answered: no RecordedEvent is built per row (subscribers read the rows).
    let position = -1;
    // Linked here, under the write lock, because each link needs the one before it, whoever wrote
    // it; the event's digest, the long hash, was taken before the lock (sqlite-rows.ts).
    let link = this.statements.lastLink.get()?.toString('hex') ?? GENESIS;
    for (let i = 0, at = 0; i < count; i++, at += ROW_WIDTH) {
      const revision = plan.nextRevision + i;
      link = linkOf(link, revision, rows[at + 7] as string);
      const inserted = insert.run(
        rows[at] as string,
        streamName,
        revision,
        rows[at + 1] as string,
        rows[at + 2] as number,
        rows[at + 3] as string,
        rows[at + 4] as string,
        Buffer.from(link, 'hex'),
      );
      position = Number(inserted.lastInsertRowid);
    }
    // Never expected; a claim pointing at another event would make a later reuse go unseen.
    if (position !== first + count - 1) throw new Error(`Positions ${first}.. expected, ${position} given`);
    const revision = plan.nextRevision + count - 1;
    return { kind: 'appended', result: { nextExpectedRevision: revision, position }, written: count };
  }

  /**
   * A command's id claimed for it store-wide, at its first event of the append: an id already held
   * by another command (another digest) refuses the whole append (the command handler refuses that
   * command and records the others). A step of the same command on another stream is let through,
   * and so is an id whose holder cannot tell (recorded before digests).
   */
  private claimCommandId(
    streamName: string,
    key: string,
    digest: string,
    position: number,
    /** The digest of an event of this append by its position (null: none); undefined for others. */
    digestInAppend: (position: number) => string | null | undefined,
  ): void {
    const { claim, held, digestAt } = this.statements;
    // The usual case: an id not seen before.
    if (claim.run(key, position).changes === 1 || digest === '') return;
    const [heldDigest, firstPosition] = held.get(key) ?? [null, null];
    const holder =
      heldDigest !== null
        ? heldDigest.toString('hex')
        : firstPosition !== null
          ? (digestInAppend(firstPosition) ?? digestAt.get(firstPosition) ?? null)
          : null;
    if (holder !== null && holder !== digest) throw new CommandIdReused(streamName, commandIdOfKey(key));
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

/**
 * The claims of an append's command ids, made inside its IMMEDIATE transaction, before its events
 * are inserted. Several claims a statement: on a bulk ingest, where every vote is a command, a
 * statement a claim was a large share of the writer thread's work (docs/performance.md, "Issue 19").
 *
 * A claim is the id's number key (command-keys.ts) and the position of its command's first event,
 * whose metadata holds the command's id and digest, in table `command_claims` (schema version 5).
 * Every id claimed has its number key there, so a claim whose key was free is a new id and costs
 * one row of an integer index. A key held already is looked at: by the same id (another step of
 * the command, or another command reusing the id), or by another id with the same key, in which
 * case the id is claimed under its text key in table `command_ids`. A key with no position (a
 * claim from before version 5) says the same: the ids under it are in `command_ids`, with their
 * position or, from version 3, their digest.
 */
import Database from 'better-sqlite3';
import { CommandIdReused } from '../../../application/event-store';
import { commandKey } from './command-keys';

/** Where a row's number key, command digest and metadata text are in the append's flat rows (sqlite-appends.ts). */
export interface ClaimColumns {
  readonly width: number;
  readonly key: number;
  readonly digest: number;
  readonly metadata: number;
  /** The key column's value for a row that claims nothing. */
  readonly none: number;
}

/** Claims a statement at most; a batch's remainder takes a statement of its own size. */
const CLAIMS_A_STATEMENT = 50;

type Rows = readonly (string | number)[];

function prepareStatements(db: Database.Database) {
  return {
    byNumber: db
      .prepare<[number], number | null>('SELECT first_position FROM command_claims WHERE claim_key = ?')
      .pluck(),
    byText: db
      .prepare<[string], [Buffer | null, number | null]>(
        'SELECT digest, first_position FROM command_ids WHERE command_key = ?',
      )
      .raw(),
    claimText: db.prepare<[string, number]>(
      'INSERT INTO command_ids (command_key, first_position) VALUES (?, ?)',
    ),
    commandAt: db
      .prepare<[number], [string | null, string | null]>(
        "SELECT metadata ->> '$.commandId', metadata ->> '$.commandDigest' FROM events WHERE position = ?",
      )
      .raw(),
  };
}

export class CommandClaims {
  private readonly inserts = new Map<number, Database.Statement<[number[]]>>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  /** Reused from append to append: the rows of the claims waiting for their statement. */
  private readonly pending: number[] = [];

  constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
  }

  /**
   * Claims the id of each row that carries a number key (a command's first event in the append),
   * by the position its event will have (`first` onwards). An id already held by another command
   * (another digest) throws CommandIdReused, which rolls the append back: the command handler
   * refuses that command and records the others. A step of the same command on another stream is
   * let through, and so is an id whose holder cannot tell (recorded before digests).
   */
  claimAll(streamName: string, rows: Rows, columns: ClaimColumns, first: number): void {
    const pending = this.pending;
    pending.length = 0;
    try {
      for (let i = 0, at = 0; at < rows.length; i++, at += columns.width) {
        if (rows[at + columns.key] === columns.none) continue;
        pending.push(i);
        if (pending.length === CLAIMS_A_STATEMENT) this.flush(streamName, rows, columns, first);
      }
      if (pending.length > 0) this.flush(streamName, rows, columns, first);
    } finally {
      pending.length = 0;
    }
  }

  /** Inserts the pending claims; only when one of their keys was held already are they looked at one by one. */
  private flush(streamName: string, rows: Rows, columns: ClaimColumns, first: number): void {
    const pending = this.pending;
    const values = new Array<number>(pending.length * 2);
    for (let k = 0; k < pending.length; k++) {
      values[2 * k] = rows[pending[k] * columns.width + columns.key] as number;
      values[2 * k + 1] = first + pending[k];
    }
    if (this.insertFor(pending.length).run(values).changes !== pending.length) {
      const held = new HeldKey(this.statements, streamName, rows, columns, first);
      for (const i of pending) held.check(i);
    }
    pending.length = 0;
  }

  private insertFor(claims: number): Database.Statement<[number[]]> {
    let statement = this.inserts.get(claims);
    if (statement === undefined) {
      const values = Array.from({ length: claims }, () => '(?, ?)').join(', ');
      statement = this.db.prepare<[number[]]>(
        `INSERT INTO command_claims (claim_key, first_position) VALUES ${values} ON CONFLICT DO NOTHING`,
      );
      this.inserts.set(claims, statement);
    }
    return statement;
  }
}

/** What a command's first event says of it: its id and digest (null where it has none). */
interface Holder {
  readonly commandId: string | null;
  readonly digest: string | null;
}

/** The look at one claim of an append after its statement, when some key of that statement was held. */
class HeldKey {
  private readonly count: number;

  constructor(
    private readonly statements: ReturnType<typeof prepareStatements>,
    private readonly streamName: string,
    private readonly rows: Rows,
    private readonly columns: ClaimColumns,
    private readonly first: number,
  ) {
    this.count = rows.length / columns.width;
  }

  /** Row i's claim: its own, the same command's, or another id's key (then its text key). */
  check(i: number): void {
    const own = this.holderAt(this.first + i);
    const digest = own.digest ?? '';
    // A command without a digest is not checked, as before: nothing tells its retries apart.
    if (digest === '' || own.commandId === null) return;
    const position = this.statements.byNumber.get(
      this.rows[i * this.columns.width + this.columns.key] as number,
    );
    // Its own claim: positions are never handed out twice, so no earlier claim names this one.
    if (position === this.first + i) return;
    const holder = position === null || position === undefined ? undefined : this.holderAt(position);
    if (holder !== undefined && holder.commandId === own.commandId) return this.refuseOther(holder, own);
    // The key is another id's (or a claim from before version 5): this id goes by its text key.
    const key = commandKey(own.commandId);
    const held = this.statements.byText.get(key);
    if (held === undefined) {
      this.statements.claimText.run(key, this.first + i);
      return;
    }
    const [heldDigest, firstPosition] = held;
    if (firstPosition === this.first + i) return;
    const textHolder =
      heldDigest !== null
        ? { commandId: own.commandId, digest: heldDigest.toString('hex') }
        : firstPosition !== null
          ? this.holderAt(firstPosition)
          : undefined;
    if (textHolder !== undefined) this.refuseOther(textHolder, own);
  }

  /** Refuses the claim when the id's holder is another command (another digest); a holder without one tells nothing. */
  private refuseOther(holder: Holder, own: Holder): void {
    if (holder.digest !== null && holder.digest !== own.digest)
      throw new CommandIdReused(this.streamName, own.commandId ?? '');
  }

  /** The command of the event at a position: in this append (not inserted yet), or in the store. */
  private holderAt(position: number): Holder {
    const { first, count, rows, columns } = this;
    if (position >= first && position < first + count) {
      const at = (position - first) * columns.width;
      const metadata = JSON.parse(rows[at + columns.metadata] as string) as { commandId?: unknown };
      const digest = rows[at + columns.digest] as string;
      return {
        commandId: typeof metadata.commandId === 'string' ? metadata.commandId : null,
        digest: digest === '' ? null : digest,
      };
    }
    const [commandId, digest] = this.statements.commandAt.get(position) ?? [null, null];
    return { commandId, digest };
  }
}

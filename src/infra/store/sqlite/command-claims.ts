/**
 * The claims of an append's command ids in table `command_ids`, made inside its IMMEDIATE
 * transaction, before its events are inserted. Several claims a statement: on a bulk ingest, where
 * every vote is a command, a statement a claim was a large share of the writer thread's work
 * (docs/performance.md, "Issue 19").
 */
import Database from 'better-sqlite3';
import { CommandIdReused } from '../../../application/event-store';
import { commandIdOfKey } from './command-keys';

/** Where a row's command key and digest are in the append's flat rows (sqlite-appends.ts). */
export interface ClaimColumns {
  readonly width: number;
  readonly key: number;
  readonly digest: number;
}

/** Claims a statement at most; a batch's remainder takes a statement of its own size. */
const CLAIMS_A_STATEMENT = 50;

export class CommandClaims {
  private readonly statements = new Map<number, Database.Statement<[(string | number)[]]>>();
  private readonly held: Database.Statement<[string], [Buffer | null, number | null]>;
  private readonly digestAt: Database.Statement<[number], string | null>;
  /** Reused from append to append: the rows of the claims waiting for their statement. */
  private readonly pending: number[] = [];

  constructor(private readonly db: Database.Database) {
    this.held = db
      .prepare<[string], [Buffer | null, number | null]>(
        'SELECT digest, first_position FROM command_ids WHERE command_key = ?',
      )
      .raw();
    this.digestAt = db
      .prepare<[number], string | null>(
        "SELECT metadata ->> '$.commandDigest' FROM events WHERE position = ?",
      )
      .pluck();
  }

  /**
   * Claims the id of each row that carries a command key (a command's first event in the append),
   * by the position its event will have (`first` onwards). An id already held by another command
   * (another digest) throws CommandIdReused, which rolls the append back: the command handler
   * refuses that command and records the others. A step of the same command on another stream is
   * let through, and so is an id whose holder cannot tell (recorded before digests).
   */
  claimAll(
    streamName: string,
    rows: readonly (string | number)[],
    columns: ClaimColumns,
    first: number,
  ): void {
    const pending = this.pending;
    pending.length = 0;
    try {
      for (let i = 0, at = 0; at < rows.length; i++, at += columns.width) {
        if (rows[at + columns.key] === '') continue;
        pending.push(i);
        if (pending.length === CLAIMS_A_STATEMENT) this.flush(streamName, rows, columns, first);
      }
      if (pending.length > 0) this.flush(streamName, rows, columns, first);
    } finally {
      pending.length = 0;
    }
  }

  /** Inserts the pending claims; only when one of them was held already are they looked at one by one. */
  private flush(
    streamName: string,
    rows: readonly (string | number)[],
    columns: ClaimColumns,
    first: number,
  ): void {
    const pending = this.pending;
    const values: (string | number)[] = new Array<string | number>(pending.length * 2);
    for (let k = 0; k < pending.length; k++) {
      values[2 * k] = rows[pending[k] * columns.width + columns.key];
      values[2 * k + 1] = first + pending[k];
    }
    if (this.statementFor(pending.length).run(values).changes !== pending.length)
      for (const i of pending) this.check(streamName, rows, columns, first, i);
    pending.length = 0;
  }

  /** The claim of row i after its insert: its own, or a holder's that must be of the same command. */
  private check(
    streamName: string,
    rows: readonly (string | number)[],
    columns: ClaimColumns,
    first: number,
    i: number,
  ): void {
    const at = i * columns.width;
    const key = rows[at + columns.key] as string;
    const digest = rows[at + columns.digest] as string;
    if (digest === '') return;
    const [heldDigest, firstPosition] = this.held.get(key) ?? [null, null];
    // Its own claim: positions are never handed out twice, so no earlier claim names this one.
    if (heldDigest === null && firstPosition === first + i) return;
    const count = rows.length / columns.width;
    // A position of this append (claimed, not inserted yet): its command's digest is in its row.
    const inAppend = (p: number) =>
      p >= first && p < first + count
        ? (rows[(p - first) * columns.width + columns.digest] as string) || null
        : undefined;
    const holder =
      heldDigest !== null
        ? heldDigest.toString('hex')
        : firstPosition !== null
          ? (inAppend(firstPosition) ?? this.digestAt.get(firstPosition) ?? null)
          : null;
    if (holder !== null && holder !== digest) throw new CommandIdReused(streamName, commandIdOfKey(key));
  }

  private statementFor(claims: number): Database.Statement<[(string | number)[]]> {
    // A claim is its id's key and the position of its command's first event, whose metadata holds
    // the digest: a position, not the digest's 32 bytes, since the rows of this index land between
    // one another (a batch's ids are spread over a range others fill too), and half-size rows halve
    // the pages each commit writes.
    let statement = this.statements.get(claims);
    if (statement === undefined) {
      const values = Array.from({ length: claims }, () => '(?, ?)').join(', ');
      statement = this.db.prepare<[(string | number)[]]>(
        `INSERT INTO command_ids (command_key, first_position) VALUES ${values} ON CONFLICT DO NOTHING`,
      );
      this.statements.set(claims, statement);
    }
    return statement;
  }
}

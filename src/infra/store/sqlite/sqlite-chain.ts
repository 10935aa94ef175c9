import Database from 'better-sqlite3';
import {
  ChainAlgorithm,
  ChainChecker,
  ChainEpoch,
  ChainHead,
  ChainVerdict,
} from '../../../application/event-chain';
import { isStoredMetadataText } from '../../../application/stored-metadata';
import { COLUMNS, RawEventRow } from './sqlite-rows';

const PAGE = 10_000;

/** An event's row with its link, as the chain check reads it. */
type ChainRow = [...RawEventRow, chain: Buffer | null];

/** The record's hash chain as the SQLite store keeps it: a link a row, in column `chain`. */
export class SqliteChain {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      head: db
        .prepare<[], [number, Buffer | null]>(
          'SELECT position, chain FROM events ORDER BY position DESC LIMIT 1',
        )
        .raw(),
      at: db.prepare<[number], Buffer | null>('SELECT chain FROM events WHERE position = ?').pluck(),
      page: db
        .prepare<[number, number], ChainRow>(
          `SELECT ${COLUMNS}, chain FROM events WHERE position > ? ORDER BY position LIMIT ?`,
        )
        .raw(),
    };
  }

  head(): ChainHead | undefined {
    const row = this.statements.head.get();
    return row ? { position: row[0], hash: row[1]?.toString('hex') ?? '' } : undefined;
  }

  at(position: number): string | undefined {
    return this.statements.at.get(position)?.toString('hex');
  }

  /**
   * Every row from the first, read in pages of the rowid's b-tree (memory stays bounded). Yields
   * between pages, so that a long check does not hold the thread it runs on from start to end.
   */
  async verify(): Promise<ChainVerdict> {
    const checker = new ChainChecker(isStoredMetadataText, this.epochs());
    let last = -1;
    for (let after = -1; ;) {
      const rows = this.statements.page.all(after, PAGE);
      for (const r of rows) {
        const stored = r[8]?.toString('hex') ?? null;
        if (!checker.check(r[0], r[2], r[3], r[1], r[4], r[5], r[6], r[7], stored)) return checker.verdict();
        last = r[0];
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1][0];
      await new Promise((resolve) => setImmediate(resolve));
    }
    // AUTOINCREMENT keeps the highest position ever handed out: rows removed from the end leave it.
    const handedOut = this.highestPositionHandedOut();
    if (handedOut > last)
      checker.fail({
        kind: 'truncated',
        position: handedOut,
        detail: `The record ends at position ${last}, but position ${handedOut} was written`,
      });
    return checker.verdict();
  }

  /** Which algorithm links which positions (schema.ts, version 4). */
  private epochs(): ChainEpoch[] {
    return this.db
      .prepare<[], [number, ChainAlgorithm]>('SELECT from_position, algorithm FROM chain_algorithms')
      .raw()
      .all()
      .map(([fromPosition, algorithm]) => ({ fromPosition, algorithm }));
  }

  private highestPositionHandedOut(): number {
    const seq = this.db
      .prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'events'")
      .pluck()
      .get();
    return seq ?? -1;
  }
}

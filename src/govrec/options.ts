import { EventStore } from '../application/event-store';
import { RetryPolicy } from '../application/record-stream';
import { RuleSet } from '../domain/rules/rule-set';
import { ImportOptions } from '../infra/import/import-types';
import { SqliteReadModels } from '../infra/read-models/sqlite-read-models';
import { AnnouncementOptions } from '../projections/announcement';
import { ReadModelName } from './read-models';
import { StoreSpec } from './store-spec';

/** What {@link openGovrec} opens govrec on, and how it keeps the record. */
export interface OpenOptions {
  /** Where the events are kept: a spec (`memory`, `sqlite:./govrec.db`, `esdb://…`) or a store you opened. */
  readonly store: StoreSpec | EventStore;
  /**
   * Where the read models are kept: the path of a SQLite file (`:memory:` for none on disk), or
   * read-model storage you opened (and close). Default: beside a SQLite store (`govrec.db` →
   * `govrec.read.db`), in memory for a memory store or a store instance, `./govrec.read.db` for
   * EventStoreDB.
   */
  readonly readModels?: string | SqliteReadModels;
  /** The read models to keep (results always); all by default. Queries of others throw. */
  readonly keep?: readonly ReadModelName[];
  /** Rule sets beyond the shipped ones (a registrar's); a shipped id keeps its shipped rules. */
  readonly ruleSets?: readonly RuleSet[];
  /** What the announcement says that no event records (the legal opinion, the closing lines…). */
  readonly announcement?: AnnouncementOptions;
  /** How a command that lost a race for its stream is retried. */
  readonly retry?: RetryPolicy;
}

/** How an import is run; see the README's "Importing a registrar's files". */
export interface ImportFileOptions {
  /** The meeting the file's rows are recorded at. */
  readonly meetingId: string;
  /** Told where the import stands every `progressEvery` rows, and once more when it ends (`done`). */
  readonly onProgress?: ImportOptions['onProgress'];
  /** Where refused rows are written (CSV); default `<file>.rejects.csv`, written only if a row is refused. */
  readonly rejectsFile?: string;
  /** Who the commands are from; default `registrar:import`. */
  readonly actor?: string;
  /** The commands' `issuedAt` (the domain has no clock); default now, as ISO-8601 UTC. */
  readonly issuedAt?: string;
  /** Commands per append (votes: per resolution); default 1,000. */
  readonly batchSize?: number;
  /** Rows between two progress reports; default 1,000. */
  readonly progressEvery?: number;
  /**
   * A snapshot is saved, when the import ends, of each meeting and resolution it moved on by this
   * many events or more, so that the next import starts from it; default 10,000.
   */
  readonly snapshotAfter?: number;
  /** Stops reading; what was read is still recorded, and the same import run again resumes after it. */
  readonly signal?: AbortSignal;
}

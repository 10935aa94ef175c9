import { CommandHandler } from '../../application/command-handler';
import { EventStore } from '../../application/event-store';
import { RuleSet } from '../../domain/rules/rule-set';

/** The registrar's files govrec imports: the register, the proxies lodged, the votes. */
export const IMPORT_KINDS = ['register', 'proxies', 'votes'] as const;
/** Which of the registrar's files: `register`, `proxies` or `votes`. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (s: string | undefined): s is ImportKind =>
  (IMPORT_KINDS as readonly (string | undefined)[]).includes(s);

/** Where an import stands; rows counts data rows read (the header excluded). */
export interface ImportProgress {
  /** Which file. */
  readonly kind: ImportKind;
  /** Data rows read so far. */
  readonly rows: number;
  /** Rows whose command this run recorded. */
  readonly recorded: number;
  /** Rows an earlier run of the same file had recorded. */
  readonly alreadyRecorded: number;
  /** Rows refused (to the rejects file). */
  readonly rejected: number;
  /** Bytes of the file read so far. */
  readonly bytes: number;
  /** The file's size. */
  readonly totalBytes: number;
  /** Milliseconds since the import started. */
  readonly elapsedMs: number;
  /** True for the last report, once every row read is recorded or refused. */
  readonly done: boolean;
}

export interface ImportOptions {
  readonly meetingId: string;
  readonly store: EventStore;
  /**
   * The command handler to record through (the one write path), sharing its cached states with the
   * caller; by default one of the import's own on `store` with `ruleSets`.
   */
  readonly handler?: CommandHandler;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Where refused rows are written (CSV); default `<file>.rejects.csv`. Written only if a row is refused. */
  readonly rejectsFile?: string;
  /** Who the commands are from. Default `registrar:import`. */
  readonly actor?: string;
  /** The commands' issuedAt (the domain has no clock). Default: now, as ISO-8601 UTC. */
  readonly issuedAt?: string;
  /** Rule sets by id; default the shipped ones. */
  readonly ruleSets?: (id: string) => RuleSet | undefined;
  /** Commands per append (votes: per resolution). Default 1,000. */
  readonly batchSize?: number;
  /** Rows between two progress reports. Default 1,000. */
  readonly progressEvery?: number;
  /**
   * A snapshot of each aggregate the import moved on by this many events or more is saved when it
   * ends (interrupted or not), so the next import starts from it. Default SNAPSHOT_AFTER (10,000).
   */
  readonly snapshotAfter?: number;
  /** Stops reading; what was read is still recorded, and a later run resumes after it. */
  readonly signal?: AbortSignal;
  /** For tests and benchmarks: milliseconds of some monotonic clock. */
  readonly now?: () => number;
}

/** What an import did, when it ended (interrupted or not). */
export interface ImportSummary {
  /** Which file. */
  readonly kind: ImportKind;
  /** Its path. */
  readonly file: string;
  /** The meeting it was imported into. */
  readonly meetingId: string;
  /** Data rows read (the header excluded). */
  readonly rows: number;
  /** Rows whose command was recorded by this run. */
  readonly recorded: number;
  /** Rows an earlier run of the same file had recorded: skipped, nothing written. */
  readonly alreadyRecorded: number;
  /** Rows refused, each in the rejects file with its line, rule, field and message. */
  readonly rejected: number;
  /** Refusals by rule, e.g. { OverVote: 2, 'Invalid:ShareCount': 1 }. */
  readonly rejectedByRule: Readonly<Record<string, number>>;
  /** Set when rows were refused. */
  readonly rejectsFile?: string;
  /** Votes files only: holders whose attendance this run recorded. */
  readonly attendanceRecorded?: number;
  /** How long it took. */
  readonly elapsedMs: number;
  /** True when stopped by the signal before the end of the file. */
  readonly interrupted: boolean;
}

/** The file cannot be imported at all (no header, unknown columns, no such meeting): nothing is recorded. */
export class ImportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

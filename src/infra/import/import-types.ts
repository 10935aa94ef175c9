import { CommandHandler } from '../../application/command-handler';
import { EventStore } from '../../application/event-store';
import { RuleSet } from '../../domain/rules/rule-set';

/** The registrar's files govrec imports: the register, the proxies lodged, the votes. */
export const IMPORT_KINDS = ['register', 'proxies', 'votes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const isImportKind = (s: string | undefined): s is ImportKind =>
  (IMPORT_KINDS as readonly (string | undefined)[]).includes(s);

/** Where an import stands; rows counts data rows read (the header excluded). */
export interface ImportProgress {
  readonly kind: ImportKind;
  readonly rows: number;
  readonly recorded: number;
  readonly alreadyRecorded: number;
  readonly rejected: number;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly elapsedMs: number;
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

export interface ImportSummary {
  readonly kind: ImportKind;
  readonly file: string;
  readonly meetingId: string;
  readonly rows: number;
  /** Rows whose command was recorded by this run. */
  readonly recorded: number;
  /** Rows an earlier run of the same file had recorded: skipped, nothing written. */
  readonly alreadyRecorded: number;
  readonly rejected: number;
  /** Refusals by rule, e.g. { OverVote: 2, 'Invalid:ShareCount': 1 }. */
  readonly rejectedByRule: Readonly<Record<string, number>>;
  /** Set when rows were refused. */
  readonly rejectsFile?: string;
  /** Votes files only: holders whose attendance this run recorded. */
  readonly attendanceRecorded?: number;
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

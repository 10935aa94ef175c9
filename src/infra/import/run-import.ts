import { Govrec, IMPORT_KINDS, ImportKind, ImportSummary } from '../../index';
import { CommandLine, Io, OptionSpec } from '../cli/command-line';
import { STORE } from '../cli/common-options';
import { chosenStore, openForCommandLine } from '../cli/store-location';
import { refuseUsage } from '../cli/usage';
import { progressPrinter } from './progress';
import { formatSummary } from './summary';

/** Exit codes: 0 every row recorded (or already); 1 some rows rejected; 2 bad usage or input; 130 interrupted. */
export const IMPORT_EXIT = { ok: 0, rejected: 1, usage: 2, interrupted: 130 } as const;

/** The options of `govrec import` (the CLI's command table reads them with util.parseArgs). */
export const IMPORT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  meeting: { type: 'string', value: '<id>', help: 'The meeting the file is for (required).' },
  rejects: {
    type: 'string',
    value: '<rejects.csv>',
    help: 'Where refused rows go (default <file.csv>.rejects.csv).',
  },
  actor: { type: 'string', value: '<actor>', help: 'Who the commands are recorded as from (role:name).' },
  'batch-size': { type: 'string', value: '<n>', help: 'Rows recorded together (a whole number ≥ 1).' },
  store: STORE.store,
};

export interface ImportIo extends Io {
  /** Whether err is a terminal (progress bar) or a log (periodic lines). Default: process.stderr's. */
  readonly errIsTTY?: boolean;
}

interface ImportArgs {
  readonly kind: ImportKind;
  readonly file: string;
  readonly meetingId: string;
  readonly store?: string;
  readonly rejects?: string;
  readonly actor?: string;
  readonly batchSize?: number;
}

const isImportKind = (word: string | undefined): word is ImportKind =>
  (IMPORT_KINDS as readonly (string | undefined)[]).includes(word);

function importArgs(line: CommandLine): ImportArgs | string {
  const [kind, file, ...extra] = line.positional;
  if (!isImportKind(kind)) return `takes register, proxies or votes, not ${kind ?? 'nothing'}`;
  if (!file || extra.length > 0) return 'takes exactly one file';
  const meetingId = line.text('meeting');
  if (!meetingId) return 'needs --meeting <id>';
  const size = line.text('batch-size');
  const batchSize = size === undefined ? undefined : /^\d{1,9}$/.test(size) ? Number(size) : NaN;
  if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize >= 1))
    return `--batch-size takes a whole number ≥ 1, not ${size}`;
  return {
    kind,
    file,
    meetingId,
    store: line.store,
    rejects: line.text('rejects'),
    actor: line.text('actor'),
    batchSize,
  };
}

/** `govrec import …`, as the CLI's command table calls it. */
export async function importCommand(line: CommandLine, io: ImportIo): Promise<number> {
  const parsed = importArgs(line);
  if (typeof parsed === 'string') return refuseUsage(io, 'import', parsed);
  const store = chosenStore(parsed.store, process.env);
  if (!store.ok) return refuseUsage(io, 'import', store.error);
  // The import reads no read model: they stay in memory, and are caught up by the next query.
  const govrec = await openForCommandLine(io, store.value, {
    store: store.value,
    readModels: ':memory:',
    keep: ['results'],
  });
  if (typeof govrec === 'number') return govrec;
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  try {
    return await importInto(govrec, parsed, io, stop.signal);
  } finally {
    process.off('SIGINT', interrupt);
    await govrec.close();
  }
}

async function importInto(govrec: Govrec, args: ImportArgs, io: ImportIo, signal: AbortSignal) {
  const isTTY = io.errIsTTY ?? process.stderr.isTTY === true;
  try {
    const imported = await govrec.importFile(args.kind, args.file, {
      meetingId: args.meetingId,
      signal,
      onProgress: progressPrinter({ write: (t) => io.err(t), isTTY }),
      ...(args.rejects ? { rejectsFile: args.rejects } : {}),
      ...(args.actor ? { actor: args.actor } : {}),
      ...(args.batchSize ? { batchSize: args.batchSize } : {}),
    });
    if (!imported.ok) return unreadable(io, args.file, imported.error.message);
    io.out(formatSummary(imported.value));
    return exitCodeOf(imported.value);
  } catch (error) {
    // A file that is not there is bad input too, like one that is not a registrar's CSV.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return unreadable(io, args.file, (error as Error).message);
  }
}

function exitCodeOf(summary: ImportSummary): number {
  if (summary.interrupted) return IMPORT_EXIT.interrupted;
  return summary.rejected > 0 ? IMPORT_EXIT.rejected : IMPORT_EXIT.ok;
}

function unreadable(io: ImportIo, file: string, message: string): number {
  io.err(`${file}: ${message}\n`);
  return IMPORT_EXIT.usage;
}

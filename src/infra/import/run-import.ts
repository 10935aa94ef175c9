import { Govrec, IMPORT_KINDS, ImportKind, ImportSummary } from '../../index';
import { chosenStore, openForCommandLine } from '../cli/store-location';
import { progressPrinter } from './progress';
import { formatSummary } from './summary';

/** Exit codes: 0 every row recorded (or already); 1 some rows rejected; 2 bad usage or input; 130 interrupted. */
export const IMPORT_EXIT = { ok: 0, rejected: 1, usage: 2, interrupted: 130 } as const;

export const IMPORT_USAGE = `Usage:
  govrec import register|proxies|votes <file.csv> --meeting <id> [--store <store>]
                [--rejects <rejects.csv>] [--actor <actor>] [--batch-size <n>]
      Record a registrar's file row by row (register batches, proxies, votes), each row checked by
      the domain's rules. Refused rows go to <file.csv>.rejects.csv (or --rejects). Run again after an
      interruption: rows already recorded are skipped.`;

export interface ImportIo {
  out(text: string): void;
  err(text: string): void;
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

const VALUED = new Set(['--meeting', '--store', '--rejects', '--actor', '--batch-size']);

const isImportKind = (word: string | undefined): word is ImportKind =>
  (IMPORT_KINDS as readonly (string | undefined)[]).includes(word);

function parseImportArgs(args: readonly string[]): ImportArgs | string {
  const positional: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) positional.push(arg);
    else if (!VALUED.has(arg)) return `Unknown option ${arg}`;
    else if (args[i + 1] === undefined) return `${arg} takes a value`;
    else values.set(arg, args[++i]);
  }
  const [kind, file, ...extra] = positional;
  if (!isImportKind(kind)) return `import takes register, proxies or votes, not ${kind ?? 'nothing'}`;
  if (!file || extra.length > 0) return 'import takes exactly one file';
  const meetingId = values.get('--meeting');
  if (!meetingId) return 'import needs --meeting <id>';
  const batchSize = values.has('--batch-size') ? Number(values.get('--batch-size')) : undefined;
  if (batchSize !== undefined && !(Number.isSafeInteger(batchSize) && batchSize >= 1))
    return '--batch-size takes a whole number ≥ 1';
  return {
    kind,
    file,
    meetingId,
    store: values.get('--store'),
    rejects: values.get('--rejects'),
    actor: values.get('--actor'),
    batchSize,
  };
}

/** `govrec import …` (args after the word import), for the CLI to call. */
export async function runImport(args: readonly string[], io: ImportIo): Promise<number> {
  const parsed = parseImportArgs(args);
  if (typeof parsed === 'string') return usage(io, parsed);
  const store = chosenStore(parsed.store, process.env);
  if (!store.ok) return usage(io, store.error);
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

function usage(io: ImportIo, problem: string): number {
  io.err(`${problem}\n${IMPORT_USAGE}\n`);
  return IMPORT_EXIT.usage;
}

import { EventStore } from '../../application/event-store';
import { openStore, storeLocation } from '../cli/store-location';
import { importFile } from './import-file';
import { ImportInputError, ImportKind, isImportKind } from './import-types';
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
  const location = storeLocation(parsed.store, process.env);
  if (typeof location === 'string') return usage(io, location);
  const store = openStore(location);
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  try {
    return await run(parsed, store, io, stop.signal);
  } finally {
    process.off('SIGINT', interrupt);
    await store.close();
  }
}

async function run(args: ImportArgs, store: EventStore, io: ImportIo, signal: AbortSignal): Promise<number> {
  const isTTY = io.errIsTTY ?? process.stderr.isTTY === true;
  try {
    const summary = await importFile(args.kind, args.file, {
      meetingId: args.meetingId,
      store,
      signal,
      onProgress: progressPrinter({ write: (t) => io.err(t), isTTY }),
      ...(args.rejects ? { rejectsFile: args.rejects } : {}),
      ...(args.actor ? { actor: args.actor } : {}),
      ...(args.batchSize ? { batchSize: args.batchSize } : {}),
    });
    io.out(formatSummary(summary));
    if (summary.interrupted) return IMPORT_EXIT.interrupted;
    return summary.rejected > 0 ? IMPORT_EXIT.rejected : IMPORT_EXIT.ok;
  } catch (error) {
    if (!(error instanceof ImportInputError) && (error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw error;
    io.err(`${args.file}: ${(error as Error).message}\n`);
    return IMPORT_EXIT.usage;
  }
}

function usage(io: ImportIo, problem: string): number {
  io.err(`${problem}\n${IMPORT_USAGE}\n`);
  return IMPORT_EXIT.usage;
}

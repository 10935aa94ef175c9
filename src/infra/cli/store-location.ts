import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Govrec, openGovrec, OpenOptions, parseStoreSpec, Result, RuleSet, StoreSpec } from '../../index';
import { EXIT, Io, refuseUsage } from './usage';

export const DEFAULT_STORE = 'sqlite:./govrec.db';

/**
 * The store the command line names: `--store` wins over GOVREC_STORE, which wins over the default;
 * or why the spec names no store.
 */
export function chosenStore(flag: string | undefined, env: NodeJS.ProcessEnv): Result<StoreSpec, string> {
  const spec = flag ?? env.GOVREC_STORE ?? DEFAULT_STORE;
  const location = parseStoreSpec(spec);
  return 'rule' in location ? { ok: false, error: location.message } : { ok: true, value: spec as StoreSpec };
}

/** Where the command line says the events and read models are, and the rule sets in force. */
export interface StoreOptions {
  readonly store?: string;
  /** The read-model database; by default the facade's: beside a SQLite store, <name>.read.db. */
  readonly readModels?: string;
  readonly ruleSets: readonly RuleSet[];
}

/**
 * Opens govrec on the store the options name, runs `work`, and closes govrec whatever happens.
 * `open` says what else govrec is opened with: the read models to keep (a query keeps only those it
 * reads, not loading the others' documents), the announcement's options.
 */
export async function withGovrec(
  options: StoreOptions,
  io: Io,
  work: (govrec: Govrec) => Promise<number>,
  open: Omit<OpenOptions, 'store' | 'readModels' | 'ruleSets'> = {},
): Promise<number> {
  const store = chosenStore(options.store, process.env);
  if (!store.ok) return refuseUsage(io, undefined, store.error);
  const govrec = await openForCommandLine(io, store.value, {
    ...open,
    store: store.value,
    ruleSets: options.ruleSets,
    ...(options.readModels ? { readModels: options.readModels } : {}),
  });
  if (typeof govrec === 'number') return govrec;
  try {
    return await work(govrec);
  } finally {
    await govrec.close();
  }
}

/** Why a file path cannot hold a SQLite file, said before SQLite says it less plainly; or undefined. */
function unusablePath(path: string): string | undefined {
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'none';
    }
  };
  if (kind(path) === 'directory') return `${path} is a directory, not a store file`;
  const parent = dirname(path);
  if (kind(parent) === 'none') return `the directory ${parent} does not exist`;
  if (kind(parent) === 'file') return `${parent} is a file, not a directory`;
  return undefined;
}

/**
 * Opens govrec for a command, or says in one line why it cannot (a store in a missing directory, a
 * directory given as the store, a file SQLite cannot open) and answers exit code 2: a start-up
 * failure is the user's to fix, not a stack trace to read.
 */
export async function openForCommandLine(
  io: Io,
  spec: StoreSpec,
  options: OpenOptions,
): Promise<Govrec | number> {
  const cannot = (reason: string): number => {
    io.err(`govrec: cannot open the store ${spec}: ${reason}\n`);
    return EXIT.usage;
  };
  const location = parseStoreSpec(spec);
  const paths = [
    ...('kind' in location && location.kind === 'sqlite' ? [location.path] : []),
    ...(typeof options.readModels === 'string' && options.readModels !== ':memory:'
      ? [options.readModels]
      : []),
  ];
  for (const path of paths) {
    const unusable = unusablePath(path);
    if (unusable) return cannot(unusable);
  }
  try {
    return await openGovrec(options);
  } catch (error) {
    return cannot(String((error as Error).message ?? error).split('\n')[0]);
  }
}

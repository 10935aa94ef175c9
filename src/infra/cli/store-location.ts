import { Govrec, openGovrec, OpenOptions, parseStoreSpec, Result, RuleSet, StoreSpec } from '../../index';
import { Io, usage } from './usage';

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
  if (!store.ok) return usage(io, store.error);
  const govrec = await openGovrec({
    ...open,
    store: store.value,
    ruleSets: options.ruleSets,
    ...(options.readModels ? { readModels: options.readModels } : {}),
  });
  try {
    return await work(govrec);
  } finally {
    await govrec.close();
  }
}

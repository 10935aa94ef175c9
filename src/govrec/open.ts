import { EventStore } from '../application/event-store';
import { SqliteReadModels } from '../infra/read-models/sqlite-read-models';
import { GovrecError } from './errors';
import { Govrec } from './govrec';
import { OpenOptions } from './options';
import { defaultReadModelPath, openStoreAt, parseStoreSpec, StoreLocation } from './store-spec';

/** A spec govrec cannot open; `error` says which field and why. */
export class GovrecOpenError extends Error {
  constructor(
    /** The refusal: the field of the options (`store`) and the rule it broke. */
    readonly error: GovrecError,
  ) {
    super(error.message);
    this.name = 'GovrecOpenError';
  }
}

/** Opens govrec on a store. Throws GovrecOpenError for a spec that names no store. */
export async function openGovrec(options: OpenOptions): Promise<Govrec> {
  let location: StoreLocation | undefined;
  let store: EventStore;
  if (typeof options.store === 'string') {
    const parsed = parseStoreSpec(options.store);
    if ('rule' in parsed) throw new GovrecOpenError(parsed);
    location = parsed;
    store = await openStoreAt(parsed);
  } else store = options.store;
  const given = typeof options.readModels === 'object' ? options.readModels : undefined;
  const readModels =
    given ??
    new SqliteReadModels((options.readModels as string | undefined) ?? defaultReadModelPath(location));
  return new Govrec(store, readModels, options, {
    store: typeof options.store === 'string',
    readModels: given === undefined,
  });
}

import {
  AnnouncementOptions,
  CommandInput,
  EventStore,
  Govrec,
  openGovrec,
  RuleSet,
  SqliteReadModels,
  StoreSpec,
} from '../../index';
import { ApiKeys } from './api-keys';
import { buildServer, GovrecServer } from './server';

export interface ServeOptions {
  /** govrec opened by the embedding application; or else the store (and read models) to open it on. */
  readonly govrec?: Govrec;
  readonly store?: StoreSpec | EventStore;
  readonly readModels?: string | SqliteReadModels;
  readonly keys: ApiKeys;
  readonly port: number;
  readonly host?: string;
  /** Commands recorded first when the store holds no event yet (the reference case for `npm start`). */
  readonly seedIfEmpty?: readonly CommandInput[];
  readonly log?: (line: string) => void;
  readonly announcementOptions?: AnnouncementOptions;
  /** Rule sets beyond the shipped ones. */
  readonly ruleSets?: readonly RuleSet[];
}

export interface Serving {
  readonly server: GovrecServer;
  readonly address: string;
  readonly govrec: Govrec;
  close(): Promise<void>;
}

async function govrecFor(options: ServeOptions): Promise<{ govrec: Govrec; opened: boolean }> {
  if (options.govrec) return { govrec: options.govrec, opened: false };
  if (!options.store) throw new Error('serve needs govrec or a store');
  const govrec = await openGovrec({
    store: options.store,
    ...(options.readModels !== undefined ? { readModels: options.readModels } : {}),
    ...(options.ruleSets ? { ruleSets: options.ruleSets } : {}),
    ...(options.announcementOptions ? { announcement: options.announcementOptions } : {}),
  });
  return { govrec, opened: true };
}

/** Records the seed's commands in order when the store is empty; throws at the first refused. */
async function seed(govrec: Govrec, commands: readonly CommandInput[], log?: (line: string) => void) {
  if ((await govrec.store.readAll({ maxCount: 1 })).length > 0) return;
  for (const [i, command] of commands.entries()) {
    const outcome = await govrec.execute(command);
    if (!outcome.ok) throw new Error(`Seeding failed at command ${i + 1}: ${outcome.error.message}`);
  }
  log?.(`Recorded ${commands.length} commands of the example meeting in the empty store.`);
}

/**
 * Keeps govrec's read models following the store and serves them; `close` stops the server, then
 * the following (and closes govrec if it was opened here).
 */
export async function serve(options: ServeOptions): Promise<Serving> {
  const { govrec, opened } = await govrecFor(options);
  if (options.seedIfEmpty) await seed(govrec, options.seedIfEmpty, options.log);
  await govrec.follow((error) =>
    options.log?.(`Subscription dropped (${error.message}); resuming from the checkpoint.`),
  );
  const server = buildServer({ govrec, keys: options.keys });
  const stopRelay = new AbortController();
  const relay = (async () => {
    for await (const { position } of govrec.checkpoints(stopRelay.signal)) server.notifyCheckpoint(position);
  })();
  const address = await server.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    server,
    address,
    govrec,
    close: async () => {
      await server.close();
      stopRelay.abort();
      await relay;
      if (opened) await govrec.close();
      else await govrec.stopFollowing();
    },
  };
}

import {
  AnnouncementOptions,
  CommandInput,
  EventStore,
  Govrec,
  openGovrec,
  RuleSet,
  SqliteReadModels,
  StoreSpec,
  VerifyThread,
} from '../../index';
import { ApiKeys } from './api-keys';
import { buildServer, GovrecServer } from './server';

/** How to serve govrec over HTTP. */
export interface ServeOptions {
  /** govrec opened by the embedding application; or else the store (and read models) to open it on. */
  readonly govrec?: Govrec;
  /** The store to open govrec on, when `govrec` is not given. */
  readonly store?: StoreSpec | EventStore;
  /** Where the read models are kept, when govrec is opened here (see OpenOptions.readModels). */
  readonly readModels?: string | SqliteReadModels;
  /** The API keys accepted for writing and for reading holders' histories and the security log. */
  readonly keys: ApiKeys;
  /** The port to listen on; 0 for any free one. */
  readonly port: number;
  /** The address to listen on; 127.0.0.1 by default. */
  readonly host?: string;
  /** Commands recorded first when the store holds no event yet (the reference case for `npm start`). */
  readonly seedIfEmpty?: readonly CommandInput[];
  /** Where the server says what it did (seeding, a dropped subscription). */
  readonly log?: (line: string) => void;
  /** What the announcement says that no event records, when govrec is opened here. */
  readonly announcementOptions?: AnnouncementOptions;
  /** Rule sets beyond the shipped ones. */
  readonly ruleSets?: readonly RuleSet[];
  /** The server's clock, which stamps every command posted (see ServerDeps.now); the system's by default. */
  readonly now?: () => Date;
  /**
   * The store, as a spec, that a thread of its own opens to verify meetings off the event loop;
   * by default `store` when it is a `sqlite:` or `esdb:` spec. With neither (a memory store, a
   * store object), verify runs on the server's thread, a few at a time and cached.
   */
  readonly verifyOn?: StoreSpec;
}

/** A server listening. */
export interface Serving {
  /** The Fastify instance (for `inject` in tests). */
  readonly server: GovrecServer;
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  readonly address: string;
  /** The govrec it serves. */
  readonly govrec: Govrec;
  /** Stops listening, then following; closes govrec if it was opened here. */
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
  const spec = options.verifyOn ?? (typeof options.store === 'string' ? options.store : undefined);
  const verifier = spec ? VerifyThread.on(spec) : undefined;
  const server = buildServer({
    govrec,
    keys: options.keys,
    ...(options.now ? { now: options.now } : {}),
    ...(verifier ? { verify: (ids: readonly string[]) => verifier.verify(ids) } : {}),
  });
  const stopRelay = new AbortController();
  const relay = (async () => {
    for await (const { position } of govrec.checkpoints(stopRelay.signal)) server.notifyCheckpoint(position);
  })();
  const close = async () => {
    await server.close();
    stopRelay.abort();
    await relay;
    await verifier?.close();
    if (opened) await govrec.close();
    else await govrec.stopFollowing();
  };
  let address: string;
  try {
    address = await server.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    // The port is taken (or not ours to take): nothing started here is left running, so that the
    // caller can say so and the process end.
    await close();
    throw error;
  }
  return { server, address, govrec, close };
}

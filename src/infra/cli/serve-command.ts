import { ApiKeys, serve } from '../../http';
import { loadAnnouncementOptions, loadScenario } from './inputs';
import { Options } from './options';
import { chosenStore, withGovrec } from './store-location';
import { EXIT, Io, usage } from './usage';

/** The API keys of a file (none without one: the server is then read only); or the problem. */
function loadApiKeys(file: string | undefined): ApiKeys | string {
  try {
    return file ? ApiKeys.fromFile(file) : ApiKeys.none();
  } catch (error) {
    return (error as Error).message;
  }
}

const stopped = (): Promise<void> =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

/** Why the server could not start listening on `port`, in words. */
function cannotListen(error: unknown, port: number): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use; choose another with --port`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}; choose another with --port`;
  return `cannot start: ${String((error as Error).message ?? error).split('\n')[0]}`;
}

/** `govrec serve`: serves until SIGINT or SIGTERM, then closes the server and checkpoints the read models. */
export async function serveCommand(options: Options, io: Io): Promise<number> {
  const seed = options.seed ? loadScenario(io, 'serve', options.seed) : undefined;
  if (typeof seed === 'number') return seed;
  const keysFile = options.keys ?? process.env.GOVREC_API_KEYS;
  const keys = loadApiKeys(keysFile);
  if (typeof keys === 'string') return usage(io, keys);
  const announcement = loadAnnouncementOptions(options.announcementOptions);
  if (typeof announcement === 'string') return usage(io, announcement);
  const store = chosenStore(options.store, process.env);
  return withGovrec(
    options,
    io,
    async (govrec) => {
      const port = options.port ?? 3000;
      let serving: Awaited<ReturnType<typeof serve>>;
      try {
        serving = await serve({
          govrec,
          keys,
          // The same store opened again on a thread of its own, so that verify stalls no request.
          ...(store.ok ? { verifyOn: store.value } : {}),
          port,
          seedIfEmpty: seed?.commands,
          log: (line) => io.err(`${line}\n`),
        });
      } catch (error) {
        // A start-up failure is said in one line, exit 2: the port is the user's to change.
        io.err(`govrec serve: ${cannotListen(error, port)}\n`);
        return EXIT.usage;
      }
      io.out(
        `govrec is serving ${serving.address}/ (API under ${serving.address}/api/)${keysFile ? '' : '; no API keys: read only'}\n`,
      );
      await stopped();
      await serving.close();
      return EXIT.ok;
    },
    { announcement },
  );
}

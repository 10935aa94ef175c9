import { ApiKeys, serve } from '../../http';
import { CommandLine, Io, OptionSpec } from './command-line';
import { ANNOUNCEMENT_OPTIONS, STORE } from './common-options';
import { loadAnnouncementOptions, loadScenario } from './inputs';
import { chosenStore, withGovrec } from './store-location';
import { EXIT, refuseUsage } from './usage';

/** The options of `govrec serve` beyond the store's. */
export const SERVE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  port: {
    type: 'string',
    value: '<port>',
    help: 'The port to listen on (0: any free one); wins over $PORT.',
  },
  host: {
    type: 'string',
    value: '<address>',
    help: 'The address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).',
  },
  keys: {
    type: 'string',
    value: '<file>',
    help: 'The API keys file (or $GOVREC_API_KEYS; see govrec keys add). Without one: read only.',
  },
  'seed-if-empty': {
    type: 'string',
    value: '<scenario.json>',
    help: "Record this scenario's commands first when the store holds no event.",
  },
  ...STORE,
  ...ANNOUNCEMENT_OPTIONS,
};

export const DEFAULT_PORT = 3000;

/**
 * The port to listen on: `--port` wins over $PORT, which wins over 3000 (a platform that assigns
 * the port says so in PORT; a person at a terminal says so with the flag); or what is wrong.
 */
export function chosenPort(flag: string | undefined, env: NodeJS.ProcessEnv): number | string {
  const [given, source] = flag !== undefined ? [flag, '--port'] : [env.PORT, 'PORT'];
  if (given === undefined || given === '') return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(given) ? Number(given) : NaN;
  return Number.isInteger(port) && port <= 65535
    ? port
    : `${source} takes a port number (0 to 65535), not ${given}`;
}

/** The API keys of a file (none without one: the server is then read only); or the problem. */
function loadApiKeys(file: string | undefined): ApiKeys | string {
  try {
    return file ? ApiKeys.fromFile(file) : ApiKeys.none();
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

const stopped = (): Promise<void> =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

/** Why the server could not start listening on `port`, in words. */
function cannotListen(error: unknown, port: number, host: string): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return `port ${port} is already in use; choose another with --port`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}; choose another with --port`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return `cannot listen on ${host}: no such address here; choose another with --host`;
  return `cannot start: ${String((error as Error).message ?? error).split('\n')[0]}`;
}

/** `govrec serve`: serves until SIGINT or SIGTERM, then closes the server and checkpoints the read models. */
export async function serveCommand(options: CommandLine, io: Io): Promise<number> {
  const seedFile = options.text('seed-if-empty');
  const seed = seedFile ? loadScenario(io, 'serve', seedFile) : undefined;
  if (typeof seed === 'number') return seed;
  const port = chosenPort(options.text('port'), process.env);
  if (typeof port === 'string') return refuseUsage(io, 'serve', port);
  const host = options.text('host') ?? '127.0.0.1';
  const keysFile = options.text('keys') ?? process.env.GOVREC_API_KEYS;
  const keys = loadApiKeys(keysFile);
  if (typeof keys === 'string') return refuseUsage(io, 'serve', keys);
  const announcement = loadAnnouncementOptions(options.text('announcement-options'));
  if (typeof announcement === 'string') return refuseUsage(io, 'serve', announcement);
  const store = chosenStore(options.store, process.env);
  return withGovrec(
    options,
    io,
    async (govrec) => {
      // Listened for before the server starts: a SIGTERM while it starts (or the moment after it
      // says so) stops it once started, rather than killing the process with nothing closed.
      const stop = stopped();
      let serving: Awaited<ReturnType<typeof serve>>;
      try {
        serving = await serve({
          govrec,
          keys,
          // The same store opened again on a thread of its own, so that verify stalls no request.
          ...(store.ok ? { verifyOn: store.value } : {}),
          port,
          host,
          seedIfEmpty: seed?.commands,
          log: (line) => io.err(`${line}\n`),
        });
      } catch (error) {
        // A start-up failure is said in one line, exit 2: the port is the user's to change.
        io.err(`govrec serve: ${cannotListen(error, port, host)}\n`);
        return EXIT.usage;
      }
      io.out(
        `govrec is serving ${serving.address}/ (API under ${serving.address}/api/)${keysFile ? '' : '; no API keys: read only'}\n`,
      );
      await stop;
      await serving.close();
      return EXIT.ok;
    },
    { announcement },
  );
}

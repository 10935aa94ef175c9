import Fastify, { FastifyInstance } from 'fastify';
import { Govrec, Verdict } from '../../index';
import { ApiKeys } from './api-keys';
import { HeavyWork, StreamSlots } from './bounds';
import { registerCommandRoutes } from './command-routes';
import { ReadRouteDeps, registerReadRoutes } from './read-routes';
import { registerReceiptRoutes } from './receipt-routes';
import { keyOf, refusals, send } from './refusals';
import { clientErrorHandler, frameworkErrors, guardRequests } from './request-guards';
import { registerResultsRoutes } from './results-routes';
import { registerPageRoutes } from './page-routes';

/** What the server answers from. */
export interface ServerDeps {
  /** govrec, as the embedding application opened it: every answer and every command goes through it. */
  readonly govrec: Govrec;
  /** The API keys accepted. */
  readonly keys: ApiKeys;
  /**
   * The server's clock, which stamps every command (the domain has no clock; the server has):
   * a client's `issuedAt` is only accepted within five minutes of it (command-time.ts).
   */
  readonly now?: () => Date;
  /**
   * How meetings are checked against their seals; by default govrec.verify, on this thread.
   * serve() gives a VerifyThread's, so that a large record's check stalls no other request.
   */
  readonly verify?: (meetingIds: readonly string[]) => Promise<Verdict[]>;
}

/**
 * The read models as JSON, commands posted and validated by the same codecs as every other
 * entrance, and the results page. Aggregates read without a key; what one holder did reads only
 * with a key that may read it; writes need a key whose role may issue the command.
 */
export type GovrecServer = FastifyInstance & {
  /** Tells the page's event stream (`/api/stream`) that the read models reached `position`. */
  notifyCheckpoint(position: number): void;
};

/** The server, its routes registered, not yet listening. */
export function buildServer(deps: ServerDeps): GovrecServer {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, frameworkErrors, clientErrorHandler });
  const checkpointListeners = new Set<(position: number) => void>();
  const clock = () => deps.now?.() ?? new Date();
  const { govrec, keys } = deps;
  const refuseRequest = refusals(govrec, keys, clock);
  const heavy = new HeavyWork();
  const streams = new StreamSlots();

  guardRequests(app);
  const verify = deps.verify ?? ((meetingIds: readonly string[]) => govrec.verify(meetingIds));
  registerResultsRoutes(app, govrec, { heavy, verify });
  registerPageRoutes(app, { govrec, keys, heavy, verify });
  const readDeps: ReadRouteDeps = {
    govrec,
    heavy,
    callerOf: (request) => keys.callerOf(keyOf(request)),
    refuse: refuseRequest,
  };
  registerReadRoutes(app, readDeps);
  registerReceiptRoutes(app, readDeps);
  registerCommandRoutes(app, { govrec, keys, clock, refuseRequest });

  /** Server-Sent Events: one `checkpoint` event each time the read models move on; connections bounded. */
  app.get('/api/stream', (request, reply) => {
    const release = streams.take(request.ip);
    if (typeof release !== 'function') {
      void send(reply, release);
      return;
    }
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    reply.raw.write(`event: checkpoint\ndata: ${govrec.checkpoint}\n\n`);
    const listener = (position: number) => reply.raw.write(`event: checkpoint\ndata: ${position}\n\n`);
    checkpointListeners.add(listener);
    request.raw.on('close', () => {
      checkpointListeners.delete(listener);
      release();
    });
  });

  return Object.assign(app, {
    /** Called after each checkpoint of the read models. */
    notifyCheckpoint: (position: number) => checkpointListeners.forEach((listener) => listener(position)),
  });
}

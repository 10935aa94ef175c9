import Fastify, { FastifyInstance } from 'fastify';
import { Govrec } from '../../index';
import { ApiKeys } from './api-keys';
import { registerCommandRoutes } from './command-routes';
import { registerReadRoutes } from './read-routes';
import { keyOf, refusals, refuse, send } from './refusals';
import { registerResultsRoutes } from './results-routes';

/** What the server answers from. */
export interface ServerDeps {
  /** govrec, as the embedding application opened it: every answer and every command goes through it. */
  readonly govrec: Govrec;
  /** The API keys accepted. */
  readonly keys: ApiKeys;
  /** The time a command is stamped with when it does not say (the domain has no clock; the server has). */
  readonly now?: () => Date;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The read models as JSON, commands posted and validated by the same codecs as every other
 * entrance, and the results page. Reads need no key; writes need a key that maps to an actor whose
 * role may issue the command.
 */
export type GovrecServer = FastifyInstance & {
  /** Tells the page's event stream (`/api/stream`) that the read models reached `position`. */
  notifyCheckpoint(position: number): void;
};

/** The server, its routes registered, not yet listening. */
export function buildServer(deps: ServerDeps): GovrecServer {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const checkpointListeners = new Set<(position: number) => void>();
  const clock = () => deps.now?.() ?? new Date();
  const { govrec, keys } = deps;
  const refuseRequest = refusals(govrec, keys, clock);

  // JSON bodies are decoded strictly: invalid UTF-8 is refused, not turned into U+FFFD in silence.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    let text: string;
    try {
      text = STRICT_UTF8.decode(body as Buffer);
    } catch {
      done(
        Object.assign(new Error('The body is not valid UTF-8'), {
          code: 'GOVREC_INVALID_UTF8',
          statusCode: 400,
        }),
        undefined,
      );
      return;
    }
    try {
      done(null, text.trim() === '' ? undefined : JSON.parse(text));
    } catch {
      done(
        Object.assign(new Error('The body is not valid JSON'), {
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
          statusCode: 400,
        }),
        undefined,
      );
    }
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _request, reply) => {
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      return send(reply, refuse('InvalidJson', '(body)', 'The body is not valid JSON'));
    }
    if (error.code === 'GOVREC_INVALID_UTF8')
      return send(reply, refuse('InvalidUtf8', '(body)', 'The body is not valid UTF-8'));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(reply, refuse('PayloadTooLarge', '(body)', 'The body exceeds 1 MiB'));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(
        reply,
        refuse('UnsupportedMediaType', '(headers).content-type', 'Commands are sent as application/json'),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' || (error.statusCode ?? 500) < 500) {
      return reply
        .code(error.statusCode ?? 400)
        .send({ error: refuse('BadRequest', '(request)', error.message) });
    }
    return reply
      .code(500)
      .send({ error: refuse('InternalError', '(server)', 'The server failed; nothing was recorded') });
  });

  registerResultsRoutes(app, govrec);
  registerReadRoutes(app, {
    govrec,
    callerOf: (request) => keys.callerOf(keyOf(request)),
    fail: (reply, rule, field, message) => refuseRequest(reply, refuse(rule, field, message)),
  });
  registerCommandRoutes(app, { govrec, keys, clock, refuseRequest });

  /** Server-Sent Events: one `checkpoint` event each time the read models move on. */
  app.get('/api/stream', (request, reply) => {
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    reply.raw.write(`event: checkpoint\ndata: ${govrec.checkpoint}\n\n`);
    const listener = (position: number) => reply.raw.write(`event: checkpoint\ndata: ${position}\n\n`);
    checkpointListeners.add(listener);
    request.raw.on('close', () => checkpointListeners.delete(listener));
  });

  return Object.assign(app, {
    /** Called after each checkpoint of the read models. */
    notifyCheckpoint: (position: number) => checkpointListeners.forEach((listener) => listener(position)),
  });
}

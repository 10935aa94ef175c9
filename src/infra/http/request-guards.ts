import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { INEXACT_NUMBER, parseJsonText } from '../../index';
import { refuse, send } from './refusals';

/** JSON nested deeper than this is refused before it is parsed: no command comes near it. */
export const MAX_JSON_DEPTH = 64;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether a JSON text opens more than `max` arrays or objects inside one another. Counted on the
 * text, so a body built to exhaust the stack of whatever walks it later (the codecs, a summary) is
 * refused as it arrives, in one pass and without recursion.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const failure = (code: string, message: string) =>
  Object.assign(new Error(message), { code, statusCode: 400 });

/** JSON bodies decoded strictly: invalid UTF-8 refused, not turned into U+FFFD in silence; depth bounded. */
function parseJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    let text: string;
    try {
      text = STRICT_UTF8.decode(body as Buffer);
    } catch {
      return done(failure('GOVREC_INVALID_UTF8', 'The body is not valid UTF-8'), undefined);
    }
    if (nestedDeeperThan(text, MAX_JSON_DEPTH))
      return done(failure('GOVREC_TOO_DEEP', 'The body is nested too deep'), undefined);
    if (text.trim() === '') return done(null, undefined);
    // Numbers exactly as written: JSON.parse would round 1.0000000000000001 to a count of 1.
    const parsed = parseJsonText(text, '(body)');
    if (parsed.ok) return done(null, parsed.value);
    done(
      parsed.error.rule === INEXACT_NUMBER
        ? failure('GOVREC_INEXACT_NUMBER', parsed.error.message)
        : failure('FST_ERR_CTP_INVALID_JSON_BODY', 'The body is not valid JSON'),
      undefined,
    );
  });
}

/** Every error the framework raises, as the documented `{ error: { rule, field, message } }`. */
function errorsAsRefusals(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _request, reply) => {
    if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      error instanceof SyntaxError
    ) {
      return send(reply, refuse('InvalidJson', '(body)', 'The body is not valid JSON'));
    }
    if (error.code === 'GOVREC_INEXACT_NUMBER')
      return send(reply, refuse(INEXACT_NUMBER, '(body)', error.message));
    if (error.code === 'GOVREC_INVALID_UTF8')
      return send(reply, refuse('InvalidUtf8', '(body)', 'The body is not valid UTF-8'));
    if (error.code === 'GOVREC_TOO_DEEP')
      return send(
        reply,
        refuse('InvalidJson', '(body)', `The body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`),
      );
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
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: refuse('NotFound', '(path)', `No route ${request.method} ${request.url.split('?')[0]}`),
    }),
  );
}

/**
 * A query parameter given twice (`?meeting=a&meeting=b`) arrives as an array, which no route
 * expects: it is refused, naming the parameter, before any route reads it.
 */
function singleQueryValues(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(query)) {
      if (typeof value !== 'string')
        return send(reply, refuse('Invalid:RepeatedParameter', `query.${name}`, `${name} may be given once`));
    }
  });
}

/** What the server answers to a request that is not HTTP at all, then closes the connection. */
export function clientErrorHandler(_error: Error, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({
    error: refuse('BadRequest', '(request)', 'The request is not valid HTTP'),
  });
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** A URL the router cannot decode (`/api/meetings/%zz`): refused in the documented shape. */
export function frameworkErrors(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .code(400)
    .send({ error: refuse('BadRequest', '(url)', `The URL is not valid: ${error.message}`) });
}

/** Strict bodies, the documented error shape for every refusal, one value per query parameter. */
export function guardRequests(app: FastifyInstance): void {
  parseJsonBodies(app);
  errorsAsRefusals(app);
  singleQueryValues(app);
}

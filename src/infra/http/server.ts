import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../application/command-handler';
import { authorize } from '../../application/roles';
import { EventStore } from '../../application/event-store';
import { verifyMeeting } from '../../application/record-verification';
import { decodeCommand } from '../../application/validation';
import { DomainError, refuse } from '../../domain/shared/errors';
import { resultsView } from '../../projections/results/view';
import { ProjectionRunner } from '../read-models/projection-runner';
import { ApiKeys, Caller } from './api-keys';
import { registerReadRoutes } from './read-routes';
import { AnnouncementOptions } from '../../projections/announcement';
import { RESULTS_PAGE } from './page';
import { SecurityLogEntry } from '../read-models/sqlite-read-models';

export interface ServerDeps {
  readonly store: EventStore;
  readonly handler: CommandHandler;
  readonly runner: ProjectionRunner;
  readonly keys: ApiKeys;
  readonly announcementOptions?: AnnouncementOptions;
  readonly securityLog?: SecurityLog;
  /** The time a command is stamped with when it does not say (the domain has no clock; the server has). */
  readonly now?: () => Date;
}

/** The HTTP status that fits each kind of refusal. */
function statusOf(error: DomainError): number {
  if (error.rule.startsWith('Invalid') || error.rule === 'UnknownCommandType') return 400;
  if (error.rule === 'Unauthenticated') return 401;
  if (error.rule === 'NotAuthorized' || error.rule === 'ActorFromKey') return 403;
  if (error.rule.startsWith('Unknown') && error.field.startsWith('params.')) return 404;
  if (error.rule === 'ConcurrencyConflict') return 409;
  if (error.rule === 'PayloadTooLarge') return 413;
  if (error.rule === 'UnsupportedMediaType') return 415;
  return 422;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

const send = (reply: FastifyReply, error: DomainError) => reply.code(statusOf(error)).send({ error });

/** Refusals for who sent a request, as opposed to what it asked: these go to the security log. */
const SECURITY_RULES = new Set(['Unauthenticated', 'NotAuthorized', 'ActorFromKey']);

export interface SecurityLog {
  recordRefusal(entry: SecurityLogEntry): void;
  securityLog(limit?: number, beforeId?: number): (SecurityLogEntry & { id: number })[];
}

const keyOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers['authorization'];
  if (typeof header === 'string' && header.startsWith('Bearer '))
    return header.slice('Bearer '.length).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
};

/**
 * The read models as JSON, commands posted and validated by the same codecs as every other
 * entrance, and the results page. Reads need no key; writes need a key that maps to an actor whose
 * role may issue the command.
 */
export type GovrecServer = FastifyInstance & { notifyCheckpoint(position: number): void };

export function buildServer(deps: ServerDeps): GovrecServer {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const checkpointListeners = new Set<(position: number) => void>();
  const clock = () => deps.now?.() ?? new Date();

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

  /** Sends a refusal, and logs it when it is about the caller's identity or rights (never the key). */
  const refuseRequest = (
    reply: FastifyReply,
    error: DomainError,
    about: { commandType?: string; commandId?: string } = {},
  ) => {
    if (SECURITY_RULES.has(error.rule)) {
      const caller = deps.keys.callerOf(keyOf(reply.request));
      const path = reply.request.url.split('?')[0];
      deps.securityLog?.recordRefusal({
        at: clock().toISOString(),
        ...(caller ? { actor: caller.actor, role: caller.role } : {}),
        action: `${reply.request.method} ${path}${about.commandType ? ` ${about.commandType}` : ''}`,
        ...(about.commandId ? { commandId: about.commandId } : {}),
        rule: error.rule,
        field: error.field,
        message: error.message,
      });
    }
    return send(reply, error);
  };

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

  // The results view is built once per change of the read models, not once per request; so is each
  // meeting's JSON, the most asked-for answer (a page polling it): a request then allocates almost
  // nothing, which keeps collections, and the latency tail they cause, away (p99 at AGM-1M).
  let cached:
    { applied: number; view: ReturnType<typeof resultsView>; meetingJson: Map<string, string> } | undefined;
  const current = () => {
    if (cached?.applied !== deps.runner.applied)
      cached = {
        applied: deps.runner.applied,
        view: resultsView(deps.runner.results),
        meetingJson: new Map(),
      };
    return cached;
  };
  const view = () => current().view;
  const meetingJson = (id: string): string | undefined => {
    const { view: results, meetingJson: texts } = current();
    let text = texts.get(id);
    if (text === undefined) {
      const meeting = results.meetings.find((m) => m.id === id);
      if (meeting === undefined) return undefined;
      text = JSON.stringify(meeting);
      texts.set(id, text);
    }
    return text;
  };

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(RESULTS_PAGE));

  app.get('/api/meetings', async () =>
    view().meetings.map(({ id, kind, title, shareClasses, attendingShares, attendingPercent }) => ({
      id,
      kind,
      title,
      shareClasses,
      attendingShares,
      attendingPercent,
    })),
  );

  app.get<{ Params: { id: string } }>('/api/meetings/:id', async (request, reply) => {
    const text = meetingJson(request.params.id);
    if (text === undefined)
      return send(reply, refuse('UnknownMeeting', 'params.id', `No meeting ${request.params.id}`));
    return reply.type('application/json; charset=utf-8').send(text);
  });

  app.get<{ Params: { id: string } }>('/api/meetings/:id/attendance', async (request, reply) => {
    const attendance = deps.runner.results.attendance.get(request.params.id);
    return (
      attendance ?? send(reply, refuse('UnknownMeeting', 'params.id', `No meeting ${request.params.id}`))
    );
  });

  app.get('/api/results', async () => view());

  /** The record checked against the seal made when the meeting's results were certified. */
  app.get<{ Params: { id: string } }>('/api/meetings/:id/verify', async (request) =>
    verifyMeeting(deps.store, request.params.id),
  );

  app.get('/api/resolutions', async () => view().outcomes);

  app.get<{ Params: { id: string } }>('/api/resolutions/:id', async (request, reply) => {
    const id = request.params.id;
    const outcome = view().outcomes.find((o) => o.resolutionId === id);
    if (!outcome) return send(reply, refuse('UnknownResolution', 'params.id', `No resolution ${id}`));
    const atMeetings = view().meetings.flatMap((m) =>
      m.resolutions.filter((r) => r.resolutionId === id).map((r) => ({ meetingId: m.id, ...r })),
    );
    return { ...outcome, atMeetings };
  });

  registerReadRoutes(app, {
    runner: deps.runner,
    announcementOptions: deps.announcementOptions ?? {},
    callerOf: (request) => deps.keys.callerOf(keyOf(request)),
    fail: (reply, rule, field, message) => refuseRequest(reply, refuse(rule, field, message)),
  });

  /** Server-Sent Events: one `checkpoint` event each time the read models move on. */
  app.get('/api/stream', (request, reply) => {
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    reply.raw.write(`event: checkpoint\ndata: ${deps.runner.checkpoint}\n\n`);
    const listener = (position: number) => reply.raw.write(`event: checkpoint\ndata: ${position}\n\n`);
    checkpointListeners.add(listener);
    request.raw.on('close', () => checkpointListeners.delete(listener));
  });

  /** Refused requests, newest first; for auditors and company secretaries. */
  app.get<{ Querystring: { limit?: string; before?: string } }>(
    '/api/security-log',
    async (request, reply) => {
      const caller = deps.keys.callerOf(keyOf(request));
      if (!caller)
        return refuseRequest(
          reply,
          refuse('Unauthenticated', '(headers).authorization', 'The security log needs an API key'),
        );
      if (caller.role !== 'AUDITOR' && caller.role !== 'COMPANY_SECRETARY') {
        return refuseRequest(
          reply,
          refuse('NotAuthorized', '(headers).authorization', `${caller.role} may not read the security log`),
        );
      }
      const limit = Math.min(1000, Number(request.query.limit ?? 100) || 100);
      const before = request.query.before === undefined ? undefined : Number(request.query.before);
      return deps.securityLog?.securityLog(limit, before) ?? [];
    },
  );

  app.post('/api/commands', async (request, reply) => {
    const body = request.body as { type?: unknown; commandId?: unknown } | null;
    const about = {
      ...(typeof body?.type === 'string' ? { commandType: body.type.slice(0, 64) } : {}),
      ...(typeof body?.commandId === 'string' ? { commandId: body.commandId.slice(0, 128) } : {}),
    };
    const caller = deps.keys.callerOf(keyOf(request));
    if (!caller) {
      return refuseRequest(
        reply,
        refuse('Unauthenticated', '(headers).authorization', 'Writing needs an API key'),
        about,
      );
    }
    const denied = about.commandType === undefined ? undefined : authorize(caller.role, about.commandType);
    if (denied) return refuseRequest(reply, denied, about);
    const command = commandFrom(request.body, caller, clock());
    if ('rule' in command) return refuseRequest(reply, command, about);
    const outcome = await deps.handler.handle(command);
    if (isLeft(outcome)) return send(reply, outcome.left);
    const already = outcome.right.streams.every((s) => s.alreadyRecorded);
    return reply.code(already ? 200 : 201).send(outcome.right);
  });

  return Object.assign(app, {
    /** The projection runner calls this after each checkpoint. */
    notifyCheckpoint: (position: number) => checkpointListeners.forEach((listener) => listener(position)),
  });
}

/** The actor is the key's, never the body's; the time is the command's, or now if it gives none. */
function commandFrom(body: unknown, caller: Caller, now: Date) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse('Invalid:Command', '(body)', 'A command is a JSON object');
  }
  if ('actor' in body && (body as { actor: unknown }).actor !== caller.actor) {
    return refuse('ActorFromKey', 'actor', 'The actor is the API key holder; leave actor out');
  }
  const decoded = decodeCommand({ issuedAt: now.toISOString(), ...body, actor: caller.actor });
  return isLeft(decoded) ? decoded.left : decoded.right;
}

import { FastifyInstance } from 'fastify';
import { authorize, decodedCommand, Govrec } from '../../index';
import { ApiKeys, Caller } from './api-keys';
import { MAX_AUDIT_LIMIT } from './bounds';
import { stampedTime } from './command-time';
import { keyOf, RefuseRequest, refuse, send } from './refusals';

export interface CommandRouteDeps {
  readonly govrec: Govrec;
  readonly keys: ApiKeys;
  readonly clock: () => Date;
  readonly refuseRequest: RefuseRequest;
}

/** Commands posted by API keys' holders, and the log of requests refused for who sent them. */
export function registerCommandRoutes(app: FastifyInstance, deps: CommandRouteDeps): void {
  const { govrec, keys, refuseRequest } = deps;

  /** Refused requests, newest first; for auditors and company secretaries. */
  app.get<{ Querystring: { limit?: string; before?: string } }>(
    '/api/security-log',
    async (request, reply) => {
      const caller = keys.callerOf(keyOf(request));
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
      const { limit = '100', before } = request.query;
      // Digits only: a negative LIMIT is no limit to SQLite, and NaN is no row id.
      if (!/^\d{1,4}$/.test(limit) || Number(limit) > MAX_AUDIT_LIMIT)
        return refuseRequest(
          reply,
          refuse('Invalid:Query', 'query.limit', `limit is a whole number up to ${MAX_AUDIT_LIMIT}`),
        );
      if (before !== undefined && !/^\d{1,15}$/.test(before))
        return refuseRequest(reply, refuse('Invalid:Query', 'query.before', 'before is an entry id'));
      return govrec.securityLog.list(Number(limit), before === undefined ? undefined : Number(before));
    },
  );

  app.post('/api/commands', async (request, reply) => {
    const body = request.body as { type?: unknown; commandId?: unknown } | null;
    const about = {
      ...(typeof body?.type === 'string' ? { commandType: body.type.slice(0, 64) } : {}),
      ...(typeof body?.commandId === 'string' ? { commandId: body.commandId.slice(0, 128) } : {}),
    };
    const caller = keys.callerOf(keyOf(request));
    if (!caller)
      return refuseRequest(
        reply,
        refuse('Unauthenticated', '(headers).authorization', 'Writing needs an API key'),
        about,
      );
    const denied = about.commandType === undefined ? undefined : authorize(caller.role, about.commandType);
    if (denied) return refuseRequest(reply, denied, about);
    const command = commandFrom(request.body, caller, deps.clock());
    if (!command.ok) return refuseRequest(reply, command.error, about);
    const outcome = await govrec.execute(command.value);
    if (!outcome.ok) return send(reply, outcome.error);
    const { commandId, streams, alreadyRecorded } = outcome.value;
    return reply.code(alreadyRecorded ? 200 : 201).send({ commandId, streams });
  });
}

/** The actor is the key's, never the body's; the time is the server's (command-time.ts). */
function commandFrom(body: unknown, caller: Caller, now: Date) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false as const, error: refuse('Invalid:Command', '(body)', 'A command is a JSON object') };
  if ('actor' in body && (body as { actor: unknown }).actor !== caller.actor)
    return {
      ok: false as const,
      error: refuse('ActorFromKey', 'actor', 'The actor is the API key holder; leave actor out'),
    };
  const decoded = decodedCommand({ issuedAt: now.toISOString(), ...body, actor: caller.actor });
  if (!decoded.ok) return decoded;
  const time = stampedTime(caller, decoded.value.issuedAt, now);
  if (!time.ok) return { ok: false as const, error: time.error };
  return { ok: true as const, value: { ...decoded.value, issuedAt: time.issuedAt } };
}

import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Govrec } from '../../index';
import { ApiKeys } from './api-keys';
import { SecurityLogLimiter } from './bounds';

export { refuse } from './refusal';

/** The HTTP status that fits each kind of refusal. */
export function statusOf(error: DomainError): number {
  if (error.rule.startsWith('Invalid') || error.rule === 'UnknownCommandType') return 400;
  if (error.rule === 'Unauthenticated') return 401;
  if (error.rule === 'NotAuthorized' || error.rule === 'ActorFromKey') return 403;
  if (error.rule.startsWith('Unknown') && /^(params|query)\./.test(error.field)) return 404;
  if (error.rule === 'ConcurrencyConflict' || error.rule === 'CertifiedFiguresMismatch') return 409;
  if (error.rule === 'PayloadTooLarge') return 413;
  if (error.rule === 'UnsupportedMediaType') return 415;
  if (error.rule === 'ServerBusy' || error.rule === 'TooManyStreams' || error.rule.startsWith('Unavailable'))
    return 503;
  return 422;
}

/** Sends a refusal as `{ error: { rule, field, message } }` with its status. */
export const send = (reply: FastifyReply, error: DomainError) =>
  reply
    .code(statusOf(error))
    .send({ error: { rule: error.rule, field: error.field, message: error.message } });

/** Refusals for who sent a request, as opposed to what it asked: these go to the security log. */
const SECURITY_RULES = new Set(['Unauthenticated', 'NotAuthorized', 'ActorFromKey']);

/** The key a request carries; the scheme is case-insensitive (RFC 9110 §11.1), so `bearer k` is `Bearer k`. */
export const keyOf = (request: FastifyRequest): string | undefined => {
  const header = request.headers['authorization'];
  const bearer = typeof header === 'string' ? /^bearer[ \t]+(\S.*)$/i.exec(header.trim()) : null;
  if (bearer) return bearer[1].trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey : undefined;
};

export interface CommandAbout {
  readonly commandType?: string;
  readonly commandId?: string;
}

/**
 * Sends a refusal, and logs it when it is about the caller's identity or rights (never the key),
 * as far as the log's rate limit allows (bounds.ts).
 */
export const refusals = (govrec: Govrec, keys: ApiKeys, clock: () => Date) => {
  const limiter = new SecurityLogLimiter();
  return (reply: FastifyReply, error: DomainError, about: CommandAbout = {}) => {
    if (SECURITY_RULES.has(error.rule)) {
      const at = clock();
      const caller = keys.callerOf(keyOf(reply.request));
      const source = caller ? `actor ${caller.actor}` : `address ${reply.request.ip}`;
      const admitted = limiter.admit(source, at.getTime());
      const path = reply.request.url.split('?')[0];
      const who = caller ? { actor: caller.actor, role: caller.role } : {};
      if (admitted === 'record')
        govrec.securityLog.record({
          at: at.toISOString(),
          ...who,
          action: `${reply.request.method} ${path}${about.commandType ? ` ${about.commandType}` : ''}`,
          ...(about.commandId ? { commandId: about.commandId } : {}),
          rule: error.rule,
          field: error.field,
          message: error.message,
        });
      else if (admitted === 'note')
        govrec.securityLog.record({
          at: at.toISOString(),
          ...who,
          action: `${reply.request.method} ${path}`,
          rule: 'SecurityLogRateLimited',
          field: '(request)',
          message: `Further refusals from ${source} this minute are not logged`,
        });
    }
    return send(reply, error);
  };
};

export type RefuseRequest = ReturnType<typeof refusals>;

import { FastifyReply, FastifyRequest } from 'fastify';
import { keyOf } from './refusals';

/**
 * The key a page request carries: as the API takes it (Authorization: Bearer, X-Api-Key), or, since a
 * browser cannot add those to a link it follows, as the password of HTTP Basic authentication (the
 * user name is ignored). Only the pages, which are read with GET, take Basic: a browser sends it
 * unasked, so the command API, which writes, never does.
 */
export function pageKeyOf(request: FastifyRequest): string | undefined {
  const key = keyOf(request);
  if (key !== undefined) return key;
  const header = request.headers['authorization'];
  const basic = typeof header === 'string' ? /^basic[ \t]+([A-Za-z0-9+/=]+)$/i.exec(header.trim()) : null;
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  return password === '' ? undefined : password;
}

/** Asks the browser for a key (401 with a Basic challenge), the page saying why. */
export const challenge = (reply: FastifyReply): FastifyReply =>
  reply.code(401).header('www-authenticate', 'Basic realm="govrec", charset="UTF-8"');

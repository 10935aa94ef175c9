import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ANNOUNCEMENT_FORMATS,
  AnnouncementFormat,
  auditCsv,
  AuditFilter,
  AuditPaging,
  Govrec,
  READS_EVERY_HOLDER,
} from '../../index';
import { Caller } from './api-keys';

type Query = Record<string, string | undefined>;

const MEDIA_TYPES: Readonly<Record<AnnouncementFormat, string>> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
};

export interface ReadRouteDeps {
  readonly govrec: Govrec;
  callerOf(request: FastifyRequest): Caller | undefined;
  fail(reply: FastifyReply, rule: string, field: string, message: string): FastifyReply;
}

const wholeNumber = (value: string | undefined): number | undefined | 'invalid' => {
  if (value === undefined) return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : 'invalid';
};

function auditRequest(query: Query): { filter: AuditFilter; paging: AuditPaging } | { field: string } {
  const limit = wholeNumber(query.limit);
  const offset = wholeNumber(query.offset);
  const after = wholeNumber(query.after);
  for (const [field, value] of [
    ['limit', limit],
    ['offset', offset],
    ['after', after],
  ] as const) {
    if (value === 'invalid') return { field: `query.${field}` };
  }
  const filter: AuditFilter = {
    ...(query.meeting ? { meetingId: query.meeting } : {}),
    ...(query.resolution ? { resolutionId: query.resolution } : {}),
    ...(query.holder ? { holderId: query.holder } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
    ...(query.type ? { types: query.type.split(',') } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
  };
  for (const field of ['from', 'to'] as const) {
    if (filter[field] !== undefined && Number.isNaN(Date.parse(filter[field]!)))
      return { field: `query.${field}` };
  }
  const size = limit as number | undefined;
  const paging: AuditPaging =
    after !== undefined
      ? { afterPosition: after as number, limit: size }
      : { offset: offset as number | undefined, limit: size };
  return { filter, paging };
}

/** The read models beyond the results: audit trail, holder history, proxy register, announcement. */
export function registerReadRoutes(app: FastifyInstance, deps: ReadRouteDeps): void {
  const { govrec } = deps;

  app.get<{ Querystring: Query }>('/api/audit', async (request, reply) => {
    const asked = auditRequest(request.query);
    if ('field' in asked)
      return deps.fail(reply, 'Invalid:AuditQuery', asked.field, `${asked.field} is not valid`);
    const page = await govrec.auditTrail(asked.filter, asked.paging);
    if (request.query.format === 'csv')
      return reply.type('text/csv; charset=utf-8').send(auditCsv(page.entries));
    return page;
  });

  /** A holder's votes; only to the holder's own key, or to a role that reads every holder. */
  app.get<{ Params: { id: string } }>('/api/holders/:id/history', async (request, reply) => {
    const caller = deps.callerOf(request);
    if (!caller)
      return deps.fail(
        reply,
        'Unauthenticated',
        '(headers).authorization',
        'Reading a holder needs an API key',
      );
    const own = caller.role === 'HOLDER' && caller.holderId === request.params.id;
    if (!own && !READS_EVERY_HOLDER.includes(caller.role)) {
      return deps.fail(
        reply,
        'NotAuthorized',
        'params.id',
        `${caller.role} may not read another holder's history`,
      );
    }
    const history = await govrec.holderHistory(request.params.id);
    return history ?? deps.fail(reply, 'UnknownHolder', 'params.id', `No holder ${request.params.id}`);
  });

  app.get<{ Params: { id: string } }>('/api/meetings/:id/proxies', async (request) =>
    govrec.proxyRegister(request.params.id),
  );

  app.get<{ Querystring: Query }>('/api/announcement', async (request, reply) => {
    const format = request.query.format ?? 'text';
    const meetings = request.query.meeting ? request.query.meeting.split(',') : undefined;
    if (!ANNOUNCEMENT_FORMATS.includes(format as AnnouncementFormat))
      return deps.fail(reply, 'Invalid:Format', 'query.format', 'format is text, markdown or html');
    const text = await govrec.announcement(format as AnnouncementFormat, meetings);
    return reply.type(`${MEDIA_TYPES[format as AnnouncementFormat]}; charset=utf-8`).send(text);
  });
}

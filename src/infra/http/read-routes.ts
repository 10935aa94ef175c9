import { isLeft } from 'fp-ts/Either';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CertifiedFiguresMismatch,
  ANNOUNCEMENT_FORMATS,
  AnnouncementFormat,
  ANNOUNCEMENT_LANGUAGES,
  announcementFormNamed,
  announcementPdf,
  AnnouncementLanguage,
  auditCsv,
  MissingBrowser,
  AuditFilter,
  AuditPaging,
  DomainError,
  Govrec,
} from '../../index';
import { Caller } from './api-keys';
import { REFUSED, sourceFor } from './as-at';
import { HeavyWork, MAX_AUDIT_LIMIT } from './bounds';
import { holderRefusal, readsEveryHolder, visibleEntries } from './confidentiality';
import { refuse } from './refusals';

type Query = Record<string, string | undefined>;

const MEDIA_TYPES: Readonly<Record<AnnouncementFormat, string>> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
};

export interface ReadRouteDeps {
  readonly govrec: Govrec;
  /** Audit pages and exports read much of the record: a few at a time. */
  readonly heavy: HeavyWork;
  callerOf(request: FastifyRequest): Caller | undefined;
  /** Sends a refusal (and logs it, if it is about who sent the request). */
  refuse(reply: FastifyReply, error: DomainError): FastifyReply;
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

/** The ids the record knows, so that an unknown one is a 404 rather than an empty answer. */
export function knownIds(govrec: Govrec) {
  return {
    meeting: async (id: string) => (await govrec.results()).meetings.some((m) => m.id === id),
    resolution: async (id: string) => (await govrec.results()).outcomes.some((o) => o.resolutionId === id),
  };
}

/** The read models beyond the results: audit trail, holder history, proxy register, announcement. */
export function registerReadRoutes(app: FastifyInstance, deps: ReadRouteDeps): void {
  const { govrec } = deps;
  const known = knownIds(govrec);

  /** Open to all, but entries about a holder's vote, proxy or attendance only whole to those who may read holders. */
  app.get<{ Querystring: Query }>('/api/audit', async (request, reply) => {
    const asked = auditRequest(request.query);
    if ('field' in asked)
      return deps.refuse(reply, refuse('Invalid:AuditQuery', asked.field, `${asked.field} is not valid`));
    if ((asked.paging.limit ?? 0) > MAX_AUDIT_LIMIT)
      return deps.refuse(
        reply,
        refuse('Invalid:AuditQuery', 'query.limit', `limit is at most ${MAX_AUDIT_LIMIT}; page with after`),
      );
    const caller = deps.callerOf(request);
    const { filter } = asked;
    if (filter.holderId !== undefined) {
      const denied = holderRefusal(caller, filter.holderId, 'query.holder');
      if (denied) return deps.refuse(reply, denied);
    }
    if (filter.meetingId !== undefined && !(await known.meeting(filter.meetingId)))
      return deps.refuse(reply, refuse('UnknownMeeting', 'query.meeting', `No meeting ${filter.meetingId}`));
    if (filter.resolutionId !== undefined && !(await known.resolution(filter.resolutionId)))
      return deps.refuse(
        reply,
        refuse('UnknownResolution', 'query.resolution', `No resolution ${filter.resolutionId}`),
      );
    const page = await deps.heavy.run(() => govrec.auditTrail(filter, asked.paging));
    if (!page.ok) return deps.refuse(reply, page.error);
    const entries = visibleEntries(caller, filter, page.value.entries);
    if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(auditCsv(entries));
    return { ...page.value, entries };
  });

  /** A holder's votes; only to the holder's own key, or to a role that reads every holder. */
  app.get<{ Params: { id: string } }>('/api/holders/:id/history', async (request, reply) => {
    const denied = holderRefusal(deps.callerOf(request), request.params.id, 'params.id');
    if (denied) return deps.refuse(reply, denied);
    const history = await govrec.holderHistory(request.params.id);
    return (
      history ?? deps.refuse(reply, refuse('UnknownHolder', 'params.id', `No holder ${request.params.id}`))
    );
  });

  /** Every holder's proxies to a role that reads every holder; a holder's key gets its own. */
  const sourceOf = sourceFor(govrec, deps.heavy);
  app.get<{ Params: { id: string }; Querystring: { asAt?: string } }>(
    '/api/meetings/:id/proxies',
    async (request, reply) => {
      const caller = deps.callerOf(request);
      if (!caller)
        return deps.refuse(
          reply,
          refuse('Unauthenticated', '(headers).authorization', 'The proxy register needs an API key'),
        );
      if (!readsEveryHolder(caller) && caller.role !== 'HOLDER')
        return deps.refuse(
          reply,
          refuse(
            'NotAuthorized',
            '(headers).authorization',
            `${caller.role} may not read the proxy register`,
          ),
        );
      const id = request.params.id;
      if (!(await known.meeting(id)))
        return deps.refuse(reply, refuse('UnknownMeeting', 'params.id', `No meeting ${id}`));
      const source = await sourceOf(request.query, reply);
      if (source === REFUSED) return reply;
      const register = await source.proxyRegister(id);
      return readsEveryHolder(caller) ? register : register.filter((h) => h.holderId === caller.holderId);
    },
  );

  app.get<{ Querystring: Query }>('/api/announcement', async (request, reply) => {
    const format = request.query.format ?? 'text';
    const language = (request.query.lang ?? 'en') as AnnouncementLanguage;
    const meetings = request.query.meeting ? request.query.meeting.split(',') : undefined;
    if (format !== 'pdf' && !ANNOUNCEMENT_FORMATS.includes(format as AnnouncementFormat))
      return deps.refuse(
        reply,
        refuse('Invalid:Format', 'query.format', 'format is text, markdown, html or pdf'),
      );
    if (!ANNOUNCEMENT_LANGUAGES.includes(language))
      return deps.refuse(reply, refuse('Invalid:Language', 'query.lang', 'lang is en or zh-Hant'));
    const form = announcementFormNamed(request.query.form, 'query.form');
    if (isLeft(form)) return deps.refuse(reply, form.left);
    for (const id of meetings ?? [])
      if (!(await known.meeting(id)))
        return deps.refuse(reply, refuse('UnknownMeeting', 'query.meeting', `No meeting ${id}`));
    try {
      if (format === 'pdf') {
        // Printing starts a browser: a few at a time, like the other heavy reads.
        const pdf = await deps.heavy.run(() => announcementPdf(govrec, meetings, language, form.right));
        if (!pdf.ok) return deps.refuse(reply, pdf.error);
        return reply.type('application/pdf').send(Buffer.from(pdf.value));
      }
      const text = await govrec.announcement(format as AnnouncementFormat, meetings, language, form.right);
      return reply.type(`${MEDIA_TYPES[format as AnnouncementFormat]}; charset=utf-8`).send(text);
    } catch (error) {
      if (error instanceof MissingBrowser)
        return deps.refuse(reply, refuse('Unavailable:Pdf', 'query.format', error.message));
      if (!(error instanceof CertifiedFiguresMismatch)) throw error;
      return deps.refuse(reply, refuse(error.rule, 'query.meeting', error.message));
    }
  });
}

import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Govrec, MeetingView, parseAsAt, RecordAsAt, ResultsView, Verdict } from '../../index';
import { ApiKeys } from './api-keys';
import { readsEveryHolder as readsEvery, readsHolder, visibleEntries } from './confidentiality';
import { HeavyWork, MAX_AUDIT_LIMIT, VerdictCache } from './bounds';
import { LIVE_JS, PAGE_CSS } from './page-assets';
import { page, PAGE_CSP, refusalPage } from './page-layout';
import { html } from './page-markup';
import { challenge, pageKeyOf } from './page-auth';
import { auditTrail, AuditAsked, holderHistory, meetingList, proxyRegister } from './page-registers';
import { meetingSection, MeetingOnPage } from './page-results';
import { asAtDetails, asAtForm, asAtLede } from './page-as-at';
import { registerAnnouncementPage } from './page-announcement';

/** What the pages read from: govrec, the keys, the bound on heavy work and how to verify a meeting. */
export interface PageDeps {
  readonly govrec: Govrec;
  readonly keys: ApiKeys;
  readonly heavy: HeavyWork;
  readonly verify: (meetingIds: readonly string[]) => Promise<Verdict[]>;
}

type Query = Record<string, string | undefined>;

/** Rows a page shows at most, whatever it is asked: a page is for reading, the CSV and API for bulk. */
export const MAX_PAGE_ROWS = 200;
const DEFAULT_PAGE_ROWS = 50;
/** How long a page waits for a certified meeting's record to be checked against its seal. */
const VERDICT_WAIT_MS = 1500;

const sendPage = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .code(status)
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .type('text/html; charset=utf-8')
    .send(body);

const refused = (reply: FastifyReply, status: number, title: string, message: string) =>
  sendPage(reply, refusalPage(title, message), status);

/** A whole number from the query within [0, max], its default when absent, or undefined when malformed. */
function count(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) return undefined;
  return Math.min(Number(value), max);
}

/** The server-rendered pages: results, meeting picker, audit trail, proxy register and holder history. */
export function registerPageRoutes(app: FastifyInstance, deps: PageDeps): void {
  const { govrec } = deps;
  const verdicts = new VerdictCache();
  const callerOf = (request: FastifyRequest) => deps.keys.callerOf(pageKeyOf(request));

  app.get('/assets/govrec.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(PAGE_CSS),
  );
  app.get('/assets/live.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(LIVE_JS),
  );

  /** A certified meeting's verdict, cached while the record stands still; none while the server is busy. */
  const verdictOf = async (m: MeetingView): Promise<Verdict | 'checking' | undefined> => {
    if (m.status !== 'CERTIFIED') return undefined;
    const checked = deps.heavy
      .run(() => verdicts.of(m.id, govrec.checkpoint, async () => (await deps.verify([m.id]))[0]))
      .then((ran) => (ran.ok ? ran.value : undefined));
    // A large record takes a while to check: the page does not wait for it. The check goes on, and
    // its verdict is cached for the next view (and the live update, once the record moves).
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'checking'>((resolve) => {
      timer = setTimeout(() => resolve('checking'), VERDICT_WAIT_MS);
    });
    try {
      return await Promise.race([checked, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  async function resultsPage(
    view: ResultsView,
    title: string,
    only?: MeetingView,
    record?: RecordAsAt,
  ): Promise<string> {
    const position = govrec.checkpoint;
    // Every meeting's title, for the outcomes of resolutions put to this meeting and others.
    const titles = new Map(view.meetings.map((m) => [m.id, m.title]));
    if (only) view = { ...view, meetings: [only] };
    const sections = [];
    for (const m of view.meetings) {
      const details = await govrec.meetingDetails(m.id);
      if (!details) continue;
      const onPage: MeetingOnPage = record
        ? { view: m, details: asAtDetails(details, m, record) }
        : { view: m, details, verdict: await verdictOf(m) };
      sections.push(meetingSection(onPage, view.outcomes, titles));
    }
    const body = html`${asAtForm(record)}${sections.length === 0 ? html`<p>The record holds no meeting yet.</p>` : sections}`;
    // A moment past is fixed: only the present is kept live.
    return record
      ? page({ title, lede: asAtLede(record) }, body)
      : page({ title, livePosition: position }, body);
  }

  /** The record as at `?asAt=` (a position or a time), or the refusal sent; undefined when none is asked. */
  async function asAtOf(
    text: string | undefined,
    reply: FastifyReply,
  ): Promise<RecordAsAt | undefined | 'sent'> {
    if (text === undefined || text === '') return undefined;
    const moment = parseAsAt(text);
    if (!moment.ok) return (refused(reply, 400, 'Bad request', moment.error.message), 'sent');
    const ran = await deps.heavy.run(() => govrec.asAt(moment.value));
    if (!ran.ok) return (refused(reply, 503, 'Busy', ran.error.message), 'sent');
    if (!ran.value.ok) return (refused(reply, 400, 'Bad request', ran.value.error.message), 'sent');
    return ran.value.value;
  }

  registerAnnouncementPage(app, govrec);

  app.get<{ Querystring: Query }>('/', async (request, reply) => {
    const record = await asAtOf(request.query.asAt, reply);
    if (record === 'sent') return reply;
    const view = record ? record.results() : await govrec.results();
    return sendPage(reply, await resultsPage(view, 'Poll results', undefined, record));
  });

  app.get('/meetings', async (_request, reply) =>
    sendPage(reply, page({ title: 'Meetings' }, meetingList((await govrec.results()).meetings))),
  );

  app.get<{ Params: { id: string }; Querystring: Query }>('/meetings/:id', async (request, reply) => {
    const record = await asAtOf(request.query.asAt, reply);
    if (record === 'sent') return reply;
    const view = record ? record.results() : await govrec.results();
    const meeting = view.meetings.find((m) => m.id === request.params.id);
    if (!meeting)
      return refused(
        reply,
        404,
        'No such meeting',
        `The record holds no meeting ${request.params.id}${record ? ' at that moment' : ''}.`,
      );
    return sendPage(reply, await resultsPage(view, meeting.title, meeting, record));
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/meetings/:id/proxies', async (request, reply) => {
    const caller = callerOf(request);
    if (!caller)
      return sendPage(
        challenge(reply),
        refusalPage('Key needed', 'The proxy register needs an API key that may read holders.'),
        401,
      );
    if (!readsEvery(caller) && caller.role !== 'HOLDER')
      return refused(reply, 403, 'Not allowed', `${caller.role} may not read the proxy register.`);
    const meeting = (await govrec.results()).meetings.find((m) => m.id === request.params.id);
    if (!meeting)
      return refused(reply, 404, 'No such meeting', `The record holds no meeting ${request.params.id}.`);
    const offset = count(request.query.offset, 0, Number.MAX_SAFE_INTEGER);
    const limit = count(request.query.limit, DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS);
    if (offset === undefined || limit === undefined || limit === 0)
      return refused(reply, 400, 'Bad request', 'offset and limit are whole numbers; limit at least 1.');
    const register = await govrec.proxyRegister(meeting.id);
    const visible = readsEvery(caller) ? register : register.filter((h) => h.holderId === caller.holderId);
    return sendPage(
      reply,
      page({ title: `Proxy register: ${meeting.title}` }, proxyRegister(meeting, visible, offset, limit)),
    );
  });

  app.get<{ Params: { id: string } }>('/holders/:id', async (request, reply) => {
    const caller = callerOf(request);
    const id = request.params.id;
    if (!caller)
      return sendPage(
        challenge(reply),
        refusalPage('Key needed', 'A holder’s history needs an API key that may read it.'),
        401,
      );
    if (!readsHolder(caller, id))
      return refused(
        reply,
        403,
        'Not allowed',
        `${caller.role} may not read another holder’s votes or proxies.`,
      );
    const history = await govrec.holderHistory(id);
    if (!history) return refused(reply, 404, 'No such holder', `The record names no holder ${id}.`);
    return sendPage(
      reply,
      page({ title: `Holder ${id}${history.name ? `: ${history.name}` : ''}` }, holderHistory(history)),
    );
  });

  app.get<{ Querystring: Query }>('/audit', async (request, reply) => {
    const q = request.query;
    const after =
      q.after === undefined || q.after === '' ? undefined : count(q.after, 0, Number.MAX_SAFE_INTEGER);
    const limit = count(q.limit, DEFAULT_PAGE_ROWS, Math.min(MAX_PAGE_ROWS, MAX_AUDIT_LIMIT));
    if (
      (q.after !== undefined && q.after !== '' && after === undefined) ||
      limit === undefined ||
      limit === 0
    )
      return refused(reply, 400, 'Bad request', 'after and limit are whole numbers; limit at least 1.');
    for (const name of ['from', 'to'] as const)
      if (q[name] && Number.isNaN(Date.parse(q[name]!)))
        return refused(reply, 400, 'Bad request', `${name} is not an ISO-8601 time.`);
    const caller = callerOf(request);
    const asked: AuditAsked = { ...pick(q), limit, ...(after === undefined ? {} : { after }) };
    if (asked.holder !== undefined && !readsHolder(caller, asked.holder))
      return caller
        ? refused(reply, 403, 'Not allowed', `${caller.role} may not read another holder’s votes or proxies.`)
        : sendPage(
            challenge(reply),
            refusalPage('Key needed', 'Filtering by holder needs an API key that may read that holder.'),
            401,
          );
    const view = await govrec.results();
    if (asked.meeting !== undefined && !view.meetings.some((m) => m.id === asked.meeting))
      return refused(reply, 404, 'No such meeting', `The record holds no meeting ${asked.meeting}.`);
    const filter = {
      ...(asked.meeting ? { meetingId: asked.meeting } : {}),
      ...(asked.resolution ? { resolutionId: asked.resolution } : {}),
      ...(asked.holder ? { holderId: asked.holder } : {}),
      ...(asked.actor ? { actor: asked.actor } : {}),
      ...(asked.type
        ? {
            types: asked.type
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : {}),
      ...(asked.from ? { from: asked.from } : {}),
      ...(asked.to ? { to: asked.to } : {}),
    };
    const ran = await deps.heavy.run(() =>
      govrec.auditTrail(filter, after === undefined ? { limit } : { afterPosition: after, limit }),
    );
    if (!ran.ok) return refused(reply, 503, 'Busy', ran.error.message);
    const entries = visibleEntries(caller, filter, ran.value.entries);
    return sendPage(
      reply,
      page({ title: 'Audit trail' }, auditTrail(asked, { ...ran.value, entries }, view.meetings)),
    );
  });
}

const pick = (q: Query): Omit<AuditAsked, 'limit' | 'after'> => {
  const out: Record<string, string> = {};
  for (const name of ['meeting', 'resolution', 'holder', 'actor', 'type', 'from', 'to'])
    if (q[name] !== undefined && q[name] !== '') out[name] = q[name]!;
  return out;
};

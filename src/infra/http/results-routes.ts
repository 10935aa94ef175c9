import { FastifyInstance } from 'fastify';
import { Govrec, ResultsView, Verdict } from '../../index';
import { HeavyWork, VerdictCache } from './bounds';
import { REFUSED, sourceFor } from './as-at';
import { knownIds } from './read-routes';
import { refuse, send } from './refusals';

/** What the results routes need beyond govrec: how to verify, and the bound on heavy work. */
export interface ResultsRouteDeps {
  readonly heavy: HeavyWork;
  /** Checks meetings against their seals, off the event loop where the store allows (VerifyThread). */
  readonly verify: (meetingIds: readonly string[]) => Promise<Verdict[]>;
}

/**
 * Each meeting's JSON, the most asked-for answer (a page polling it), is written once per change of
 * the read models, not once per request: a request then allocates almost nothing, which keeps
 * collections, and the latency tail they cause, away.
 */
function meetingTexts(govrec: Govrec) {
  let cached: { version: number; view: ResultsView; texts: Map<string, string> } | undefined;
  return async (id: string): Promise<string | undefined> => {
    if (cached?.version !== govrec.readModelVersion) {
      const view = await govrec.results();
      cached = { version: govrec.readModelVersion, view, texts: new Map() };
    }
    let text = cached.texts.get(id);
    if (text === undefined) {
      const meeting = cached.view.meetings.find((m) => m.id === id);
      if (meeting === undefined) return undefined;
      text = JSON.stringify(meeting);
      cached.texts.set(id, text);
    }
    return text;
  };
}

/** The results as JSON: meetings, attendance, resolutions, verification. */
export function registerResultsRoutes(app: FastifyInstance, govrec: Govrec, deps: ResultsRouteDeps): void {
  const meetingJson = meetingTexts(govrec);
  const known = knownIds(govrec);
  const verdicts = new VerdictCache();

  const sourceOf = sourceFor(govrec, deps.heavy);
  type AsAtQuery = { Querystring: { asAt?: string } };

  app.get<AsAtQuery>('/api/meetings', async (request, reply) => {
    const source = await sourceOf(request.query, reply);
    if (source === REFUSED) return reply;
    return (await source.results()).meetings.map(
      ({ id, kind, title, shareClasses, attendingShares, attendingPercent }) => ({
        id,
        kind,
        title,
        shareClasses,
        attendingShares,
        attendingPercent,
      }),
    );
  });

  app.get<{ Params: { id: string } } & AsAtQuery>('/api/meetings/:id', async (request, reply) => {
    const unknown = () =>
      send(reply, refuse('UnknownMeeting', 'params.id', `No meeting ${request.params.id}`));
    if (request.query.asAt !== undefined) {
      const source = await sourceOf(request.query, reply);
      if (source === REFUSED) return reply;
      return (await source.results()).meetings.find((m) => m.id === request.params.id) ?? unknown();
    }
    const text = await meetingJson(request.params.id);
    if (text === undefined) return unknown();
    return reply.type('application/json; charset=utf-8').send(text);
  });

  app.get<{ Params: { id: string } } & AsAtQuery>('/api/meetings/:id/attendance', async (request, reply) => {
    const source = await sourceOf(request.query, reply);
    if (source === REFUSED) return reply;
    const attendance = await source.attendance(request.params.id);
    return (
      attendance ?? send(reply, refuse('UnknownMeeting', 'params.id', `No meeting ${request.params.id}`))
    );
  });

  app.get<AsAtQuery>('/api/results', async (request, reply) => {
    const source = await sourceOf(request.query, reply);
    return source === REFUSED ? reply : source.results();
  });

  /**
   * The record checked against the seal made when the meeting's results were certified: on a thread
   * of its own, a few at a time, and cached while the record stands at the same position.
   */
  app.get<{ Params: { id: string } }>('/api/meetings/:id/verify', async (request, reply) => {
    const id = request.params.id;
    if (!(await known.meeting(id)))
      return send(reply, refuse('UnknownMeeting', 'params.id', `No meeting ${id}`));
    const verdict = await deps.heavy.run(() =>
      verdicts.of(id, govrec.checkpoint, async () => (await deps.verify([id]))[0]),
    );
    return verdict.ok ? verdict.value : send(reply, verdict.error);
  });

  app.get<AsAtQuery>('/api/resolutions', async (request, reply) => {
    const source = await sourceOf(request.query, reply);
    return source === REFUSED ? reply : (await source.results()).outcomes;
  });

  app.get<{ Params: { id: string } } & AsAtQuery>('/api/resolutions/:id', async (request, reply) => {
    const id = request.params.id;
    const source = await sourceOf(request.query, reply);
    if (source === REFUSED) return reply;
    const view = await source.results();
    const outcome = view.outcomes.find((o) => o.resolutionId === id);
    if (!outcome) return send(reply, refuse('UnknownResolution', 'params.id', `No resolution ${id}`));
    const atMeetings = view.meetings.flatMap((m) =>
      m.resolutions.filter((r) => r.resolutionId === id).map((r) => ({ meetingId: m.id, ...r })),
    );
    return { ...outcome, atMeetings };
  });
}

import { FastifyReply } from 'fastify';
import { Govrec, HolderProxies, MeetingAttendance, parseAsAt, RecordAsAt, ResultsView } from '../../index';
import { HeavyWork } from './bounds';
import { refuse, send } from './refusals';

/** Where a results route reads: the read models now, or the record folded up to a moment. */
export interface ResultsSource {
  results(): Promise<ResultsView> | ResultsView;
  attendance(meetingId: string): Promise<MeetingAttendance | undefined> | MeetingAttendance | undefined;
  proxyRegister(meetingId: string): Promise<HolderProxies[]> | HolderProxies[];
}

/** Said already: the request was refused and the reply sent. */
export const REFUSED = Symbol('refused');

/**
 * The source a request's `?asAt=` asks for: a position in the record (digits) or an ISO-8601 time
 * with its offset, folded from the events up to it (a few at a time: it reads the record from its
 * start); the read models without it. A moment that names none, or a position past the record's
 * end, is refused 400 (Invalid:AsAt at query.asAt). The answer says the moment it shows in the
 * headers govrec-as-at-position and govrec-as-at-time.
 */
export function sourceFor(govrec: Govrec, heavy: HeavyWork) {
  const now: ResultsSource = {
    results: () => govrec.results(),
    attendance: (id) => govrec.attendance(id),
    proxyRegister: (id) => govrec.proxyRegister(id),
  };
  return async (query: { asAt?: string }, reply: FastifyReply): Promise<ResultsSource | typeof REFUSED> => {
    if (query.asAt === undefined) return now;
    const asAt = parseAsAt(query.asAt);
    if (!asAt.ok) return refused(reply, asAt.error.message);
    const folded = await heavy.run(() => govrec.asAt(asAt.value));
    if (!folded.ok) return (send(reply, folded.error), REFUSED);
    if (!folded.value.ok) return refused(reply, folded.value.error.message);
    const record: RecordAsAt = folded.value.value;
    reply.header('govrec-as-at-position', String(record.position));
    if (record.occurredAt) reply.header('govrec-as-at-time', record.occurredAt);
    return {
      results: () => record.results(),
      attendance: (id) => record.attendance(id),
      proxyRegister: (id) => record.proxyRegister(id),
    };
  };
}

function refused(reply: FastifyReply, message: string): typeof REFUSED {
  send(reply, refuse('Invalid:AsAt', 'query.asAt', message));
  return REFUSED;
}

import { EventStore } from '../application/event-store';
import { refuse } from '../domain/shared/errors';
import { IsoDateTime, ShareCount } from '../domain/shared/codecs';
import { foldAsAt } from '../infra/read-models/as-at';
import { PROXY_REGISTER, RESULTS } from '../infra/read-models/persisted-projections';
import { HolderProxies, ProxyRegister, proxiesAt } from '../projections/holders/proxy-register';
import { MeetingAttendance } from '../projections/results/attendance';
import {
  MeetingView,
  OutcomeView,
  ResultsModels,
  resultsView,
  ResultsView,
} from '../projections/results/view';
import { decodeInput, failed, govrecError, ok, Result } from './errors';

/**
 * A moment of the record: just after the event at a position (as the audit trail numbers events), or
 * a time (ISO-8601 with its offset), meaning every event up to the first that happened after it.
 * An event's time is its command's (`occurredAt`): when the registrar, chair or scrutineer did it.
 */
export type AsAt = { readonly position: number } | { readonly time: string };

/** The record as it stood at a moment: the results and the proxy register then, folded from its events. */
export interface RecordAsAt {
  /** The position of the last event folded; -1 when the moment is before the first event. */
  readonly position: number;
  /** The time of that event; absent when no event was folded. */
  readonly occurredAt?: string;
  /** Every meeting's results then, or only the named meetings'. */
  results(meetingIds?: readonly string[]): ResultsView;
  /** One meeting's results then; undefined for a meeting not yet scheduled then. */
  meeting(meetingId: string): MeetingView | undefined;
  /** Who was present at a meeting then, in total and by mode. */
  attendance(meetingId: string): MeetingAttendance | undefined;
  /** Each resolution's overall outcome then. */
  outcomes(): readonly OutcomeView[];
  /** A meeting's proxy register then: the register before a later lodging, revocation or correction. */
  proxyRegister(meetingId: string): HolderProxies[];
}

const invalid = (field: string, message: string) =>
  failed(govrecError(refuse('Invalid:AsAt', field, message)));

/** The moment as given (`{ position }` or `{ time }`), checked by the codecs; or why it names none. */
export function checkAsAt(input: unknown): Result<AsAt> {
  const given = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const keys = Object.keys(given);
  if (keys.length === 1 && keys[0] === 'position') {
    const position = decodeInput(ShareCount, given.position);
    return position.ok ? ok({ position: position.value }) : invalid('asAt.position', position.error.message);
  }
  if (keys.length === 1 && keys[0] === 'time') {
    const time = decodeInput(IsoDateTime, given.time);
    return time.ok ? ok({ time: time.value }) : invalid('asAt.time', time.error.message);
  }
  return invalid(
    'asAt',
    'asAt is { position } (a whole number) or { time } (an ISO-8601 time with its offset)',
  );
}

/**
 * A moment as a person writes it on a command line or in a URL: digits are a position, anything
 * else an ISO-8601 time with its offset (`2023-11-23T14:20:00+08:00`); or why it is neither.
 */
export function parseAsAt(text: string): Result<AsAt> {
  if (/^\d{1,15}$/.test(text)) return ok({ position: Number(text) });
  const time = decodeInput(IsoDateTime, text);
  if (time.ok) return ok({ time: time.value });
  return invalid(
    'asAt',
    `asAt is a position in the record (a whole number) or a time with its offset (2023-11-23T14:20:00+08:00), not ${JSON.stringify(text.slice(0, 60))}`,
  );
}

/** The record folded up to the moment; a position past the record's last event is refused. */
export async function recordAsAt(store: EventStore, input: AsAt): Promise<Result<RecordAsAt>> {
  const asAt = checkAsAt(input);
  if (!asAt.ok) return asAt;
  const folded = await foldAsAt(store, [RESULTS, PROXY_REGISTER] as never[], asAt.value);
  if ('position' in asAt.value && folded.whole && asAt.value.position > folded.position)
    return invalid(
      'asAt.position',
      `The record ends at position ${folded.position}; there is no position ${asAt.value.position} yet`,
    );
  const [results, register] = folded.models as [ResultsModels, ProxyRegister];
  const view = resultsView(results);
  return ok({
    position: folded.position,
    ...(folded.occurredAt ? { occurredAt: folded.occurredAt } : {}),
    results: (meetingIds) => (meetingIds && meetingIds.length > 0 ? resultsView(results, meetingIds) : view),
    meeting: (id) => view.meetings.find((m) => m.id === id),
    attendance: (id) => results.attendance.get(id),
    outcomes: () => view.outcomes,
    proxyRegister: (id) => proxiesAt(register, id),
  });
}

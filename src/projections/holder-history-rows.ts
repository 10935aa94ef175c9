import { AppendedRow } from './appended-rows';
import {
  AgendaItem,
  applyToHolderHistories,
  holderHistory,
  HolderHistoryView,
  MeetingHeading,
} from './holder-history';
import { RecordedDomainEvent } from './recorded-event';

/**
 * The holder histories as stored: the meetings' headings and agendas as documents (a few per
 * meeting, kept in memory), and for each holder the positions of the events that make its history,
 * as empty rows under its id. A holder's history is folded when asked for, from those events read
 * back from the store, by the same fold as in memory: nothing per holder or per vote stays in
 * memory, and no holder's document is rewritten with each vote.
 */
export interface StoredHolderHistories {
  readonly meetings: Map<string, MeetingHeading>;
  readonly agenda: Map<string, AgendaItem>;
  /** The rows folded since the last checkpoint, for the runner to append with it. */
  pending: AppendedRow[];
}

export const initialStoredHolderHistories = (): StoredHolderHistories => ({
  meetings: new Map(),
  agenda: new Map(),
  pending: [],
});

/** The holders whose history an event is part of. */
function holdersIn(event: RecordedDomainEvent): string[] {
  switch (event.type) {
    case 'EntitlementsRecorded':
      return event.data.holders.map((h) => h.holderId);
    case 'ProxyLodged':
    case 'AttendanceRecorded':
    case 'VoteCast':
    case 'VoteRejected':
      return [event.data.holderId];
    default:
      return [];
  }
}

export function applyToStoredHolderHistories(
  model: StoredHolderHistories,
  event: RecordedDomainEvent,
): StoredHolderHistories {
  if (event.type === 'MeetingScheduled' || event.type === 'ResolutionTabled')
    applyToHolderHistories({ holders: new Map(), meetings: model.meetings, agenda: model.agenda }, event);
  for (const holderId of holdersIn(event))
    model.pending.push({ key: holderId, seq: event.position, body: '' });
  return model;
}

export function takeHolderRows(model: StoredHolderHistories): AppendedRow[] {
  const rows = model.pending;
  model.pending = [];
  return rows;
}

/** Only the holder's own line of a register batch: the rest is other holders' business. */
const narrowed = (event: RecordedDomainEvent, holderId: string): RecordedDomainEvent =>
  event.type === 'EntitlementsRecorded'
    ? {
        ...event,
        data: { ...event.data, holders: event.data.holders.filter((h) => h.holderId === holderId) },
      }
    : event;

/** A holder's history from the stored headings and agendas and the holder's events, in store order. */
export function storedHolderHistory(
  model: Pick<StoredHolderHistories, 'meetings' | 'agenda'>,
  holderId: string,
  events: Iterable<RecordedDomainEvent>,
): HolderHistoryView | undefined {
  const folded = { holders: new Map(), meetings: model.meetings, agenda: model.agenda };
  for (const event of events) applyToHolderHistories(folded, narrowed(event, holderId));
  return holderHistory(folded, holderId);
}

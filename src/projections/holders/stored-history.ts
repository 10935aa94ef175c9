import { AgendaItem, applyToHolderHistories, MeetingHeading } from './history';
import { holderHistory, HolderHistoryView } from './view';
import { RecordedDomainEvent } from '../shared/recorded-event';

/**
 * The holder histories as stored: the meetings' headings and agendas as documents (a few per
 * meeting, kept in memory). A holder's history is folded when asked for, by the same fold as in
 * memory, from the events the holder index lists for the holder, read back from the store: nothing
 * per holder or per vote stays in memory, and no holder's document is rewritten with each vote.
 */
export interface HolderHeadings {
  readonly meetings: Map<string, MeetingHeading>;
  readonly agenda: Map<string, AgendaItem>;
}

export const initialHolderHeadings = (): HolderHeadings => ({ meetings: new Map(), agenda: new Map() });

export function applyToHolderHeadings(model: HolderHeadings, event: RecordedDomainEvent): HolderHeadings {
  if (
    event.type === 'MeetingScheduled' ||
    event.type === 'ResolutionTabled' ||
    event.type === 'ElectionTabled'
  )
    applyToHolderHistories({ holders: new Map(), meetings: model.meetings, agenda: model.agenda }, event);
  return model;
}

/** Only the holder's own line of a register batch: the rest is other holders' business. */
const narrowed = (event: RecordedDomainEvent, holderId: string): RecordedDomainEvent =>
  event.type === 'EntitlementsRecorded'
    ? {
        ...event,
        data: { ...event.data, holders: event.data.holders.filter((h) => h.holderId === holderId) },
      }
    : event;

/** A holder's history from the stored headings and agendas and the events naming the holder, in store order. */
export function storedHolderHistory(
  model: HolderHeadings,
  holderId: string,
  events: Iterable<RecordedDomainEvent>,
): HolderHistoryView | undefined {
  const folded = { holders: new Map(), meetings: model.meetings, agenda: model.agenda };
  for (const event of events) applyToHolderHistories(folded, narrowed(event, holderId));
  return holderHistory(folded, holderId);
}

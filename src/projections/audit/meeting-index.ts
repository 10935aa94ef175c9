import { addPosition, AppendedRow, PendingRows, takePending } from '../shared/appended-rows';
import { agendaItemOf, meetingIdOf, meetingsOf } from './trail';
import { RecordedDomainEvent } from '../shared/recorded-event';

/**
 * Which events concern each meeting and each agenda item (a resolution or an election), as rows of
 * positions, in the manner of the holder index (holder-index.ts): an audit page that follows a
 * meeting or a resolution reads only its events from the store, not the whole record. The keys are
 * the audit entry's own meetingIds and resolutionIds, so the index selects exactly what the filter
 * would.
 */
export interface MeetingIndex {
  /** Each meeting's positions folded since the last checkpoint, by meeting id. */
  readonly meetings: PendingRows;
  /** Each agenda item's, by resolution or election id. */
  readonly agenda: PendingRows;
}

export const meetingIndexKey = (meetingId: string): string => `meeting:${meetingId}`;
export const agendaIndexKey = (resolutionId: string): string => `agenda:${resolutionId}`;

export const initialMeetingIndex = (): MeetingIndex => ({ meetings: new Map(), agenda: new Map() });

/**
 * Every event of a rebuild passes here (a vote concerns its meeting and its resolution): kept by the
 * ids as the event gives them, without building a key string or an array per event; the keys are
 * made once per row, at the checkpoint.
 */
export function applyToMeetingIndex(model: MeetingIndex, event: RecordedDomainEvent): MeetingIndex {
  const meetingId = meetingIdOf(event);
  if (meetingId !== undefined) addPosition(model.meetings, meetingId, event.position);
  else for (const id of meetingsOf(event)) addPosition(model.meetings, id, event.position);
  const agendaItem = agendaItemOf(event);
  if (agendaItem !== undefined) addPosition(model.agenda, agendaItem, event.position);
  return model;
}

export const takeMeetingIndexRows = (model: MeetingIndex): AppendedRow[] => [
  ...takePending(model.meetings).map((row) => ({ ...row, key: meetingIndexKey(row.key) })),
  ...takePending(model.agenda).map((row) => ({ ...row, key: agendaIndexKey(row.key) })),
];

import { addPosition, AppendedRow, PendingRows, takePending } from './appended-rows';
import { meetingsOf, resolutionsOf } from './audit-trail';
import { RecordedDomainEvent } from './recorded-event';

/**
 * Which events concern each meeting and each agenda item (a resolution or an election), as rows of
 * positions, in the manner of the holder index (holder-index.ts): an audit page that follows a
 * meeting or a resolution reads only its events from the store, not the whole record. The keys are
 * the audit entry's own meetingIds and resolutionIds, so the index selects exactly what the filter
 * would.
 */
export interface MeetingIndex {
  /** Each key's positions folded since the last checkpoint, for the runner to append with it. */
  readonly pending: PendingRows;
}

export const meetingIndexKey = (meetingId: string): string => `meeting:${meetingId}`;
export const agendaIndexKey = (resolutionId: string): string => `agenda:${resolutionId}`;

export const initialMeetingIndex = (): MeetingIndex => ({ pending: new Map() });

export function applyToMeetingIndex(model: MeetingIndex, event: RecordedDomainEvent): MeetingIndex {
  for (const meetingId of meetingsOf(event))
    addPosition(model.pending, meetingIndexKey(meetingId), event.position);
  for (const id of resolutionsOf(event)) addPosition(model.pending, agendaIndexKey(id), event.position);
  return model;
}

export const takeMeetingIndexRows = (model: MeetingIndex): AppendedRow[] => takePending(model.pending);

import { DocumentMapping } from '../shared/documents';
import { applyToHolderIndex, HolderIndex, initialHolderIndex, takeHolderIndexRows } from './holder-index';
import {
  applyToMeetingIndex,
  initialMeetingIndex,
  MeetingIndex,
  takeMeetingIndexRows,
} from './meeting-index';

/**
 * No documents: a row per holder an event names (holder-index.ts). With the store's events it is
 * the audit trail and, with the headings below, every holder's history.
 */
export const HOLDER_INDEX_DOCUMENTS: DocumentMapping<HolderIndex> = {
  projection: 'holder-index',
  sections: [],
  initial: initialHolderIndex,
  apply: applyToHolderIndex,
  touched: () => [],
  takeRows: takeHolderIndexRows,
};

/** No documents: a row per meeting and agenda item an event concerns (meeting-index.ts), for the audit trail. */
export const MEETING_INDEX_DOCUMENTS: DocumentMapping<MeetingIndex> = {
  projection: 'meeting-index',
  sections: [],
  initial: initialMeetingIndex,
  apply: applyToMeetingIndex,
  touched: () => [],
  takeRows: takeMeetingIndexRows,
};

import { documentKey, DocumentMapping } from '../shared/documents';
import { AnnouncementFacts, applyToAnnouncementFacts, initialAnnouncementFacts } from './facts';

/**
 * One document per meeting and per resolution with required abstentions. With the results documents
 * (results/documents.ts) they are all the announcement needs; the announcement itself is rendered on
 * demand and not stored.
 */
export const ANNOUNCEMENT_FACTS_DOCUMENTS: DocumentMapping<AnnouncementFacts> = {
  projection: 'announcement-facts',
  sections: ['meetings', 'abstentions'],
  initial: initialAnnouncementFacts,
  apply: applyToAnnouncementFacts,
  folds: [
    'MeetingScheduled',
    'NoticeIssued',
    'ScrutineersAppointed',
    'DirectorsPresentRecorded',
    'MeetingPostponed',
    'MeetingResumed',
    'EntitlementsRecorded',
    'ResolutionProposed',
  ],
  touched: (event) => {
    switch (event.type) {
      case 'MeetingScheduled':
      case 'NoticeIssued':
      case 'ScrutineersAppointed':
      case 'DirectorsPresentRecorded':
      case 'MeetingPostponed': // it and MeetingResumed move the meeting's time, which its document holds
      case 'MeetingResumed':
        return [documentKey('meetings', event.data.meetingId)];
      case 'EntitlementsRecorded':
        // The meeting's document keeps the names of its holders required to abstain (facts.ts).
        return event.data.holders.some((h) => h.name !== undefined)
          ? [documentKey('meetings', event.data.meetingId)]
          : [];
      case 'ResolutionProposed':
        return event.data.requiredToAbstain.length > 0
          ? [documentKey('abstentions', event.data.resolutionId)]
          : [];
      default:
        return [];
    }
  },
};

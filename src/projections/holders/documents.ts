import { documentKey, DocumentMapping } from '../shared/documents';
import { agendaKey } from './history';
import { applyToProxyRegister, initialProxyRegister, ProxyRegister, proxyKey } from './proxy-register';
import { applyToHolderHeadings, HolderHeadings, initialHolderHeadings } from './stored-history';

/** One document per meeting heading and per agenda item, for the holder histories (stored-history.ts). */
export const HOLDER_HEADINGS_DOCUMENTS: DocumentMapping<HolderHeadings> = {
  projection: 'holder-headings',
  sections: ['meetings', 'agenda'],
  initial: initialHolderHeadings,
  apply: applyToHolderHeadings,
  folds: ['MeetingScheduled', 'ResolutionTabled', 'ElectionTabled'],
  touched: (event) => {
    switch (event.type) {
      case 'MeetingScheduled':
        return [documentKey('meetings', event.data.meetingId)];
      case 'ResolutionTabled':
        return [documentKey('agenda', agendaKey(event.data.meetingId, event.data.resolutionId))];
      case 'ElectionTabled':
        return [documentKey('agenda', agendaKey(event.data.meetingId, event.data.electionId))];
      default:
        return [];
    }
  },
};

/**
 * One document per meeting and holder who lodged a proxy: paged, since a meeting of 500,000 holders
 * has as many (docs/performance.md, "The rebuild's memory at xl").
 */
export const PROXY_REGISTER_DOCUMENTS: DocumentMapping<ProxyRegister> = {
  projection: 'proxy-register',
  sections: ['holders'],
  paged: true,
  initial: initialProxyRegister,
  apply: applyToProxyRegister,
  folds: ['ProxyLodged', 'ProxyRevoked', 'AttendanceRecorded'],
  plainDocuments: true,
  touched: (event) => {
    switch (event.type) {
      case 'ProxyLodged':
      case 'ProxyRevoked':
        return [documentKey('holders', proxyKey(event.data.meetingId, event.data.holderId))];
      case 'AttendanceRecorded':
        return event.data.proxyId === undefined
          ? []
          : [documentKey('holders', proxyKey(event.data.meetingId, event.data.holderId))];
      default:
        return [];
    }
  },
};

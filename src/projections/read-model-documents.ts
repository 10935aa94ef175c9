import { AnnouncementFacts, applyToAnnouncementFacts, initialAnnouncementFacts } from './announcement-facts';
import { AppendedRow } from './appended-rows';
import { agendaKey } from './holder-history';
import { applyToHolderHeadings, HolderHeadings, initialHolderHeadings } from './holder-history-rows';
import { applyToHolderIndex, HolderIndex, initialHolderIndex, takeHolderIndexRows } from './holder-index';
import {
  applyToMeetingIndex,
  initialMeetingIndex,
  MeetingIndex,
  takeMeetingIndexRows,
} from './meeting-index';
import { applyToProxyRegister, initialProxyRegister, ProxyRegister, proxyKey } from './proxy-register';
import { RecordedDomainEvent } from './recorded-event';

/**
 * The storage mapping of the audit trail, holder histories, proxy register and announcement facts,
 * in the manner of results-documents.ts. Each model is an object of Maps ("sections"); each entry of
 * a section is one document, keyed `${section}:${id}`, and each event names the documents it
 * changes, so the projection runner rewrites only those, together with its checkpoint. Each model is
 * its own projection (its own documents and checkpoint): one can be rebuilt without the others.
 */
export interface DocumentMapping<M extends object> {
  readonly projection: string;
  /** The model's Map-valued fields, each a family of documents. */
  readonly sections: readonly (keyof M & string)[];
  initial(): M;
  apply(model: M, event: RecordedDomainEvent): M;
  /** The keys of the documents the event changes. */
  touched(event: RecordedDomainEvent): string[];
  /** The rows folded since the last call, to append (and then forget): see appended-rows.ts. */
  takeRows?(model: M): AppendedRow[];
}

export const documentKey = (section: string, id: string): string => `${section}:${id}`;

const splitKey = (key: string): [string, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
};

const sectionOf = <M extends object>(model: M, section: string): Map<string, unknown> =>
  (model as unknown as Record<string, Map<string, unknown>>)[section];

/** Maps inside documents are written as {"$map": [[key, value], …]} and read back as Maps. */
const replacer = (_key: string, value: unknown) => (value instanceof Map ? { $map: [...value] } : value);
const reviver = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && '$map' in value
    ? new Map((value as { $map: [unknown, unknown][] }).$map)
    : value;

/** The document under a key as stored, or undefined when there is none (the runner then removes it). */
export function documentOf<M extends object>(
  mapping: DocumentMapping<M>,
  model: M,
  key: string,
): string | undefined {
  const [section, id] = splitKey(key);
  if (!mapping.sections.includes(section as keyof M & string)) return undefined;
  const doc = sectionOf(model, section).get(id);
  return doc === undefined ? undefined : JSON.stringify(doc, replacer);
}

export function modelFromDocuments<M extends object>(
  mapping: DocumentMapping<M>,
  documents: Iterable<[string, string]>,
): M {
  const model = mapping.initial();
  for (const [key, text] of documents) {
    const [section, id] = splitKey(key);
    if (mapping.sections.includes(section as keyof M & string))
      sectionOf(model, section).set(id, JSON.parse(text, reviver));
  }
  return model;
}

export function applyAndTouch<M extends object>(
  mapping: DocumentMapping<M>,
  model: M,
  event: RecordedDomainEvent,
  touched: Set<string>,
): void {
  mapping.apply(model, event);
  for (const key of mapping.touched(event)) touched.add(key);
}

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

/** One document per meeting heading and per agenda item, for the holder histories (holder-history-rows.ts). */
export const HOLDER_HEADINGS_DOCUMENTS: DocumentMapping<HolderHeadings> = {
  projection: 'holder-headings',
  sections: ['meetings', 'agenda'],
  initial: initialHolderHeadings,
  apply: applyToHolderHeadings,
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

/** One document per meeting and holder who lodged a proxy. */
export const PROXY_REGISTER_DOCUMENTS: DocumentMapping<ProxyRegister> = {
  projection: 'proxy-register',
  sections: ['holders'],
  initial: initialProxyRegister,
  apply: applyToProxyRegister,
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

/**
 * One document per meeting and per resolution with required abstentions. With the results documents
 * (results-documents.ts) they are all the announcement needs; the announcement itself is rendered on
 * demand and not stored.
 */
export const ANNOUNCEMENT_FACTS_DOCUMENTS: DocumentMapping<AnnouncementFacts> = {
  projection: 'announcement-facts',
  sections: ['meetings', 'abstentions'],
  initial: initialAnnouncementFacts,
  apply: applyToAnnouncementFacts,
  touched: (event) => {
    switch (event.type) {
      case 'MeetingScheduled':
      case 'NoticeIssued':
      case 'ScrutineersAppointed':
      case 'DirectorsPresentRecorded':
        return [documentKey('meetings', event.data.meetingId)];
      case 'ResolutionProposed':
        return event.data.requiredToAbstain.length > 0
          ? [documentKey('abstentions', event.data.resolutionId)]
          : [];
      default:
        return [];
    }
  },
};

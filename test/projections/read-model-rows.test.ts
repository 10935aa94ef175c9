import { AuditFilter, AuditPaging, pageOf, queryAudit } from '../../src/projections/audit/query';
import {
  foldAuditTrail,
  holdersOf,
  meetingsOf,
  resolutionsOf,
  toAuditEntry,
} from '../../src/projections/audit/trail';
import { agendaIndexKey, meetingIndexKey } from '../../src/projections/audit/meeting-index';
import { foldHolderHistories } from '../../src/projections/holders/history';
import { holderHistory } from '../../src/projections/holders/view';
import { HolderHeadings, storedHolderHistory } from '../../src/projections/holders/stored-history';
import { HOLDER_INDEX_DOCUMENTS, MEETING_INDEX_DOCUMENTS } from '../../src/projections/audit/documents';
import { HOLDER_HEADINGS_DOCUMENTS } from '../../src/projections/holders/documents';
import { DocumentMapping, documentOf, modelFromDocuments } from '../../src/projections/shared/documents';
import { RecordedDomainEvent } from '../../src/projections/shared/recorded-event';
import { MEETING_IDS } from '../golden/reference-scenario';
import { recordedCases } from './recorded';

/**
 * The audit trail and holder histories kept as the projection runner keeps them: the holder index's
 * rows taken every `batch` events and appended (a redelivered row is written once), the headings as
 * documents, and the events read back from the store at the positions indexed. Every query answers
 * as the fold in memory does.
 */
let cases: [string, RecordedDomainEvent[]][];

beforeAll(async () => {
  cases = await recordedCases();
});

function persist<M extends object>(
  mapping: DocumentMapping<M>,
  events: readonly RecordedDomainEvent[],
  batch: number,
) {
  const index = new Map<string, Set<number>>();
  const documents = new Map<string, string>();
  const model = mapping.initial();
  const touched = new Set<string>();
  const flush = () => {
    for (const r of mapping.takeRows?.(model) ?? []) {
      expect(r.seq).toBe(r.positions[0]);
      for (const p of r.positions) index.set(r.key, (index.get(r.key) ?? new Set()).add(p));
    }
    for (const key of touched) documents.set(key, documentOf(mapping, model, key)!);
    touched.clear();
  };
  events.forEach((event, i) => {
    mapping.apply(model, event);
    for (const key of mapping.touched(event)) touched.add(key);
    if ((i + 1) % batch === 0) flush();
  });
  flush();
  return { index, documents };
}

describe.each([1, 7, 1000])('written every %i events', (batch) => {
  it('the audit trail from the store and the holder index answers every query as the trail in memory', () => {
    for (const [, events] of cases) {
      const redelivered = [...events, ...events.slice(0, 5)];
      const { index } = persist(HOLDER_INDEX_DOCUMENTS, redelivered, batch);
      const meetingIndex = persist(MEETING_INDEX_DOCUMENTS, redelivered, batch).index;
      const at = (rows: Map<string, Set<number>>, key: string) =>
        [...(rows.get(key) ?? [])].sort((a, b) => a - b).map((p) => events.find((e) => e.position === p)!);
      // As stored-queries.ts chooses: the holder index, else the meeting index, else every event.
      const stored = (filter: AuditFilter) =>
        (filter.holderId !== undefined
          ? at(index, filter.holderId)
          : filter.meetingId !== undefined
            ? at(meetingIndex, meetingIndexKey(filter.meetingId))
            : filter.resolutionId !== undefined
              ? at(meetingIndex, agendaIndexKey(filter.resolutionId))
              : events
        ).map(toAuditEntry);
      const trail = foldAuditTrail(events);
      const holders = [...new Set(events.flatMap(holdersOf))];
      const meetings = [...new Set(events.flatMap(meetingsOf))];
      const agenda = [...new Set(events.flatMap(resolutionsOf))];
      expect(meetings.length).toBeGreaterThan(0);
      expect(agenda.length).toBeGreaterThan(3);
      const filters: AuditFilter[] = [
        {},
        { meetingId: MEETING_IDS.EGM },
        { types: ['VoteCast', 'ProxyLodged'] },
        { resolutionId: events.find((e) => e.type === 'ResolutionProposed')!.data.resolutionId as string },
        ...holders.slice(0, 12).map((holderId) => ({ holderId })),
        { holderId: holders[0], types: ['VoteCast'] },
        { holderId: 'nobody' },
        ...meetings.map((meetingId) => ({ meetingId })),
        ...agenda.map((resolutionId) => ({ resolutionId })),
        ...meetings.flatMap((meetingId) => agenda.map((resolutionId) => ({ meetingId, resolutionId }))),
        { meetingId: meetings[0], types: ['VoteCast'], actor: events[events.length - 1].metadata.actor },
        { meetingId: 'nowhere' },
        { resolutionId: 'nothing' },
      ];
      const pagings: AuditPaging[] = [
        { limit: 10_000 },
        { offset: 3, limit: 4 },
        { offset: 1_000 },
        { limit: 0 },
        { afterPosition: events[5].position, limit: 6 },
        { afterPosition: -1, limit: 1 },
      ];
      for (const filter of filters)
        for (const paging of pagings)
          expect(pageOf(stored(filter), filter, paging)).toEqual(queryAudit(trail, filter, paging));
    }
  });

  it('every holder history from the events indexed is the one folded in memory; only headings are documents', () => {
    for (const [, events] of cases) {
      const { index } = persist(HOLDER_INDEX_DOCUMENTS, events, batch);
      const { documents } = persist(HOLDER_HEADINGS_DOCUMENTS, events, batch);
      const headings: HolderHeadings = modelFromDocuments(HOLDER_HEADINGS_DOCUMENTS, documents);
      const folded = foldHolderHistories(events);
      expect(folded.holders.size).toBeGreaterThan(3);
      for (const holderId of [...folded.holders.keys(), 'nobody']) {
        const indexed = [...(index.get(holderId) ?? [])].map((p) => events.find((e) => e.position === p)!);
        expect(storedHolderHistory(headings, holderId, indexed)).toEqual(holderHistory(folded, holderId));
      }
      expect([...documents.keys()].every((k) => k.startsWith('meetings:') || k.startsWith('agenda:'))).toBe(
        true,
      );
    }
  });
});

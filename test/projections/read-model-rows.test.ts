import { AppendedRow } from '../../src/projections/appended-rows';
import { AuditFilter, AuditPaging, pageOf, queryAudit } from '../../src/projections/audit-query';
import { holderIndexKey } from '../../src/projections/audit-rows';
import { foldAuditTrail, holdersOf, toAuditEntry } from '../../src/projections/audit-trail';
import { foldHolderHistories, holderHistory } from '../../src/projections/holder-history';
import { storedHolderHistory } from '../../src/projections/holder-history-rows';
import {
  AUDIT_TRAIL_DOCUMENTS,
  DocumentMapping,
  documentOf,
  HOLDER_HISTORY_DOCUMENTS,
  modelFromDocuments,
} from '../../src/projections/read-model-documents';
import { RecordedDomainEvent } from '../../src/projections/recorded-event';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { hkAgmCommands } from './hk-agm-scenario';
import { recordedEvents } from './recorded';

/**
 * The audit trail and holder histories kept as the projection runner keeps them: index rows taken
 * every `batch` events and appended (a redelivered row replaces itself), a few documents, and the
 * events themselves read back from the store at the positions indexed. Every query answers as the
 * fold in memory does.
 */
let cases: [string, RecordedDomainEvent[]][];

beforeAll(async () => {
  cases = [
    ['reference', await recordedEvents(referenceCommands())],
    ['HK AGM', await recordedEvents(hkAgmCommands())],
  ];
});

function persist<M extends object>(
  mapping: DocumentMapping<M>,
  events: readonly RecordedDomainEvent[],
  batch: number,
) {
  const rows = new Map<string, Map<number, string>>();
  const documents = new Map<string, string>();
  const model = mapping.initial();
  const touched = new Set<string>();
  const flush = () => {
    for (const r of mapping.takeRows!(model) as AppendedRow[]) {
      const under = rows.get(r.key) ?? new Map<number, string>();
      under.set(r.seq, r.body);
      rows.set(r.key, under);
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
  const under = (key: string) => [...(rows.get(key) ?? new Map<number, string>())].sort(([a], [b]) => a - b);
  return { under, documents, model };
}

const at = (events: readonly RecordedDomainEvent[], positions: [number, string][]) =>
  positions.map(([seq]) => events.find((e) => e.position === seq)!);

describe.each([1, 7, 1000])('written every %i events', (batch) => {
  it('the stored audit trail answers every query as the trail in memory', () => {
    for (const [, events] of cases) {
      const { under } = persist(AUDIT_TRAIL_DOCUMENTS, [...events, ...events.slice(0, 5)], batch);
      const stored = (filter: AuditFilter) =>
        (filter.holderId === undefined ? events : at(events, under(holderIndexKey(filter.holderId)))).map(
          toAuditEntry,
        );
      const trail = foldAuditTrail(events);
      const holders = [...new Set(events.flatMap(holdersOf))];
      const filters: AuditFilter[] = [
        {},
        { meetingId: MEETING_IDS.EGM },
        { types: ['VoteCast', 'ProxyLodged'] },
        { resolutionId: events.find((e) => e.type === 'ResolutionProposed')!.data.resolutionId as string },
        ...holders.slice(0, 12).map((holderId) => ({ holderId })),
        { holderId: holders[0], types: ['VoteCast'] },
        { holderId: 'nobody' },
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

  it('every holder history from its indexed events is the one folded in memory; only headings are documents', () => {
    for (const [, events] of cases) {
      const { under, documents } = persist(HOLDER_HISTORY_DOCUMENTS, events, batch);
      const headings = modelFromDocuments(HOLDER_HISTORY_DOCUMENTS, documents);
      const folded = foldHolderHistories(events);
      expect(folded.holders.size).toBeGreaterThan(3);
      for (const holderId of [...folded.holders.keys(), 'nobody'])
        expect(storedHolderHistory(headings, holderId, at(events, under(holderId)))).toEqual(
          holderHistory(folded, holderId),
        );
      expect([...documents.keys()].every((k) => k.startsWith('meetings:') || k.startsWith('agenda:'))).toBe(
        true,
      );
    }
  });
});

import { announcement, AnnouncementModels } from '../../src/projections/announcement';
import { announcementText } from '../../src/projections/announcement/text';
import { ANNOUNCEMENT_FACTS_DOCUMENTS } from '../../src/projections/announcement/documents';
import { HOLDER_HEADINGS_DOCUMENTS, PROXY_REGISTER_DOCUMENTS } from '../../src/projections/holders/documents';
import {
  applyAndTouch,
  DocumentMapping,
  documentOf,
  modelFromDocuments,
} from '../../src/projections/shared/documents';
import { RecordedDomainEvent } from '../../src/projections/shared/recorded-event';
import * as results from '../../src/projections/results/documents';
import { recordedCases } from './recorded';

/**
 * Each read model kept as documents the way the projection runner keeps the results: fold a batch,
 * rewrite only the documents the batch touched, and after any batch the stored documents read back
 * as the model folded in memory. A document an event changes but does not name would be lost here.
 */
let cases: [string, RecordedDomainEvent[]][];

beforeAll(async () => {
  cases = await recordedCases();
});

/** What the runner does, with a Map for the store: flush the touched documents every `batch` events. */
function persist<M extends object>(
  mapping: DocumentMapping<M>,
  events: readonly RecordedDomainEvent[],
  batch: number,
) {
  const stored = new Map<string, string>();
  const model = mapping.initial();
  const touched = new Set<string>();
  const flush = () => {
    for (const key of touched) {
      const doc = documentOf(mapping, model, key);
      if (doc === undefined) stored.delete(key);
      else stored.set(key, doc);
    }
    touched.clear();
  };
  events.forEach((event, i) => {
    applyAndTouch(mapping, model, event, touched);
    if ((i + 1) % batch === 0) flush();
  });
  flush();
  return { stored, model };
}

/** Every document of a model, as if each had been written. */
const allDocuments = <M extends object>(mapping: DocumentMapping<M>, model: M) =>
  new Map(
    mapping.sections.flatMap((section) =>
      [...(model[section] as unknown as Map<string, unknown>).keys()].map((id) => {
        const key = `${section}:${id}`;
        return [key, documentOf(mapping, model, key)!] as const;
      }),
    ),
  );

// The holder index keeps rows, not documents: read-model-rows.test.ts.
const MAPPINGS = [HOLDER_HEADINGS_DOCUMENTS, PROXY_REGISTER_DOCUMENTS, ANNOUNCEMENT_FACTS_DOCUMENTS] as const;

describe.each(MAPPINGS.map((m) => [m.projection, m] as const))('%s documents', (_name, mapping) => {
  it.each([1, 7, 1000])('written every %i events, hold exactly the model folded in memory', (batch) => {
    for (const [, events] of cases) {
      const m = mapping as DocumentMapping<object>;
      const { stored, model } = persist(m, events, batch);
      expect(stored).toEqual(allDocuments(m, model));
      expect(modelFromDocuments(m, stored)).toEqual(model);
    }
  });

  it('written without the Maps replacer only where they hold no Map', () => {
    const holdsMap = (value: unknown): boolean =>
      value instanceof Map ||
      (value !== null && typeof value === 'object' && Object.values(value).some(holdsMap));
    if (!mapping.plainDocuments) return;
    for (const [, events] of cases) {
      const { model } = persist(mapping as DocumentMapping<object>, events, 1000);
      const sections = model as unknown as Record<string, Map<string, unknown>>;
      const documents = mapping.sections.flatMap((section) => [...sections[section].values()]);
      expect(documents.length).toBeGreaterThan(0);
      for (const document of documents) expect(holdsMap(document)).toBe(false);
    }
  });

  it('name only documents of their own sections', () => {
    for (const [, events] of cases)
      for (const event of events)
        for (const key of mapping.touched(event))
          expect((mapping.sections as readonly string[]).includes(key.slice(0, key.indexOf(':')))).toBe(true);
  });
});

describe('the announcement from stored documents', () => {
  it('is the announcement from the events, word for word', () => {
    for (const [, events] of cases) {
      const facts = persist(ANNOUNCEMENT_FACTS_DOCUMENTS, events, 5).stored;
      const resultDocs = new Map<string, string>();
      const models = results.modelsFromDocuments([]);
      for (const event of events) {
        const touched = new Set<results.DocumentKey>();
        results.applyAndTouch(models, event, touched);
        for (const key of touched) resultDocs.set(key, results.documentOf(models, key)!);
      }
      const stored: AnnouncementModels = {
        results: results.modelsFromDocuments(resultDocs),
        facts: modelFromDocuments(ANNOUNCEMENT_FACTS_DOCUMENTS, facts),
      };
      const inMemory: AnnouncementModels = { results: models, facts: ANNOUNCEMENT_FACTS_DOCUMENTS.initial() };
      for (const event of events) ANNOUNCEMENT_FACTS_DOCUMENTS.apply(inMemory.facts, event);
      expect(announcementText(announcement(stored))).toBe(announcementText(announcement(inMemory)));
    }
  });
});

describe('document keys', () => {
  it('keep ids that contain a colon whole', () => {
    const model = PROXY_REGISTER_DOCUMENTS.initial();
    model.holders.set('m:1/h:2', { meetingId: 'm:1', holderId: 'h:2', proxies: [] });
    const stored = new Map([
      ['holders:m:1/h:2', documentOf(PROXY_REGISTER_DOCUMENTS, model, 'holders:m:1/h:2')!],
    ]);
    expect(modelFromDocuments(PROXY_REGISTER_DOCUMENTS, stored)).toEqual(model);
  });
});

describe('results documents', () => {
  it.each([1, 7, 1000])('written every %i events, read back as the models folded in memory', (batch) => {
    for (const [, events] of cases) {
      const stored = new Map<string, string>();
      const models = results.modelsFromDocuments([]);
      const touched = new Set<results.DocumentKey>();
      const flush = () => {
        for (const key of touched) stored.set(key, results.documentOf(models, key)!);
        touched.clear();
      };
      events.forEach((event, i) => {
        results.applyAndTouch(models, event, touched);
        if ((i + 1) % batch === 0) flush();
      });
      flush();
      expect(results.modelsFromDocuments([...stored].sort(([a], [b]) => a.localeCompare(b)))).toEqual(models);
      const holdings = [...models.poll.meetings.values()].reduce((n, m) => n + m.holdings.size, 0);
      expect(holdings).toBeGreaterThan(0);
      expect([...stored.keys()].filter((k) => k.startsWith('holdings:'))).toHaveLength(
        [...models.poll.meetings.values()].filter((m) => m.holdings.size > 0).length,
      );
      for (const [key, body] of stored) if (key.startsWith('poll:')) expect(body).not.toContain('holdings');
    }
  });
});

describe('results documents of earlier versions', () => {
  it('read holdings kept in the poll document, or one document per holder', () => {
    const events = cases[1][1];
    const models = results.modelsFromDocuments([]);
    for (const event of events) results.applyAndTouch(models, event, new Set());
    const [meeting] = [...models.poll.meetings.values()].filter((m) => m.holdings.size > 0);
    const poll = JSON.parse(results.documentOf(models, `poll:${meeting.meetingId}`)!) as object;
    const inPoll = { ...poll, holdings: { $map: [...meeting.holdings] } };
    const perHolder = [...meeting.holdings].map(
      ([holderId, h]) => [`holding:${meeting.meetingId}/${holderId}`, JSON.stringify(h)] as [string, string],
    );
    for (const documents of [
      [[`poll:${meeting.meetingId}`, JSON.stringify(inPoll)]],
      [...perHolder, [`poll:${meeting.meetingId}`, JSON.stringify(poll)]],
    ] as [string, string][][])
      expect(results.modelsFromDocuments(documents).poll.meetings.get(meeting.meetingId)!.holdings).toEqual(
        meeting.holdings,
      );
  });
});

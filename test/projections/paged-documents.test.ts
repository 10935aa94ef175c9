import fc from 'fast-check';
import { PROXY_REGISTER_DOCUMENTS } from '../../src/projections/holders/documents';
import {
  applyAndTouch,
  DocumentMapping,
  documentOf,
  forgetDocument,
  holdDocument,
  holdsDocument,
} from '../../src/projections/shared/documents';
import { RecordedDomainEvent } from '../../src/projections/shared/recorded-event';
import { recordedCases } from './recorded';

/**
 * A paged read model (DocumentMapping.paged) holds only the documents in use: before an event is
 * folded, the documents it names are read in from the store; once written, they are forgotten. Its
 * stored documents must be exactly those of the same fold held whole in memory. A document an event
 * reads but does not name (its `touched`) would be folded from nothing here, and differ.
 */

/** What the runner does with a paged read model, a Map for the store: flush every `batch` events. */
function paged<M extends object>(
  mapping: DocumentMapping<M>,
  events: readonly RecordedDomainEvent[],
  batch: number,
) {
  const stored = new Map<string, string>();
  const model = mapping.initial();
  const touched = new Set<string>();
  let reads = 0;
  const flush = () => {
    for (const key of touched) {
      const doc = documentOf(mapping, model, key);
      if (doc === undefined) stored.delete(key);
      else stored.set(key, doc);
      forgetDocument(mapping, model, key);
    }
    touched.clear();
  };
  events.forEach((event, i) => {
    for (const key of mapping.touched(event)) {
      if (holdsDocument(mapping, model, key) || !stored.has(key)) continue;
      holdDocument(mapping, model, key, stored.get(key)!);
      reads += 1;
    }
    applyAndTouch(mapping, model, event, touched);
    if ((i + 1) % batch === 0) flush();
  });
  flush();
  return { stored, model, reads };
}

/** The same fold held whole, every document written at the end. */
function whole<M extends object>(mapping: DocumentMapping<M>, events: readonly RecordedDomainEvent[]) {
  const model = mapping.initial();
  const keys = new Set<string>();
  for (const event of events) applyAndTouch(mapping, model, event, keys);
  const stored = new Map<string, string>();
  for (const key of keys) {
    const doc = documentOf(mapping, model, key);
    if (doc !== undefined) stored.set(key, doc);
  }
  return stored;
}

const sorted = (documents: Map<string, string>) =>
  new Map([...documents].sort(([a], [b]) => a.localeCompare(b)));

let n = 0;
const recorded = (type: string, data: object): RecordedDomainEvent =>
  ({
    type,
    data,
    streamName: 'meeting-m',
    revision: n,
    position: n++,
    metadata: {
      eventId: `e${n}`,
      commandId: `c${n}`,
      actor: 'a',
      causationId: 'c',
      correlationId: 'c',
      occurredAt: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}Z`,
    },
  }) as unknown as RecordedDomainEvent;

/** Proxies lodged, superseded, revoked and attending, over a few meetings, holders and proxy ids. */
const proxyEvents = fc.array(
  fc.record({
    kind: fc.constantFrom('lodge', 'lodge', 'revoke', 'attend'),
    meeting: fc.constantFrom('m1', 'm2'),
    holder: fc.constantFrom('h1', 'h2', 'h3', 'h4'),
    proxy: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
    shares: fc.integer({ min: 1, max: 1000 }),
    inPerson: fc.boolean(),
  }),
  { maxLength: 60 },
);

const toEvent = (e: {
  kind: string;
  meeting: string;
  holder: string;
  proxy: string;
  shares: number;
  inPerson: boolean;
}): RecordedDomainEvent => {
  const ids = { meetingId: e.meeting, holderId: e.holder };
  if (e.kind === 'lodge')
    return recorded('ProxyLodged', {
      ...ids,
      proxyId: e.proxy,
      proxyName: `Proxy ${e.proxy}`,
      shares: e.shares,
      lodgedAt: '2026-01-01T00:00:00Z',
    });
  if (e.kind === 'revoke')
    return recorded('ProxyRevoked', {
      ...ids,
      proxyId: e.proxy,
      reason: e.inPerson ? 'ATTENDED_IN_PERSON' : 'REVOKED_BY_HOLDER',
    });
  return recorded('AttendanceRecorded', {
    ...ids,
    shareClass: 'ORD',
    mode: e.inPerson ? 'IN_PERSON' : 'PROXY',
    shares: e.shares,
    votes: e.shares,
    ...(e.inPerson ? {} : { proxyId: e.proxy }),
  });
};

let cases: [string, RecordedDomainEvent[]][];

beforeAll(async () => {
  cases = await recordedCases();
});

describe('the proxy register, paged', () => {
  it('is the proxy register held whole, however often written and forgotten', () => {
    fc.assert(
      fc.property(proxyEvents, fc.integer({ min: 1, max: 10 }), (generated, batch) => {
        const events = generated.map(toEvent);
        const { stored, model } = paged(PROXY_REGISTER_DOCUMENTS, events, batch);
        expect(sorted(stored)).toEqual(sorted(whole(PROXY_REGISTER_DOCUMENTS, events)));
        // Nothing stays in memory once written.
        expect(model.holders.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it.each([1, 3, 1000])(
    'on the recorded meetings, written every %i events, reads its documents back',
    (batch) => {
      let reads = 0;
      for (const [, events] of cases) {
        const run = paged(PROXY_REGISTER_DOCUMENTS, events, batch);
        expect(sorted(run.stored)).toEqual(sorted(whole(PROXY_REGISTER_DOCUMENTS, events)));
        reads += run.reads;
      }
      // The recorded meetings lodge, supersede and attend by proxy across checkpoints: documents are read back.
      if (batch < 1000) expect(reads).toBeGreaterThan(0);
    },
  );
});

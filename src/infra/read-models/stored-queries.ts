import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { EventStore, RecordedEvent } from '../../application/event-store';
import { toRecordedDomainEvent } from '../../application/stored-events';
import {
  AuditFilter,
  AuditPage,
  AuditPaging,
  auditPager,
  pagePositions,
} from '../../projections/audit/query';
import { AuditEntry, toAuditEntry } from '../../projections/audit/trail';
import { HolderHistoryView } from '../../projections/holders/view';
import { HolderHeadings, storedHolderHistory } from '../../projections/holders/stored-history';
import { RecordedDomainEvent } from '../../projections/shared/recorded-event';
import { agendaIndexKey, meetingIndexKey } from '../../projections/audit/meeting-index';
import { HOLDER_INDEX, MEETING_INDEX } from './persisted-projections';
import { SqliteReadModels } from './sqlite-read-models';

const PAGE = 1000;
/** Wider gaps between the positions wanted are not read through. */
const GAP = 8;
const isGovrec = (e: RecordedEvent) => GOVREC_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p));

/** The store's govrec events up to a checkpoint, in order, page by page. */
/**
 * Lets the event loop take its turn between two pages: a store may read a page synchronously (SQLite
 * does), and a query over a large record would otherwise hold a server's every other request until
 * it ends.
 */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function* eventsUpTo(store: EventStore, checkpoint: number): AsyncGenerator<RecordedDomainEvent> {
  for (let after = -1; after < checkpoint;) {
    const page = await store.readAll({ afterPosition: after, maxCount: PAGE });
    if (page.length === 0) return;
    await nextTurn();
    for (const e of page) {
      if (e.position > checkpoint) return;
      if (isGovrec(e)) yield toRecordedDomainEvent(e);
    }
    after = page[page.length - 1].position;
  }
}

/**
 * The events at the positions given (an index's rows, in order), in order. Positions close together
 * (a meeting's events mostly are) are read in one call, as one page of the store, and those between
 * them that are not asked for skipped; a lone position is read alone.
 */
async function* eventsAt(
  store: EventStore,
  positions: readonly number[],
): AsyncGenerator<RecordedDomainEvent> {
  for (let i = 0; i < positions.length;) {
    const first = positions[i];
    let last = i;
    while (
      last + 1 < positions.length &&
      positions[last + 1] - first < PAGE &&
      positions[last + 1] - positions[last] <= GAP
    )
      last += 1;
    const page = await store.readAll({ fromPosition: first, maxCount: positions[last] - first + 1 });
    if (page.length === 0) return;
    await nextTurn();
    for (const e of page) {
      while (i < positions.length && positions[i] < e.position) i += 1;
      if (positions[i] === e.position) yield toRecordedDomainEvent(e);
    }
    const end = page[page.length - 1].position;
    while (i < positions.length && positions[i] <= end) i += 1;
  }
}

/** The positions of the events naming a holder, read whole (a holder's events are few). */
const positionsOf = (readModels: SqliteReadModels, holderId: string): number[] =>
  readModels.indexed(HOLDER_INDEX.name, holderId);

/**
 * The positions of the events an index selects for the filter (a holder's, a meeting's, an agenda
 * item's), or undefined when it names none of them, or when the meeting index is behind the holder
 * index (being rebuilt): then the record is read in order.
 */
function indexedPositions(readModels: SqliteReadModels, filter: AuditFilter): number[] | undefined {
  if (filter.holderId !== undefined) return positionsOf(readModels, filter.holderId);
  if (filter.meetingId === undefined && filter.resolutionId === undefined) return undefined;
  if (readModels.checkpoint(MEETING_INDEX.name) < readModels.checkpoint(HOLDER_INDEX.name)) return undefined;
  const key =
    filter.meetingId !== undefined ? meetingIndexKey(filter.meetingId) : agendaIndexKey(filter.resolutionId!);
  return readModels.indexed(MEETING_INDEX.name, key);
}

/** The filter names one thing only (then an index's rows for it are exactly the entries it selects). */
const namesOneKey = (filter: AuditFilter): boolean =>
  Object.values(filter).filter((value) => value !== undefined).length === 1;

/** The page of an index's positions: only the page's events are read from the store. */
async function pageAt(
  store: EventStore,
  positions: readonly number[],
  paging: AuditPaging,
): Promise<AuditPage> {
  const page = pagePositions(positions, paging);
  const entries: AuditEntry[] = [];
  for await (const event of eventsAt(store, page.positions)) entries.push(toAuditEntry(event));
  return { entries, total: page.total, ...(page.more ? { next: entries[entries.length - 1].position } : {}) };
}

/**
 * A page of the audit trail as of the holder index's checkpoint: a holder's, a meeting's or a
 * resolution's events through their index, any other filter by reading the record in order. Only
 * the page is kept in memory.
 */
export async function auditPage(
  store: EventStore,
  readModels: SqliteReadModels,
  filter: AuditFilter,
  paging: AuditPaging,
): Promise<AuditPage> {
  const checkpoint = readModels.checkpoint(HOLDER_INDEX.name);
  const indexed = indexedPositions(readModels, filter);
  const positions = indexed?.filter((p) => p <= checkpoint);
  if (positions !== undefined && namesOneKey(filter)) return pageAt(store, positions, paging);
  const events = positions === undefined ? eventsUpTo(store, checkpoint) : eventsAt(store, positions);
  const pager = auditPager(filter, paging);
  for await (const event of events) pager.offer(toAuditEntry(event));
  return pager.page();
}

/** A holder's history: the headings and agendas held in memory, the holder's events from the store. */
export async function holderHistoryOf(
  store: EventStore,
  readModels: SqliteReadModels,
  model: HolderHeadings,
  holderId: string,
): Promise<HolderHistoryView | undefined> {
  const events: RecordedDomainEvent[] = [];
  for await (const e of eventsAt(store, positionsOf(readModels, holderId))) events.push(e);
  return storedHolderHistory(model, holderId, events);
}

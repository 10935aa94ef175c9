import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { EventStore, RecordedEvent } from '../../application/event-store';
import { toRecordedDomainEvent } from '../../application/stored-events';
import { AuditFilter, AuditPage, AuditPaging, auditPager } from '../../projections/audit-query';
import { toAuditEntry } from '../../projections/audit-trail';
import { HolderHistoryView } from '../../projections/holder-history';
import { HolderHeadings, storedHolderHistory } from '../../projections/holder-history-rows';
import { RecordedDomainEvent } from '../../projections/recorded-event';
import { HOLDER_INDEX } from './persisted-projections';
import { SqliteReadModels } from './sqlite-read-models';

const PAGE = 1000;
const isGovrec = (e: RecordedEvent) => GOVREC_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p));

/** The store's govrec events up to a checkpoint, in order, page by page. */
async function* eventsUpTo(store: EventStore, checkpoint: number): AsyncGenerator<RecordedDomainEvent> {
  for (let after = -1; after < checkpoint;) {
    const page = await store.readAll({ afterPosition: after, maxCount: PAGE });
    if (page.length === 0) return;
    for (const e of page) {
      if (e.position > checkpoint) return;
      if (isGovrec(e)) yield toRecordedDomainEvent(e);
    }
    after = page[page.length - 1].position;
  }
}

/** The events at the positions given (an index's rows), in order. */
async function* eventsAt(
  store: EventStore,
  positions: readonly number[],
): AsyncGenerator<RecordedDomainEvent> {
  for (const position of positions) {
    const [e] = await store.readAll({ fromPosition: position, maxCount: 1 });
    if (e?.position === position) yield toRecordedDomainEvent(e);
  }
}

/** The positions of the events naming a holder, read whole (a holder's events are few). */
const positionsOf = (readModels: SqliteReadModels, holderId: string): number[] =>
  readModels.indexed(HOLDER_INDEX.name, holderId);

/**
 * A page of the audit trail as of the holder index's checkpoint: a holder's events through the
 * holder index, any other filter by reading the record in order. Only the page is kept in memory.
 */
export async function auditPage(
  store: EventStore,
  readModels: SqliteReadModels,
  filter: AuditFilter,
  paging: AuditPaging,
): Promise<AuditPage> {
  const checkpoint = readModels.checkpoint(HOLDER_INDEX.name);
  const events =
    filter.holderId === undefined
      ? eventsUpTo(store, checkpoint)
      : eventsAt(store, positionsOf(readModels, filter.holderId));
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

import { AppendedRow } from './appended-rows';
import { holdersOf } from './audit-trail';
import { RecordedDomainEvent } from './recorded-event';

/**
 * The audit trail as stored. Its entries are the store's events, which already are the ordered
 * record: a query reads them from the event store and describes each (toAuditEntry) as it pages.
 * What the store cannot answer quickly is which events name a holder (a register batch names
 * thousands); that index is kept here as an empty row per holder and event, appended with each
 * checkpoint. Nothing of it stays in memory between checkpoints.
 */
export const holderIndexKey = (holderId: string): string => `holder:${holderId}`;

export interface AuditRows {
  /** The rows folded since the last checkpoint, for the runner to append with it. */
  pending: AppendedRow[];
}

export const initialAuditRows = (): AuditRows => ({ pending: [] });

export function applyToAuditRows(model: AuditRows, event: RecordedDomainEvent): AuditRows {
  for (const holderId of holdersOf(event))
    model.pending.push({ key: holderIndexKey(holderId), seq: event.position, body: '' });
  return model;
}

export function takeAuditRows(model: AuditRows): AppendedRow[] {
  const rows = model.pending;
  model.pending = [];
  return rows;
}

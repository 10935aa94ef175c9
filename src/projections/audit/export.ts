import { csvRecords } from '../shared/csv';
import { AuditEntry } from './trail';

/** The columns of an exported audit trail, in order; the filter-only fields stay out. */
export const AUDIT_COLUMNS = [
  'position',
  'streamName',
  'revision',
  'type',
  'actor',
  'occurredAt',
  'commandId',
  'causationId',
  'correlationId',
  'eventId',
  'summary',
] as const;

type Exported = Pick<AuditEntry, (typeof AUDIT_COLUMNS)[number]>;

const exported = (e: AuditEntry): Exported =>
  Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, e[c]])) as unknown as Exported;

/**
 * A header line and one line per entry, each ended by CRLF as RFC 4180 prescribes, written by the
 * one CSV writer (csvRecords): a value a spreadsheet would run as a formula (a summary quoting a
 * holder's name `=HYPERLINK(…)`) gets a leading apostrophe. The JSON export is the one that gives
 * every value exactly as recorded.
 */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return csvRecords([AUDIT_COLUMNS, ...entries.map((e) => AUDIT_COLUMNS.map((c) => e[c]))], '\r\n');
}

export const auditJson = (entries: readonly AuditEntry[]): string =>
  JSON.stringify(entries.map(exported), null, 2);

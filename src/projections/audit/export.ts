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
 * RFC 4180: a field holding a comma, a double quote, CR or LF is quoted and its quotes doubled.
 * Values are written as recorded (no spreadsheet-formula escaping): an audit export must not alter
 * what it exports.
 */
export const csvField = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A header line and one line per entry, each ended by CRLF as RFC 4180 prescribes. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const lines = [
    AUDIT_COLUMNS.join(','),
    ...entries.map((e) => AUDIT_COLUMNS.map((c) => csvField(e[c])).join(',')),
  ];
  return lines.map((line) => `${line}\r\n`).join('');
}

export const auditJson = (entries: readonly AuditEntry[]): string =>
  JSON.stringify(entries.map(exported), null, 2);

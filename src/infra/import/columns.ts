import { ImportKind } from './import-types';

/** One column of an import file and the command field it fills. */
export interface Column {
  readonly name: string;
  /** The payload field (votes: `attendance` and `representative` fill the attendance command). */
  readonly field: string;
  readonly required: boolean;
  /** Counts are whole numbers of shares; anything else is passed on as written for the codec to refuse. */
  readonly count?: boolean;
}

const column = (name: string, field: string, required = true, count = false): Column => ({
  name,
  field,
  required,
  count,
});

/** The columns of each kind of file, in the order the examples use; the header may order them freely. */
export const COLUMNS: Readonly<Record<ImportKind, readonly Column[]>> = {
  register: [
    column('holder_id', 'holderId'),
    column('share_class', 'shareClass'),
    column('shares', 'shares', true, true),
    column('name', 'name', false),
  ],
  proxies: [
    column('proxy_id', 'proxyId'),
    column('holder_id', 'holderId'),
    column('proxy_name', 'proxyName'),
    column('lodged_at', 'lodgedAt'),
    column('shares', 'shares', false, true),
  ],
  votes: [
    column('resolution_id', 'resolutionId'),
    column('holder_id', 'holderId'),
    column('for', 'for', true, true),
    column('against', 'against', true, true),
    column('abstain', 'abstain', true, true),
    column('share_class', 'shareClass', false),
    column('attendance', 'mode', false),
    column('representative', 'representative', false),
  ],
};

/** The file's header matched to the kind's columns: which cell holds which column. */
export interface Header {
  readonly kind: ImportKind;
  readonly columns: readonly Column[];
  readonly width: number;
}

/** Checks a header: every required column present, none unknown or repeated (a typo must not drop data). */
export function readHeader(kind: ImportKind, cells: readonly string[]): Header | string {
  const known = COLUMNS[kind];
  const names = cells.map((c) => c.toLowerCase());
  const unknown = names.filter((n) => !known.some((c) => c.name === n));
  if (unknown.length > 0)
    return `Unknown column ${unknown.map((n) => `"${n}"`).join(', ')}; a ${kind} file has ${describe(kind)}`;
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) return `Column "${repeated}" appears twice`;
  const missing = known.filter((c) => c.required && !names.includes(c.name));
  if (missing.length > 0)
    return `Missing column ${missing.map((c) => `"${c.name}"`).join(', ')}; a ${kind} file has ${describe(kind)}`;
  return { kind, columns: names.map((n) => known.find((c) => c.name === n)!), width: cells.length };
}

const describe = (kind: ImportKind): string =>
  COLUMNS[kind].map((c) => (c.required ? c.name : `[${c.name}]`)).join(', ');

/** A row's cells as command fields; an empty cell is an absent field. */
export function fieldsOf(header: Header, cells: readonly string[]): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  header.columns.forEach((col, i) => {
    const cell = cells[i];
    if (cell !== undefined && cell !== '') fields[col.field] = col.count ? toCount(cell) : cell;
  });
  return fields;
}

/** Digits become a number only when it is exact; otherwise the text goes on, so the refusal quotes it. */
function toCount(cell: string): unknown {
  if (!/^\d+$/.test(cell)) return cell;
  const n = Number(cell);
  return Number.isSafeInteger(n) ? n : cell;
}

/**
 * The column a refusal's field came from: `payload.holders[0].shares` → `shares`, `payload.for` →
 * `for`. Fields the file does not fill (the meeting, the command id) map to the empty string.
 */
export function columnOf(kind: ImportKind, field: string): string {
  const name = field.replace(/^payload\./, '').replace(/^holders\[\d+\]\./, '');
  return COLUMNS[kind].find((c) => c.field === name)?.name ?? '';
}

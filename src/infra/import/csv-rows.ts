import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { StrayQuoteLine, strayQuoteFilter } from './line-quotes';

/** One record of the file, or a stretch the CSV parser could not read (it skips it and goes on). */
export type CsvItem =
  | {
      readonly kind: 'record';
      /** The line the record starts on (1 = the header), as an editor shows it. */
      readonly line: number;
      readonly cells: readonly string[];
      /** The record as written, for the rejects file. */
      readonly raw: string;
      /** Bytes of the file the parser has read, for the progress bar's ETA. */
      readonly bytes: number;
    }
  | { readonly kind: 'malformed'; readonly line: number; readonly message: string; readonly raw: string };

interface Skipped {
  readonly item: CsvItem;
  /** How many records the parser had produced before it: where the item goes in the sequence. */
  readonly after: number;
  /** The parser's line when it gave up, where counting resumes. */
  readonly lines: number;
}

/**
 * Streams a CSV file record by record (the file is never held whole in memory; the parser pauses
 * while the consumer works). Cells are trimmed, blank lines and a byte-order mark skipped. A record
 * with the wrong number of cells is passed on for the caller to refuse; a record the parser cannot
 * read at all (a stray quote) is reported as malformed rather than ending the import: a line whose
 * quotes are ill formed is taken out before the parser sees it (line-quotes.ts), so that it is
 * reported once, on its own line, and the lines after it are read as they are.
 *
 * Line numbers are counted from each record's raw text (which includes the blank lines skipped
 * before it) rather than taken from the parser's `info` option, which copies its whole state for
 * every record and more than doubles the cost of parsing. After a malformed stretch counting
 * resumes from the parser's own line.
 */
export async function* readCsvRows(file: string): AsyncGenerator<CsvItem> {
  const skipped: Skipped[] = [];
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    skip_records_with_error: true,
    raw: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const lines = parser.info.lines;
      const message = error?.message ?? 'Unreadable CSV record';
      const item: CsvItem = { kind: 'malformed', line: lines, message, raw: (raw ?? '').trim() };
      skipped.push({ item, after: parser.info.records, lines });
      return undefined;
    },
  });
  const strays: StrayQuoteLine[] = [];
  const filter = strayQuoteFilter((stray) => strays.push(stray));
  // Decoded as a stream of text (a character split between two reads is kept whole); bytes that
  // are not UTF-8 refuse the file before it is read here (import-file.ts).
  createReadStream(file, { encoding: 'utf8' })
    .on('error', (error) => parser.destroy(error))
    .pipe(filter)
    .pipe(parser);
  const stray = ({ line, raw }: StrayQuoteLine): CsvItem => ({
    kind: 'malformed',
    line,
    raw: raw.trim(),
    message: `Ill-formed quotes on line ${line}: a quoted cell must be quoted whole, its quotes doubled`,
  });
  let records = 0;
  let lines = 0;
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    while (skipped.length > 0 && skipped[0].after <= records) {
      const stretch = skipped.shift()!;
      lines = stretch.lines;
      yield stretch.item;
    }
    const line = lines + 1 + leadingNewlines(raw);
    while (strays.length > 0 && strays[0].line < line) yield stray(strays.shift()!);
    lines += countNewlines(raw);
    records += 1;
    yield { kind: 'record', line, cells: record, raw: raw.trim(), bytes: parser.info.bytes };
  }
  yield* skipped.map((s) => s.item);
  yield* strays.map(stray);
}

/** Line breaks in a stretch of the file: \r\n, \n or a lone \r each end a line (the parser accepts all three). */
function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === CR || (c === LF && text.charCodeAt(i - 1) !== CR)) n += 1;
  }
  return n;
}

/** Line breaks before the record: the blank lines the parser skipped. */
function leadingNewlines(text: string): number {
  let end = 0;
  while (end < text.length && (text.charCodeAt(end) === CR || text.charCodeAt(end) === LF)) end += 1;
  return countNewlines(text, end);
}

const CR = 13;
const LF = 10;

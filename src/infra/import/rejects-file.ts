import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvRecords } from '../../projections/shared/csv';

/** One refused row, as the rejects file states it. */
export interface Reject {
  readonly line: number;
  readonly rule: string;
  /** The column at fault, or empty when the row as a whole is (a stray quote, the poll not open). */
  readonly field: string;
  readonly message: string;
  /** The row as written in the file. */
  readonly row: string;
}

export const REJECTS_HEADER = 'line,rule,field,message,row';

/**
 * The refused rows of one run, written as they come (in small buffered writes, so a run killed half
 * way leaves what it had found), then, once the run ends, put in the file's line order: a row the
 * codec refuses is known at once, one the rules refuse only when its batch is recorded, so they
 * come out of order. The file is created on the first refusal and replaced by every run: it
 * describes the last run, and a run without refusals removes the previous run's file.
 */
export class RejectsFile {
  private fd: number | undefined;
  private buffer: (string | number)[][] = [];
  private count = 0;
  private lastLine = 0;
  private outOfOrder = false;

  constructor(readonly path: string) {}

  get written(): number {
    return this.count;
  }

  add(reject: Reject): void {
    if (this.fd === undefined) {
      this.fd = openSync(this.path, 'w');
      this.buffer.push(REJECTS_HEADER.split(','));
    }
    const { line, rule, field, message, row } = reject;
    if (line < this.lastLine) this.outOfOrder = true;
    this.lastLine = Math.max(this.lastLine, line);
    // The row as written in a registrar's file, and messages quoting its cells: written by the one
    // CSV writer, which neutralises any cell a spreadsheet would run as a formula.
    this.buffer.push([line, rule, field, message, row]);
    this.count += 1;
    if (this.buffer.length >= 500) this.flush();
  }

  close(): void {
    if (this.fd === undefined) {
      if (existsSync(this.path)) rmSync(this.path);
      return;
    }
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
    if (this.outOfOrder) this.sortByLine();
  }

  /**
   * Read back, sorted by line (stable: a row's rejects keep their order), written whole to a
   * temporary file and renamed over the file: read back rather than kept, so that a run refusing a
   * million rows holds them in memory only this once, at its end.
   */
  private sortByLine(): void {
    const [header, ...records] = parse(readFileSync(this.path, 'utf8')) as string[][];
    records.sort((a, b) => Number(a[0]) - Number(b[0]));
    const sorted = `${this.path}.sorting`;
    writeFileSync(sorted, csvRecords([header, ...records]));
    renameSync(sorted, this.path);
    this.outOfOrder = false;
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    writeSync(this.fd, csvRecords(this.buffer));
    this.buffer = [];
  }
}

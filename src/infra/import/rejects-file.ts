import { closeSync, existsSync, openSync, rmSync, writeSync } from 'node:fs';
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
 * way leaves what it had found). The file is created on the first refusal and replaced by every
 * run: it describes the last run, and a run without refusals removes the previous run's file.
 */
export class RejectsFile {
  private fd: number | undefined;
  private buffer: (string | number)[][] = [];
  private count = 0;

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
  }

  private flush(): void {
    if (this.fd === undefined || this.buffer.length === 0) return;
    writeSync(this.fd, csvRecords(this.buffer));
    this.buffer = [];
  }
}

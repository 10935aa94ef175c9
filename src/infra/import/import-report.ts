import { DomainError } from '../../domain/shared/errors';
import { columnOf } from './columns';
import { ImportKind, ImportProgress } from './import-types';
import { RejectsFile } from './rejects-file';

/** A data row of the file, as the sinks see it. */
export interface SourceRow {
  readonly line: number;
  readonly raw: string;
}

/** Counts what became of each row and writes the refused ones to the rejects file. */
export class ImportReport {
  rows = 0;
  recorded = 0;
  alreadyRecorded = 0;
  attendanceRecorded = 0;
  bytes = 0;
  readonly byRule = new Map<string, number>();

  constructor(
    readonly kind: ImportKind,
    readonly rejects: RejectsFile,
  ) {}

  get rejected(): number {
    return this.rejects.written;
  }

  /** A row refused by a codec or a rule; `field` is the command's field, reported as its column. */
  reject(row: SourceRow, error: DomainError): void {
    this.rejectAs(row, error.rule, columnOf(this.kind, error.field), error.message);
  }

  rejectAs(row: SourceRow, rule: string, column: string, message: string): void {
    this.byRule.set(rule, (this.byRule.get(rule) ?? 0) + 1);
    this.rejects.add({ line: row.line, rule, field: column, message, row: row.raw });
  }

  progress(totalBytes: number, elapsedMs: number, done: boolean): ImportProgress {
    const { kind, rows, recorded, alreadyRecorded, rejected, bytes } = this;
    return { kind, rows, recorded, alreadyRecorded, rejected, bytes, totalBytes, elapsedMs, done };
  }
}

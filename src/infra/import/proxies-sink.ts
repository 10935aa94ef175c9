import { isLeft } from 'fp-ts/Either';
import { MeetingCommand } from '../../domain/meeting/commands';
import { SourceRow } from './import-report';
import { decodeRowCommand, FieldRow, RowSink, SinkContext, tally } from './row-sink';

interface CommandRow extends SourceRow {
  readonly command: MeetingCommand;
}

/** One LodgeProxy per row, appended to the meeting's stream a batch at a time. */
export class ProxiesSink implements RowSink {
  private pending: CommandRow[] = [];

  constructor(private readonly context: SinkContext) {}

  async take(row: FieldRow): Promise<void> {
    const decoded = decodeRowCommand(this.context, 'LodgeProxy', row.line, {
      meetingId: this.context.meetingId,
      ...row.fields,
    });
    if (isLeft(decoded)) return this.context.report.reject(row, decoded.left);
    this.pending.push({ ...row, command: decoded.right as MeetingCommand });
    if (this.pending.length >= this.context.batchSize) await this.finish();
  }

  async finish(): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    const outcomes = await this.context.handler.handleBatch(rows.map((r) => r.command));
    outcomes.forEach((outcome, i) => tally(this.context, rows[i], outcome));
  }
}

import { isLeft } from 'fp-ts/Either';
import { MeetingCommand } from '../../domain/meeting/commands';
import { ResolutionCommandOf } from '../../domain/resolution/commands';
import { InFlight, VOTE_BATCHES_IN_FLIGHT } from './in-flight';
import { SourceRow } from './import-report';
import { decodeRowCommand, FieldRow, RowSink, SinkContext, tally } from './row-sink';

interface VoteRow extends SourceRow {
  readonly command: ResolutionCommandOf<'CastVote'>;
  /** Set when the row's attendance was refused: the row is rejected for that, its vote not cast. */
  cancelled?: boolean;
}

interface AttendanceRow extends SourceRow {
  readonly command: MeetingCommand;
  readonly vote: VoteRow;
}

/**
 * One CastVote per row, held per resolution and cast a batch at a time (one append per resolution
 * per batch). A row may also say how its holder attends; the first such row of each holder records
 * the attendance, before any vote of the batch is cast. A holder already attending is not an error.
 */
export class VotesSink implements RowSink {
  private readonly inFlight = new InFlight(VOTE_BATCHES_IN_FLIGHT);
  private readonly byResolution = new Map<string, VoteRow[]>();
  private attendance: AttendanceRow[] = [];
  /** Holders whose attendance this run has already dealt with: grows with holders, not rows. */
  private readonly attendanceTaken = new Set<string>();

  constructor(private readonly context: SinkContext) {}

  take(row: FieldRow): Promise<void> {
    return this.inFlight.guard(() => this.takeRow(row));
  }

  async finish(): Promise<void> {
    await this.inFlight.guard(async () => {
      await this.recordAttendance();
      for (const resolutionId of [...this.byResolution.keys()]) await this.castQueue(resolutionId);
    });
    await this.inFlight.drain();
  }

  private async takeRow(row: FieldRow): Promise<void> {
    const { mode, representative, ...ballot } = row.fields;
    const decoded = decodeRowCommand(this.context, 'CastVote', row.line, {
      meetingId: this.context.meetingId,
      ...ballot,
    });
    if (isLeft(decoded)) return this.context.report.reject(row, decoded.left);
    const vote: VoteRow = { ...row, command: decoded.right as ResolutionCommandOf<'CastVote'> };
    if (mode !== undefined || representative !== undefined) {
      const refused = this.takeAttendance(vote, { mode, representative });
      if (refused) return;
    }
    const queue = this.queueOf(vote.command.payload.resolutionId);
    queue.push(vote);
    if (queue.length >= this.context.batchSize) await this.castQueue(vote.command.payload.resolutionId);
    if (this.attendance.length >= this.context.batchSize) await this.recordAttendance();
  }

  /** Queues the holder's attendance; true when the row's attendance cells do not decode. */
  private takeAttendance(vote: VoteRow, cells: Record<string, unknown>): boolean {
    const holderId = vote.command.payload.holderId;
    if (this.attendanceTaken.has(holderId)) return false;
    const present = Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== undefined));
    const decoded = decodeRowCommand(
      this.context,
      'RecordAttendance',
      vote.line,
      { meetingId: this.context.meetingId, holderId, ...present },
      ':att',
    );
    if (isLeft(decoded)) {
      this.context.report.reject(vote, decoded.left);
      return true;
    }
    this.attendanceTaken.add(holderId);
    this.attendance.push({ ...vote, command: decoded.right as MeetingCommand, vote });
    return false;
  }

  private async recordAttendance(): Promise<void> {
    const rows = this.attendance;
    this.attendance = [];
    if (rows.length === 0) return;
    const { handler, report } = this.context;
    const outcomes = await handler.handleBatch(rows.map((r) => r.command));
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'recorded') report.attendanceRecorded += 1;
      if (outcome.kind !== 'refused' || outcome.error.rule === 'AlreadyAttending') return;
      rows[i].vote.cancelled = true;
      report.reject(rows[i], outcome.error);
    });
  }

  private async castQueue(resolutionId: string): Promise<void> {
    // A holder's attendance must be on the record before its vote is decided: awaited here, before
    // the batch is started, never inside it.
    await this.recordAttendance();
    const rows = (this.byResolution.get(resolutionId) ?? []).filter((r) => !r.cancelled);
    this.byResolution.delete(resolutionId);
    if (rows.length === 0) return;
    await this.inFlight.start(async () => {
      const outcomes = await this.context.handler.handleBatch(rows.map((r) => r.command));
      outcomes.forEach((outcome, i) => tally(this.context, rows[i], outcome));
    });
  }

  private queueOf(resolutionId: string): VoteRow[] {
    let queue = this.byResolution.get(resolutionId);
    if (!queue) this.byResolution.set(resolutionId, (queue = []));
    return queue;
  }
}

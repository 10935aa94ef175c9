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
 * A row is one unit: its attendance is recorded only if its vote, tried on the meeting as that
 * attendance would leave it, is accepted; a row refused (an over-vote, an unknown resolution, a
 * closed poll) records nothing, and a later row of its holder may carry the attendance instead.
 */
export class VotesSink implements RowSink {
  private readonly inFlight = new InFlight(VOTE_BATCHES_IN_FLIGHT);
  private readonly byResolution = new Map<string, VoteRow[]>();
  private attendance: AttendanceRow[] = [];
  /** Holders whose attendance this run has already dealt with: grows with holders, not rows. */
  private readonly attendanceTaken = new Set<string>();
  /** Holders with a vote queued before their attendance was taken (their trial includes it). */
  private readonly votedBeforeAttendance = new Set<string>();

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
      // The holder's attendance is pending on an earlier row, whose vote may yet be refused: that
      // is settled first, so that this row carries the attendance if the earlier one does not.
      if (this.attendance.some((r) => r.vote.command.payload.holderId === vote.command.payload.holderId))
        await this.recordAttendance();
      const refused = this.takeAttendance(vote, { mode, representative });
      if (refused) return;
    } else if (!this.attendanceTaken.has(vote.command.payload.holderId))
      this.votedBeforeAttendance.add(vote.command.payload.holderId);
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
    const rows = await this.keepAcceptedRows(this.attendance);
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

  /**
   * The rows whose attendance may be recorded: those whose vote, tried after the attendance (and
   * after any vote of the holder on that resolution queued before it), is accepted. The others are
   * refused here, once, and their vote is not cast.
   */
  private async keepAcceptedRows(rows: readonly AttendanceRow[]): Promise<AttendanceRow[]> {
    if (rows.length === 0) return [];
    const ballots: VoteRow[] = [];
    const voteAt = rows.map((row) => {
      const holderId = row.vote.command.payload.holderId;
      if (this.votedBeforeAttendance.has(holderId))
        for (const queued of this.queueOf(row.vote.command.payload.resolutionId))
          if (queued !== row.vote && !queued.cancelled && queued.command.payload.holderId === holderId)
            ballots.push(queued);
      return ballots.push(row.vote) - 1;
    });
    const trial = await this.context.handler.trialAfterMeeting(
      this.context.meetingId,
      rows.map((r) => r.command),
      ballots.map((b) => b.command),
    );
    return rows.filter((row, i) => {
      const attendance = trial.meeting[i];
      const vote = trial.ballots[voteAt[i]];
      const refusal =
        isLeft(attendance) && attendance.left.rule !== 'AlreadyAttending'
          ? attendance.left
          : isLeft(vote)
            ? vote.left
            : undefined;
      if (!refusal) return true;
      row.vote.cancelled = true;
      this.attendanceTaken.delete(row.vote.command.payload.holderId);
      this.context.report.reject(row, refusal);
      return false;
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

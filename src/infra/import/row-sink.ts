import { Either } from 'fp-ts/Either';
import { Loaded } from '../../application/aggregate-states';
import { Meeting, streamName } from '../../application/aggregates';
import { CommandHandler } from '../../application/command-handler';
import { BatchOutcome } from '../../application/record-stream';
import { decodeCommand } from '../../application/validation';
import { GovrecCommand } from '../../domain/commands';
import { MeetingState } from '../../domain/meeting/state';
import { DomainError } from '../../domain/shared/errors';
import { ImportReport, SourceRow } from './import-report';

/** A data row with its cells as command fields. */
export interface FieldRow extends SourceRow {
  readonly fields: Record<string, unknown>;
}

/** Takes the rows of one kind of file, turns them into commands and records them (in batches). */
export interface RowSink {
  take(row: FieldRow): Promise<void>;
  /** Records whatever is still buffered. */
  finish(): Promise<void>;
}

export interface SinkContext {
  readonly meetingId: string;
  readonly actor: string;
  readonly issuedAt: string;
  /** See commandIdPrefix: with the line number, the command id of each row. */
  readonly idPrefix: string;
  readonly batchSize: number;
  readonly report: ImportReport;
  /** The one write path: every row's command is recorded through it, in batches. */
  readonly handler: CommandHandler;
}

/** The meeting as the store holds it now, with the commands recorded in it (cached; only new events are read). */
export const meetingOnRecord = (
  context: Pick<SinkContext, 'handler' | 'meetingId'>,
): Promise<Loaded<MeetingState>> =>
  context.handler.states.load(Meeting, streamName(Meeting, context.meetingId));

/**
 * A row's command through the domain's codec, exactly as a scenario's or an API's would be. Its id
 * is derived from the file and the line (plus a suffix when one row makes two commands).
 */
export function decodeRowCommand(
  context: SinkContext,
  type: string,
  line: number,
  payload: Record<string, unknown>,
  suffix = '',
): Either<DomainError, GovrecCommand> {
  return decodeCommand({
    type,
    commandId: `${context.idPrefix}:L${line}${suffix}`,
    actor: context.actor,
    issuedAt: context.issuedAt,
    payload,
  });
}

/** Counts a row by what became of its command. */
export function tally(context: SinkContext, row: SourceRow, outcome: BatchOutcome): void {
  if (outcome.kind === 'recorded') context.report.recorded += 1;
  else if (outcome.kind === 'alreadyRecorded') context.report.alreadyRecorded += 1;
  else context.report.reject(row, outcome.error);
}

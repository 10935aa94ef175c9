import { Either } from 'fp-ts/Either';
import { DomainEvent } from '../../domain/events';
import { GovrecCommand } from '../../domain/commands';
import { ElectionCommand } from '../../domain/election/commands';
import { MeetingCommand } from '../../domain/meeting/commands';
import { MeetingContext } from '../../domain/meeting/decide';
import { ResolutionCommand } from '../../domain/resolution/commands';
import { DomainError } from '../../domain/shared/errors';
import { AggregateStates } from '../aggregate-states';
import { EventStore } from '../event-store';
import { BatchOutcome, StreamDecider } from '../record-stream';

/** What one stream received from a command. */
export interface StreamOutcome {
  readonly streamName: string;
  readonly events: readonly DomainEvent[];
  /** True when the command had been recorded before: nothing new was written. */
  readonly alreadyRecorded: boolean;
}

export interface CommandOutcome {
  readonly commandId: string;
  readonly streams: readonly StreamOutcome[];
}

/**
 * The single-stream steps a command spanning several streams is made of, each through the one
 * write path; `origin` is the command a client sent when the step is derived from it.
 */
export interface CommandSteps {
  readonly store: EventStore;
  readonly states: AggregateStates;
  readonly meetingContext: MeetingContext;
  onMeeting(
    command: MeetingCommand,
    origin?: GovrecCommand,
    context?: MeetingContext,
  ): Promise<Either<DomainError, StreamOutcome>>;
  onResolution(
    command: ResolutionCommand,
    origin?: GovrecCommand,
  ): Promise<Either<DomainError, StreamOutcome>>;
  onElection(command: ElectionCommand, origin?: GovrecCommand): Promise<Either<DomainError, StreamOutcome>>;
  handle(command: GovrecCommand): Promise<Either<DomainError, CommandOutcome>>;
  deciderOf(command: GovrecCommand): { stream: string; decider: StreamDecider<unknown, GovrecCommand> };
  recordOn<S, C extends GovrecCommand>(
    decider: StreamDecider<S, C>,
    stream: string,
    commands: readonly C[],
  ): Promise<BatchOutcome[]>;
  /** Runs `work` once the work on `stream` started before it has settled. */
  inTurn<T>(stream: string, work: () => Promise<T>): Promise<T>;
}

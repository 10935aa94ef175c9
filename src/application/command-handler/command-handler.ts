import { Either, isLeft, left, right } from 'fp-ts/Either';
import { TaskEither } from 'fp-ts/TaskEither';
import { DomainEvent } from '../../domain/events';
import { GovrecCommand, isElectionCommand, isResolutionCommand } from '../../domain/commands';
import { ElectionCommand } from '../../domain/election/commands';
import { MeetingCommand } from '../../domain/meeting/commands';
import { MeetingContext } from '../../domain/meeting/decide';
import { ResolutionCommand } from '../../domain/resolution/commands';
import { RuleSet } from '../../domain/rules/rule-set';
import { DomainError } from '../../domain/shared/errors';
import { AggregateStates } from '../aggregate-states';
import { Election, Meeting, Resolution, streamName } from '../aggregates';
import { commandDigest } from '../command-digest';
import { EventStore } from '../event-store';
import { BatchOutcome, recordBatch, RetryPolicy, StreamDecider } from '../record-stream';
import { recordInBatches } from './batches';
import { certify, closePoll } from './closing';
import { propose, proposeElection } from './proposals';
import { CommandOutcome, CommandSteps, StreamOutcome } from './steps';
import { Trial, trialAfterMeeting } from './trial';
import { electionDecider, meetingDecider, resolutionDecider } from './stream-deciders';

export type { CommandOutcome, StreamOutcome } from './steps';
export type { Trial } from './trial';

export interface CommandHandlerOptions extends RetryPolicy {
  readonly ruleSets: (id: string) => RuleSet | undefined;
  /** Where aggregate states are read (and cached): the infrastructure's implementation of the port. */
  readonly states: AggregateStates;
}

/**
 * The one way anything is written: a client's command, a scenario, an import's batch, an HTTP
 * request. Loads the aggregates a command concerns, lets the domain decide, and appends the events
 * with the revision the decision was made on (recordBatch: one retry policy for a lost race, one
 * idempotency check, one refusal of a reused command id). A command that spans streams (a proposal
 * and its tablings, closing a poll, certifying) is made of single-stream steps, each checked before
 * any is written where the domain allows.
 */
export class CommandHandler implements CommandSteps {
  readonly states: AggregateStates;
  readonly meetingContext: MeetingContext;
  /** Per stream, the batch being recorded: the next one starts when it has settled. */
  private readonly turns = new Map<string, Promise<void>>();
  /**
   * How each kind of stream is decided, made once: they depend only on the states and the rule sets,
   * and deciderOf is asked for every command of a batch.
   */
  private readonly deciders: {
    readonly meeting: StreamDecider<unknown, GovrecCommand>;
    readonly resolution: StreamDecider<unknown, GovrecCommand>;
    readonly election: StreamDecider<unknown, GovrecCommand>;
  };

  constructor(
    readonly store: EventStore,
    private readonly options: CommandHandlerOptions,
  ) {
    this.states = options.states;
    this.meetingContext = { ruleSet: options.ruleSets };
    const any = <S, C extends GovrecCommand>(decider: StreamDecider<S, C>) =>
      decider as unknown as StreamDecider<unknown, GovrecCommand>;
    this.deciders = {
      meeting: any(meetingDecider(this.meetingContext)),
      resolution: any(resolutionDecider(this.states)),
      election: any(electionDecider(this.states)),
    };
  }

  execute(command: GovrecCommand): TaskEither<DomainError, CommandOutcome> {
    return () => this.handle(command);
  }

  async handle(command: GovrecCommand): Promise<Either<DomainError, CommandOutcome>> {
    if (command.type === 'ProposeResolution') return propose(this, command);
    if (command.type === 'ProposeElection') return proposeElection(this, command);
    if (command.type === 'CertifyResults') return certify(this, command);
    if (command.type === 'ClosePoll') return closePoll(this, command);
    const outcome = await this.onStreamOf(command);
    return isLeft(outcome) ? outcome : right({ commandId: command.commandId, streams: [outcome.right] });
  }

  /**
   * Many commands, each outcome in their order: consecutive commands of one stream are decided
   * together and appended in one append (see recordInBatches for what may be grouped). A refusal
   * does not stop the others. Calls may overlap: those of one stream then take turns.
   */
  handleBatch(commands: readonly GovrecCommand[]): Promise<BatchOutcome[]> {
    return recordInBatches(this, commands);
  }

  /**
   * What the domain would decide on a command of one stream now, recording nothing: a trial, for a
   * caller that must explain a refusal (an import's row) or check before it asks.
   */
  async check(command: GovrecCommand): Promise<Either<DomainError, readonly DomainEvent[]>> {
    const { stream, decider } = this.deciderOf(command);
    const loaded = await this.states.load(decider.aggregate, stream);
    const decide = await decider.prepare([command]);
    return decide(command, loaded.state);
  }

  /**
   * What the domain would decide on `ballots` were `meetingCommands` recorded on their meeting
   * first, recording nothing (see trialAfterMeeting): an import row's vote is tried on the meeting
   * as its attendance would leave it, so that a row whose vote is refused records no attendance.
   */
  trialAfterMeeting(
    meetingId: string,
    meetingCommands: readonly MeetingCommand[],
    ballots: readonly ResolutionCommand[],
  ): Promise<Trial> {
    return trialAfterMeeting(this, meetingId, meetingCommands, ballots);
  }

  /** The stream a command that concerns one stream only is recorded in, with how it is decided. */
  deciderOf(command: GovrecCommand): { stream: string; decider: StreamDecider<unknown, GovrecCommand> } {
    if (isResolutionCommand(command))
      return {
        stream: streamName(Resolution, command.payload.resolutionId),
        decider: this.deciders.resolution,
      };
    if (isElectionCommand(command))
      return { stream: streamName(Election, command.payload.electionId), decider: this.deciders.election };
    const { meetingId } = (command as MeetingCommand).payload;
    return { stream: streamName(Meeting, meetingId), decider: this.deciders.meeting };
  }

  /** Records commands on one stream through the one path (a batch of them, or one). */
  recordOn<S, C extends GovrecCommand>(
    decider: StreamDecider<S, C>,
    stream: string,
    commands: readonly C[],
    origin?: GovrecCommand,
  ): Promise<BatchOutcome[]> {
    const digest = origin ? commandDigest(origin) : undefined;
    return recordBatch(this.store, this.states, decider, stream, commands, {
      ...this.options,
      ...(digest ? { digestOf: () => digest } : {}),
    });
  }

  /** One command (or a step derived from `origin`, the command a client sent) on one stream. */
  async onStream<S, C extends GovrecCommand>(
    decider: StreamDecider<S, C>,
    stream: string,
    command: C,
    origin?: GovrecCommand,
  ): Promise<Either<DomainError, StreamOutcome>> {
    // In turn with the process's other writes to the stream: concurrent requests of one process
    // (HTTP clients) would otherwise race each other for it, and all but one lose each round.
    const [outcome] = await this.inTurn(stream, () => this.recordOn(decider, stream, [command], origin));
    if (outcome.kind === 'refused') return left(outcome.error);
    if (outcome.kind === 'recorded')
      return right({ streamName: stream, events: outcome.events, alreadyRecorded: false });
    const events = await this.states.eventsOfCommand(stream, command.commandId);
    return right({ streamName: stream, events, alreadyRecorded: true });
  }

  onMeeting(
    command: MeetingCommand,
    origin?: GovrecCommand,
    context: MeetingContext = this.meetingContext,
  ): Promise<Either<DomainError, StreamOutcome>> {
    return this.onStream(
      meetingDecider(context),
      streamName(Meeting, command.payload.meetingId),
      command,
      origin,
    );
  }

  onResolution(
    command: ResolutionCommand,
    origin?: GovrecCommand,
  ): Promise<Either<DomainError, StreamOutcome>> {
    const stream = streamName(Resolution, command.payload.resolutionId);
    return this.onStream(this.deciders.resolution, stream, command, origin);
  }

  onElection(command: ElectionCommand, origin?: GovrecCommand): Promise<Either<DomainError, StreamOutcome>> {
    const stream = streamName(Election, command.payload.electionId);
    return this.onStream(this.deciders.election, stream, command, origin);
  }

  /**
   * Two overlapping batches of one stream would both decide on its cached state, and the second
   * would lose the race for the stream and be decided again: wasted work, so they take turns.
   */
  async inTurn<T>(stream: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(stream);
    const run = before ? before.then(work) : work();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(stream, settled);
    try {
      return await run;
    } finally {
      if (this.turns.get(stream) === settled) this.turns.delete(stream);
    }
  }

  private onStreamOf(command: GovrecCommand): Promise<Either<DomainError, StreamOutcome>> {
    const { stream, decider } = this.deciderOf(command);
    return this.onStream(decider, stream, command);
  }
}

export { commandDigest };

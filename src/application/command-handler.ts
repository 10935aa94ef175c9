import { Either, isLeft, left, right } from 'fp-ts/Either';
import { TaskEither } from 'fp-ts/TaskEither';
import { DomainEvent } from '../domain/events';
import { GovrecCommand, isElectionCommand, isResolutionCommand } from '../domain/commands';
import { ElectionCommand, ElectionCommandOf } from '../domain/election/commands';
import { decideElection } from '../domain/election/decide';
import { MeetingCommandOf } from '../domain/meeting/commands';
import { decideMeeting, MeetingContext } from '../domain/meeting/decide';
import { MeetingState } from '../domain/meeting/state';
import { ResolutionCommand, ResolutionCommandOf } from '../domain/resolution/commands';
import { decideResolution } from '../domain/resolution/decide';
import { RuleSet } from '../domain/rules/rule-set';
import { DomainError, refuse } from '../domain/shared/errors';
import { AggregateKind, Election, Meeting, Resolution, streamName } from './aggregates';
import { EventStore, EventToAppend, WrongExpectedVersion } from './event-store';
import { commandDigest } from './command-digest';
import { AggregateRepository } from './repository';
import { envelopeOf } from './event-envelope';
import { RecordSeal } from '../domain/meeting/events';
import { SealChunk, sealFromChunks, sealRecord, sealStreamOf } from './record-seal';
import { toDomainEvent } from './stored-events';
import { meetingWorkingCopy } from './working-copies';

const CHUNKS_PER_APPEND = 8;

/** Stands in for the seal while checking that a certification would be accepted at all. */
const TRIAL_SEAL: RecordSeal = {
  algorithm: 'sha256-canonical-json-v1',
  root: '0'.repeat(64),
  fingerprintsDigest: '0'.repeat(64),
  sealStream: 'trial',
  events: 0,
  streams: [],
};

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

export interface CommandHandlerOptions {
  readonly ruleSets: (id: string) => RuleSet | undefined;
  /** How many times a command is decided again after losing a race for its stream. */
  readonly maxAttempts?: number;
  /** Delay before the n-th retry, in ms; jittered exponential by default. */
  readonly backoff?: (attempt: number) => number;
}

type Decide<S> = (
  state: S,
) => Either<DomainError, DomainEvent[]> | Promise<Either<DomainError, DomainEvent[]>>;

const defaultBackoff = (attempt: number): number => Math.min(200, 2 ** attempt) * (0.5 + Math.random() / 2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Loads the aggregates a command concerns, lets the domain decide, and appends the events with the
 * revision the decision was made on. A lost race is decided again on the newer state, a bounded
 * number of times; a command already recorded returns its original events and writes nothing.
 */
export class CommandHandler {
  private readonly repository: AggregateRepository;
  private readonly meetingContext: MeetingContext;

  constructor(
    private readonly store: EventStore,
    private readonly options: CommandHandlerOptions,
  ) {
    this.repository = new AggregateRepository(store);
    this.meetingContext = { ruleSet: options.ruleSets };
  }

  execute(command: GovrecCommand): TaskEither<DomainError, CommandOutcome> {
    return () => this.handle(command);
  }

  async handle(command: GovrecCommand): Promise<Either<DomainError, CommandOutcome>> {
    if (command.type === 'ProposeResolution') return this.propose(command);
    if (isResolutionCommand(command)) return this.onResolution(command);
    if (command.type === 'ProposeElection') return this.proposeElection(command);
    if (isElectionCommand(command)) return this.onElection(command);
    if (command.type === 'CertifyResults') return this.certify(command);
    if (command.type === 'ClosePoll') return this.closePoll(command);
    const outcome = await this.decideAndAppend(
      Meeting,
      streamName(Meeting, command.payload.meetingId),
      command,
      (state) => decideMeeting(command, state, this.meetingContext),
    );
    return isLeft(outcome) ? outcome : right({ commandId: command.commandId, streams: [outcome.right] });
  }

  /**
   * Closing a meeting's poll closes it first on each resolution at the meeting, then on the meeting.
   * A vote decided while the poll was open but appended after that finds its resolution's stream
   * changed, is decided again, and refused: no vote is recorded after the poll closed. A crash between
   * the steps is completed by sending the command again.
   */
  private async closePoll(
    command: MeetingCommandOf<'ClosePoll'>,
  ): Promise<Either<DomainError, CommandOutcome>> {
    const stream = streamName(Meeting, command.payload.meetingId);
    const meeting = await this.repository.load(Meeting, stream);
    if (!(await meeting.recorded([command.commandId])).has(command.commandId)) {
      const trial = decideMeeting(command, meeting.state, this.meetingContext);
      if (isLeft(trial)) return trial;
    }
    const agenda = meeting.state.status === 'SCHEDULED' ? [...meeting.state.agenda.values()] : [];
    const streams: StreamOutcome[] = [];
    for (const { resolutionId, election } of agenda) {
      if (election) {
        const closing = {
          ...command,
          type: 'ClosePollOnElection',
          payload: { electionId: resolutionId, meetingId: command.payload.meetingId },
        } as ElectionCommand;
        const closed = await this.onElection(closing, command);
        if (isLeft(closed)) return closed;
        streams.push(...closed.right.streams);
        continue;
      }
      const closing = {
        ...command,
        type: 'ClosePollOnResolution',
        payload: { resolutionId, meetingId: command.payload.meetingId },
      } as ResolutionCommand;
      const closed = await this.onResolution(closing, command);
      if (isLeft(closed)) return closed;
      streams.push(...closed.right.streams);
    }
    const outcome = await this.decideAndAppend(Meeting, stream, command, (state) =>
      decideMeeting(command, state, this.meetingContext),
    );
    return isLeft(outcome)
      ? outcome
      : right({ commandId: command.commandId, streams: [...streams, outcome.right] });
  }

  /**
   * Certifying seals the record first: the fingerprints of every event of the meeting's streams go
   * to its seal stream, then ResultsCertified carries the seal. A certification that crashed between
   * the two is completed from the fingerprints it already wrote; a refused one writes nothing.
   */
  private async certify(
    command: MeetingCommandOf<'CertifyResults'>,
  ): Promise<Either<DomainError, CommandOutcome>> {
    const stream = streamName(Meeting, command.payload.meetingId);
    const meeting = await this.repository.load(Meeting, stream);
    if (!(await meeting.recorded([command.commandId])).has(command.commandId)) {
      const trial = decideMeeting(command, meeting.state, { ...this.meetingContext, seal: TRIAL_SEAL });
      if (isLeft(trial)) return trial;
    }
    const sealed = await this.sealOnce(command);
    const outcome = await this.decideAndAppend(Meeting, stream, command, (state) =>
      decideMeeting(command, state, { ...this.meetingContext, seal: sealed.seal }),
    );
    return isLeft(outcome)
      ? outcome
      : right({ commandId: command.commandId, streams: [sealed.outcome, outcome.right] });
  }

  private async sealOnce(
    command: MeetingCommandOf<'CertifyResults'>,
  ): Promise<{ seal: RecordSeal; outcome: StreamOutcome }> {
    const { meetingId } = command.payload;
    const sealStream = sealStreamOf(meetingId);
    const written = await this.store.readStream(sealStream);
    if (written.length > 0) {
      const chunks = written.map((e) => e.data as SealChunk);
      const events = written.map(toDomainEvent);
      return {
        seal: await sealFromChunks(this.store, meetingId, chunks),
        outcome: { streamName: sealStream, events, alreadyRecorded: true },
      };
    }
    const { seal, chunks } = await sealRecord(this.store, meetingId);
    const events: DomainEvent[] = chunks.map((data) => ({ type: 'RecordSealed', data }));
    // Appended a few chunks at a time, each append well under a server's maximum append size.
    try {
      for (let from = 0; from < events.length; from += CHUNKS_PER_APPEND) {
        const batch = events
          .slice(from, from + CHUNKS_PER_APPEND)
          .map((e, i) => this.toAppend(command, sealStream, e, from + i));
        await this.store.append(sealStream, batch, from === 0 ? 'no_stream' : from - 1);
      }
    } catch (error) {
      // Another certification of this meeting sealed it first: its seal is the one that stands.
      if (error instanceof WrongExpectedVersion) return this.sealOnce(command);
      throw error;
    }
    return { seal, outcome: { streamName: sealStream, events, alreadyRecorded: false } };
  }

  /** A resolution is tabled on each meeting's agenda first (where its number must be free), then proposed. */
  /**
   * A resolution is tabled on each meeting's agenda (where its number must be free), then proposed.
   * Every step is checked before any is written, so a refused proposal leaves no agenda entry behind;
   * a crash between the writes is completed by sending the same command again.
   */
  private async propose(
    command: ResolutionCommandOf<'ProposeResolution'>,
  ): Promise<Either<DomainError, CommandOutcome>> {
    const tablings = command.payload.meetings.map((ref) => tablingOf(command, ref));
    const checked = await this.checkProposal(command, tablings);
    if (isLeft(checked)) return checked;
    const streams: StreamOutcome[] = [];
    for (const [i, table] of tablings.entries()) {
      const tabled = await this.decideAndAppend(
        Meeting,
        streamName(Meeting, table.payload.meetingId),
        table,
        (state) => decideMeeting(table, state, this.meetingContext),
        command,
      );
      if (isLeft(tabled)) return left(reField(tabled.left, `payload.meetings[${i}]`));
      streams.push(tabled.right);
    }
    const proposed = await this.onResolution(command);
    return isLeft(proposed)
      ? proposed
      : right({ commandId: command.commandId, streams: [...streams, ...proposed.right.streams] });
  }

  /** Decides every step of a proposal on the current states without writing anything. */
  private async checkProposal(
    command: ResolutionCommandOf<'ProposeResolution'>,
    tablings: readonly MeetingCommandOf<'TableResolution'>[],
  ): Promise<Either<DomainError, void>> {
    const resolution = await this.repository.load(
      Resolution,
      streamName(Resolution, command.payload.resolutionId),
    );
    if ((await resolution.recorded([command.commandId])).has(command.commandId)) return right(undefined);
    if (resolution.state.status !== 'NONE') {
      return left(
        refuse('ResolutionAlreadyProposed', 'payload.resolutionId', `${command.payload.resolutionId} exists`),
      );
    }
    for (const [i, table] of tablings.entries()) {
      const meeting = await this.repository.load(Meeting, streamName(Meeting, table.payload.meetingId));
      if ((await meeting.recorded([command.commandId])).has(command.commandId)) continue;
      const decision = decideMeeting(table, meeting.state, this.meetingContext);
      if (isLeft(decision)) return left(reField(decision.left, `payload.meetings[${i}]`));
    }
    return right(undefined);
  }

  private async onResolution(
    command: ResolutionCommand,
    origin: GovrecCommand = command,
  ): Promise<Either<DomainError, CommandOutcome>> {
    const meetingIds =
      command.type === 'ProposeResolution'
        ? command.payload.meetings.map((m) => m.meetingId)
        : [command.payload.meetingId];
    const outcome = await this.decideAndAppend(
      Resolution,
      streamName(Resolution, command.payload.resolutionId),
      command,
      async (state) => {
        const meetings = new Map<string, MeetingState>();
        for (const id of meetingIds)
          meetings.set(id, (await this.repository.load(Meeting, streamName(Meeting, id))).state);
        return decideResolution(command, state, { meetings });
      },
      origin,
    );
    return isLeft(outcome) ? outcome : right({ commandId: command.commandId, streams: [outcome.right] });
  }

  /**
   * An election is tabled on its meeting's agenda, then proposed, as a resolution is: both steps are
   * checked before either is written, and a crash between them is completed by sending it again.
   */
  private async proposeElection(
    command: ElectionCommandOf<'ProposeElection'>,
  ): Promise<Either<DomainError, CommandOutcome>> {
    const { meetingId, electionId, number, title } = command.payload;
    const table = {
      ...command,
      type: 'TableElection',
      payload: { meetingId, electionId, number, title },
    } as MeetingCommandOf<'TableElection'>;
    const meetingStream = streamName(Meeting, meetingId);
    const meeting = await this.repository.load(Meeting, meetingStream);
    const election = await this.repository.load(Election, streamName(Election, electionId));
    if (!(await election.recorded([command.commandId])).has(command.commandId)) {
      const tabling = (await meeting.recorded([command.commandId])).has(command.commandId)
        ? right([])
        : decideMeeting(table, meeting.state, this.meetingContext);
      if (isLeft(tabling)) return tabling;
      // The proposal is decided on a copy of the meeting as it would stand once tabled, never on the cache.
      const asTabled = tabling.right.reduce(Meeting.evolve, meetingWorkingCopy(meeting.state));
      const trial = decideElection(command, election.state, { meeting: asTabled });
      if (isLeft(trial)) return trial;
    }
    const tabled = await this.decideAndAppend(
      Meeting,
      meetingStream,
      table,
      (state) => decideMeeting(table, state, this.meetingContext),
      command,
    );
    if (isLeft(tabled)) return tabled;
    const proposed = await this.onElection(command);
    return isLeft(proposed)
      ? proposed
      : right({ commandId: command.commandId, streams: [tabled.right, ...proposed.right.streams] });
  }

  private async onElection(
    command: ElectionCommand,
    origin: GovrecCommand = command,
  ): Promise<Either<DomainError, CommandOutcome>> {
    const outcome = await this.decideAndAppend(
      Election,
      streamName(Election, command.payload.electionId),
      command,
      async (state) => {
        const meeting = await this.repository.load(Meeting, streamName(Meeting, command.payload.meetingId));
        return decideElection(command, state, { meeting: meeting.state });
      },
      origin,
    );
    return isLeft(outcome) ? outcome : right({ commandId: command.commandId, streams: [outcome.right] });
  }

  private async decideAndAppend<S>(
    kind: AggregateKind<S>,
    stream: string,
    command: GovrecCommand,
    decide: Decide<S>,
    /** The command a client sent, when `command` was derived from it (tabling a proposed resolution). */
    origin: GovrecCommand = command,
  ): Promise<Either<DomainError, StreamOutcome>> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    const digest = commandDigest(origin);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = await this.repository.load(kind, stream);
      const known = await loaded.recorded([command.commandId]);
      if (known.has(command.commandId)) {
        const recorded = known.get(command.commandId);
        if (recorded !== undefined && recorded !== digest) {
          return left(
            refuse(
              'CommandIdReused',
              'commandId',
              `${command.commandId} was used by another command; a retry must repeat it exactly`,
            ),
          );
        }
        return right({
          streamName: stream,
          events: await this.repository.eventsOfCommand(stream, command.commandId),
          alreadyRecorded: true,
        });
      }
      const decision = await decide(loaded.state);
      if (isLeft(decision)) return decision;
      const events = decision.right;
      if (events.length === 0) return right({ streamName: stream, events, alreadyRecorded: false });
      try {
        await this.store.append(
          stream,
          events.map((e, i) => this.toAppend(command, stream, e, i, digest)),
          loaded.revision < 0 ? 'no_stream' : loaded.revision,
        );
        this.repository.advance(kind, stream, loaded.revision + 1, events);
        return right({ streamName: stream, events, alreadyRecorded: false });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (attempt < maxAttempts) await sleep((this.options.backoff ?? defaultBackoff)(attempt));
      }
    }
    return left(
      refuse(
        'ConcurrencyConflict',
        'commandId',
        `${stream} kept changing; the command was not recorded after ${maxAttempts} attempts`,
      ),
    );
  }

  private toAppend(
    command: GovrecCommand,
    stream: string,
    event: DomainEvent,
    index: number,
    digest = commandDigest(command),
  ): EventToAppend {
    return envelopeOf(command, stream, event, index, digest);
  }
}

const reField = (error: DomainError, prefix: string): DomainError =>
  error.field.startsWith('payload.')
    ? { ...error, field: `${prefix}.${error.field.slice('payload.'.length)}` }
    : error;

const tablingOf = (
  command: ResolutionCommandOf<'ProposeResolution'>,
  ref: { meetingId: string; number: number },
): MeetingCommandOf<'TableResolution'> =>
  ({
    ...command,
    type: 'TableResolution',
    payload: {
      meetingId: ref.meetingId,
      resolutionId: command.payload.resolutionId,
      number: ref.number,
      title: command.payload.title,
      kind: command.payload.kind,
      ...(command.payload.proposalId ? { proposalId: command.payload.proposalId } : {}),
    },
  }) as MeetingCommandOf<'TableResolution'>;

export { commandDigest };

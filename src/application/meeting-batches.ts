import { MeetingCommand } from '../domain/meeting/commands';
import { decideMeeting, MeetingContext, MeetingDecision } from '../domain/meeting/decide';
import { MeetingState } from '../domain/meeting/state';
import { RuleSet } from '../domain/rules/rule-set';
import { Meeting, streamName } from './aggregates';
import { EventStore } from './event-store';
import { AggregateRepository, Loaded } from './repository';
import { BatchDecider, BatchOutcome, recordBatch, StreamBatchOptions } from './stream-batches';
import { meetingWorkingCopy } from './working-copies';

/** TableResolution is the command handler's own step of a proposal, never sent on its own. */
export type BatchableMeetingCommand = Exclude<MeetingCommand, { type: 'TableResolution' }>;

export interface MeetingBatchesOptions extends StreamBatchOptions {
  readonly ruleSets: (id: string) => RuleSet | undefined;
  readonly repository?: AggregateRepository;
}

/**
 * Many commands for one meeting (a register in batches, thousands of proxies, the attendance taken
 * at the door) decided on the meeting's cached state and appended together, as VoteBatches does
 * for votes.
 */
export class MeetingBatches {
  readonly repository: AggregateRepository;
  private readonly decider: BatchDecider<MeetingState, BatchableMeetingCommand>;
  private readonly context: MeetingContext;

  constructor(
    private readonly store: EventStore,
    private readonly options: MeetingBatchesOptions,
  ) {
    this.repository = options.repository ?? new AggregateRepository(store);
    const context: MeetingContext = { ruleSet: options.ruleSets };
    this.context = context;
    this.decider = {
      aggregate: Meeting,
      workingCopy: meetingWorkingCopy,
      prepare: async () => (command, state) => decideMeeting(command, state, context),
    };
  }

  /** The meeting as the store holds it now, with the commands recorded in it (cached; only new events are read). */
  load(meetingId: string): Promise<Loaded<MeetingState>> {
    return this.repository.load(Meeting, streamName(Meeting, meetingId));
  }

  async state(meetingId: string): Promise<MeetingState> {
    return (await this.load(meetingId)).state;
  }

  /** What the meeting would decide on `command` now, without recording anything. */
  async check(command: BatchableMeetingCommand): Promise<MeetingDecision> {
    return decideMeeting(command, await this.state(command.payload.meetingId), this.context);
  }

  /** Outcomes in the order of `commands`, which must all concern `meetingId`. */
  record(meetingId: string, commands: readonly BatchableMeetingCommand[]): Promise<BatchOutcome[]> {
    const stray = commands.find((c) => c.payload.meetingId !== meetingId);
    if (stray) throw new Error(`${stray.commandId} concerns ${stray.payload.meetingId}, not ${meetingId}`);
    return recordBatch(
      this.store,
      this.repository,
      this.decider,
      streamName(Meeting, meetingId),
      commands,
      this.options,
    );
  }
}

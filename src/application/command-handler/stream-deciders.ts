import { ElectionCommand } from '../../domain/election/commands';
import { decideElection } from '../../domain/election/decide';
import { ElectionState } from '../../domain/election/state';
import { MeetingCommand } from '../../domain/meeting/commands';
import { decideMeeting, MeetingContext } from '../../domain/meeting/decide';
import { MeetingState } from '../../domain/meeting/state';
import { ResolutionCommand } from '../../domain/resolution/commands';
import { decideResolution } from '../../domain/resolution/decide';
import { ResolutionState } from '../../domain/resolution/state';
import { AggregateStates } from '../aggregate-states';
import { Election, Meeting, Resolution, streamName } from '../aggregates';
import { StreamDecider } from '../record-stream';

/** Meeting decisions need only the rule sets (and, to certify, the seal): nothing is loaded. */
export const meetingDecider = (context: MeetingContext): StreamDecider<MeetingState, MeetingCommand> => ({
  aggregate: Meeting,
  prepare: async () => (command, state) => decideMeeting(command, state, context),
});

/**
 * A resolution's decisions need the meetings its commands name: read once per attempt (only their
 * new events), never once per vote.
 */
export const resolutionDecider = (
  states: AggregateStates,
): StreamDecider<ResolutionState, ResolutionCommand> => ({
  aggregate: Resolution,
  prepare: async (commands) => {
    const meetings = new Map<string, MeetingState>();
    for (const command of commands) {
      const ids =
        command.type === 'ProposeResolution'
          ? command.payload.meetings.map((m) => m.meetingId)
          : [command.payload.meetingId];
      for (const id of ids)
        if (!meetings.has(id)) meetings.set(id, (await states.load(Meeting, streamName(Meeting, id))).state);
    }
    return (command, state) => decideResolution(command, state, { meetings });
  },
});

/** An election's decisions need the meeting it is held at. */
export const electionDecider = (states: AggregateStates): StreamDecider<ElectionState, ElectionCommand> => ({
  aggregate: Election,
  prepare: async (commands) => {
    const meetings = new Map<string, MeetingState>();
    for (const { payload } of commands)
      if (!meetings.has(payload.meetingId))
        meetings.set(
          payload.meetingId,
          (await states.load(Meeting, streamName(Meeting, payload.meetingId))).state,
        );
    return (command, state) =>
      decideElection(command, state, { meeting: meetings.get(command.payload.meetingId)! });
  },
});

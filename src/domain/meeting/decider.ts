import { Decider } from '../shared/decider';
import { MeetingCommand } from './commands';
import { decideMeeting, MeetingContext } from './decide';
import { MeetingEvent } from './events';
import { evolveMeeting, initialMeetingState, MeetingState } from './state';

/** The meeting aggregate: its decisions, its fold, and the state of a meeting not yet scheduled. */
export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState, MeetingContext> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};

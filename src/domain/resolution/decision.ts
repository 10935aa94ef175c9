import { Either } from 'fp-ts/Either';
import { MeetingState, ScheduledMeeting } from '../meeting/state';
import { DomainError } from '../shared/errors';
import { ResolutionEvent } from './events';

/**
 * Facts kept by the Meeting aggregate that a resolution's decisions need: the state of each meeting
 * the command names, as the command handler loaded it. Decide functions never read a store.
 */
export interface ResolutionContext {
  readonly meetings: ReadonlyMap<string, MeetingState>;
}

/** A command decided: the events that record it, or the rule it broke. */
export type ResolutionDecision = Either<DomainError, ResolutionEvent[]>;

/** The meeting a command names, scheduled. */
export type Meeting = ScheduledMeeting & { status: 'SCHEDULED' };

import { DomainEvent } from '../domain/events';
import { MeetingEvent } from '../domain/meeting/events';
import {
  evolveMeeting,
  initialMeetingState,
  MeetingState,
  meetingStateFromSnapshot,
} from '../domain/meeting/state';
import { ResolutionEvent } from '../domain/resolution/events';
import {
  evolveResolution,
  initialResolutionState,
  ResolutionState,
  resolutionStateFromSnapshot,
} from '../domain/resolution/state';
import { ElectionEvent } from '../domain/election/events';
import { ElectionState, evolveElection, initialElectionState } from '../domain/election/state';

/** How an aggregate is kept: its stream, its empty state and its fold. */
export interface AggregateKind<S> {
  readonly category: string;
  /**
   * The version of the state's shape and of its evolve: snapshots of another version are not used
   * (snapshots.ts). Bump it with any change to what evolve builds; test/application/state-versions
   * fails until it is bumped or the change is declared harmless.
   */
  readonly stateVersion: number;
  initial(): S;
  evolve(state: S, event: DomainEvent): S;
  /**
   * The state as evolve keeps it, from the state its snapshot's JSON gives back (Maps and plain
   * objects): where evolve keeps a collection in a shape of its own (a resolution's vote table).
   */
  fromSnapshot?(state: S): S;
}

export const streamName = (kind: AggregateKind<unknown>, id: string): string => `${kind.category}-${id}`;

export const Meeting: AggregateKind<MeetingState> = {
  category: 'meeting',
  // 2: the label of each resolution on the agenda.
  stateVersion: 2,
  initial: initialMeetingState,
  evolve: (state, event) => evolveMeeting(state, event as MeetingEvent),
  fromSnapshot: meetingStateFromSnapshot,
};

export const Resolution: AggregateKind<ResolutionState> = {
  category: 'resolution',
  // 2: the weights by resolution (votesPerShare).
  stateVersion: 2,
  initial: initialResolutionState,
  evolve: (state, event) => evolveResolution(state, event as ResolutionEvent),
  fromSnapshot: resolutionStateFromSnapshot,
};

export const Election: AggregateKind<ElectionState> = {
  category: 'election',
  stateVersion: 1,
  initial: initialElectionState,
  evolve: (state, event) => evolveElection(state, event as ElectionEvent),
};

/** Every kind of aggregate govrec keeps. */
export const AGGREGATE_KINDS: readonly AggregateKind<unknown>[] = [
  Meeting as AggregateKind<unknown>,
  Resolution as AggregateKind<unknown>,
  Election as AggregateKind<unknown>,
];

/** Stream prefixes of everything govrec writes, for filtered subscriptions. */
export const GOVREC_STREAM_PREFIXES = AGGREGATE_KINDS.map((kind) => `${kind.category}-`);

/** The kind of aggregate whose stream this is, by its name; undefined for any other stream (a seal's). */
export const aggregateKindOf = (streamName: string): AggregateKind<unknown> | undefined =>
  AGGREGATE_KINDS.find((kind) => streamName.startsWith(`${kind.category}-`));

import { MeetingState } from '../domain/meeting/state';
import { ResolutionState } from '../domain/resolution/state';
import { OverlayMap } from './overlay-map';

/**
 * A state to decide a batch on, which evolve may change as it likes while the state it was made
 * from stays exactly as the store's events built it. Top-level fields are copied (evolve replaces
 * them); every collection evolve updates in place is wrapped in an OverlayMap (O(1), not O(size)).
 *
 * If the domain ever mutates another collection in place, it must be added here: the working-copy
 * test folds every event type on a copy and checks the original is untouched.
 */
export type WorkingCopy<S> = ((state: S) => S) & {
  /**
   * The state a copy stands for, made of the state it was copied from (whose collections take the
   * copy's changes) once the store holds the events the copy was evolved by: the cache then moves
   * on without evolving them a second time. A copy without it has its events folded again.
   */
  readonly settle?: (copy: S) => S;
};

export const meetingWorkingCopy: WorkingCopy<MeetingState> = (state) =>
  state.status === 'NONE'
    ? state
    : {
        ...state,
        entitlements: new OverlayMap(state.entitlements),
        proxies: new OverlayMap(state.proxies),
        proxyInForce: new OverlayMap(state.proxyInForce),
        attendance: new OverlayMap(state.attendance),
        agenda: new OverlayMap(state.agenda),
      };

export const resolutionWorkingCopy: WorkingCopy<ResolutionState> = Object.assign(
  (state: ResolutionState): ResolutionState =>
    state.status === 'NONE'
      ? state
      : {
          ...state,
          // Each meeting's entry is itself updated in place (its tally and decision), so it is copied too.
          meetings: new Map(
            [...state.meetings].map(([id, at]) => [id, { ...at, votes: new OverlayMap(at.votes) }]),
          ),
        },
  {
    settle: (copy: ResolutionState): ResolutionState =>
      copy.status === 'NONE'
        ? copy
        : {
            ...copy,
            // A resolution proposed in the batch has plain maps, which are its own already.
            meetings: new Map(
              [...copy.meetings].map(([id, at]) => [
                id,
                at.votes instanceof OverlayMap ? { ...at, votes: at.votes.settle() } : at,
              ]),
            ),
          },
  },
);

import { AggregateKind } from '../../application/aggregates';
import { ElectionState } from '../../domain/election/state';
import { MeetingState } from '../../domain/meeting/state';
import { ResolutionState } from '../../domain/resolution/state';
import { OverlayMap } from './overlay-map';

/**
 * A draft of a state: one that evolve may change as it likes while the state it was made from stays
 * exactly as the store's events built it. The domain's evolve updates its large collections in
 * place (a register of 500,000 holders is not copied per event), so this is the one place that
 * knows which: top-level fields are copied (evolve replaces or sets them) and every collection
 * evolve updates in place is wrapped in an OverlayMap (O(1), not O(size)).
 *
 * If the domain ever mutates another collection in place, it must be added here: the drafts test
 * folds every event type on a draft and checks the original is untouched.
 */
export type Draft<S> = ((state: S) => S) & {
  /**
   * The state a draft stands for, made of the state it was drafted from (whose collections take the
   * draft's changes) once the store holds the events the draft was evolved by: the cache then moves
   * on without evolving them a second time. A draft without it has its events folded again.
   */
  readonly settle?: (draft: S) => S;
};

export const meetingDraft: Draft<MeetingState> = (state) =>
  state.status === 'NONE'
    ? state
    : {
        ...state,
        entitlements: new OverlayMap(state.entitlements),
        proxies: new OverlayMap(state.proxies),
        proxyInForce: new OverlayMap(state.proxyInForce),
        attendance: new OverlayMap(state.attendance),
        agenda: new OverlayMap(state.agenda),
        // A handful of entries, each of which evolve may change: copied whole.
        proposals: new Map([...state.proposals].map(([id, proposal]) => [id, { ...proposal }])),
      };

export const resolutionDraft: Draft<ResolutionState> = Object.assign(
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
    settle: (draft: ResolutionState): ResolutionState =>
      draft.status === 'NONE'
        ? draft
        : {
            ...draft,
            // A resolution proposed in the batch has plain maps, which are its own already.
            meetings: new Map(
              [...draft.meetings].map(([id, at]) => [
                id,
                at.votes instanceof OverlayMap ? { ...at, votes: at.votes.settle() } : at,
              ]),
            ),
          },
  },
);

export const electionDraft: Draft<ElectionState> = Object.assign(
  (state: ElectionState): ElectionState =>
    state.status === 'NONE'
      ? state
      : {
          ...state,
          ballots: new OverlayMap(state.ballots),
          candidateVotes: new Map(state.candidateVotes),
        },
  {
    settle: (draft: ElectionState): ElectionState =>
      draft.status === 'NONE' || !(draft.ballots instanceof OverlayMap)
        ? draft
        : { ...draft, ballots: draft.ballots.settle() },
  },
);

const DRAFTS: Readonly<Record<string, Draft<unknown>>> = {
  meeting: meetingDraft as Draft<unknown>,
  resolution: resolutionDraft as Draft<unknown>,
  election: electionDraft as Draft<unknown>,
};

/** The draft of a kind's states; a kind this module does not know is refused, never shared unsafely. */
export function draftOf<S>(kind: AggregateKind<S>): Draft<S> {
  const draft = DRAFTS[kind.category];
  if (!draft) throw new Error(`No draft is defined for ${kind.category} states`);
  return draft as Draft<S>;
}

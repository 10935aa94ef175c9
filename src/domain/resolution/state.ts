import { MajorityRule } from '../rules/majority-rule';
import { ResolutionKind } from '../meeting/events';
import { AbstentionScope, ResolutionEvent, Split, Tally } from './events';

export interface CountedVote {
  readonly shares: Split;
  readonly votes: Split;
}

export interface ResolutionAtMeeting {
  readonly meetingId: string;
  readonly number: number;
  readonly majorityRule: MajorityRule;
  /** holderId → the vote that counts (a rejected vote is removed). Grows with holders, so updated in place. */
  readonly votes: Map<string, CountedVote>;
  tally: Tally;
  decided?: { readonly passed: boolean };
  /** No vote is taken here any more: the poll at this meeting has closed. */
  pollClosed?: boolean;
}

export interface ProposedResolution {
  readonly status: 'PROPOSED';
  readonly resolutionId: string;
  readonly title: string;
  readonly kind: ResolutionKind;
  readonly meetings: ReadonlyMap<string, ResolutionAtMeeting>;
  readonly requiredToAbstain: ReadonlyMap<string, AbstentionScope>;
  readonly outcome?: { readonly passed: boolean };
}

export type ResolutionState = { readonly status: 'NONE' } | ProposedResolution;

export const initialResolutionState = (): ResolutionState => ({
  status: 'NONE',
});

export const ZERO_SPLIT: Split = { for: 0, against: 0, abstain: 0 };
export const EMPTY_TALLY: Tally = {
  votes: ZERO_SPLIT,
  shares: ZERO_SPLIT,
  voters: 0,
};

const add = (a: Split, b: Split, sign: 1 | -1): Split => ({
  for: a.for + sign * b.for,
  against: a.against + sign * b.against,
  abstain: a.abstain + sign * b.abstain,
});

const applyVote = (t: Tally, v: CountedVote, sign: 1 | -1): Tally => ({
  votes: add(t.votes, v.votes, sign),
  shares: add(t.shares, v.shares, sign),
  voters: t.voters + sign,
});

export function evolveResolution(state: ResolutionState, event: ResolutionEvent): ResolutionState {
  if (event.type === 'ResolutionProposed') {
    const d = event.data;
    return {
      status: 'PROPOSED',
      resolutionId: d.resolutionId,
      title: d.title,
      kind: d.kind,
      meetings: new Map(
        d.meetings.map((m) => [
          m.meetingId,
          { ...m, votes: new Map<string, CountedVote>(), tally: EMPTY_TALLY },
        ]),
      ),
      requiredToAbstain: new Map(d.requiredToAbstain.map((r) => [r.holderId, r.scope])),
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'VoteCast': {
      const at = state.meetings.get(event.data.meetingId);
      if (!at) return state;
      const vote = { shares: event.data.shares, votes: event.data.votes };
      at.votes.set(event.data.holderId, vote);
      at.tally = applyVote(at.tally, vote, 1);
      return state;
    }
    case 'VoteRejected': {
      const at = state.meetings.get(event.data.meetingId);
      if (!at || !at.votes.delete(event.data.holderId)) return state;
      at.tally = applyVote(at.tally, event.data, -1);
      return state;
    }
    case 'PollClosedOnResolution': {
      const at = state.meetings.get(event.data.meetingId);
      if (at) at.pollClosed = true;
      return state;
    }
    case 'ResolutionPassed':
    case 'ResolutionFailed': {
      const at = state.meetings.get(event.data.meetingId);
      if (at) at.decided = { passed: event.type === 'ResolutionPassed' };
      return state;
    }
    case 'ResolutionOutcomeDetermined':
      return { ...state, outcome: { passed: event.data.passed } };
  }
}

import { MajorityRule } from '../rules/majority-rule';
import { ResolutionKind } from '../meeting/events';
import { AbstentionScope, BrokerNonVoteFigures, ResolutionEvent, Split, Tally } from './events';
import { CountedVote, CountedVotes, VoteTable } from './vote-table';

export type { CountedVote, CountedVotes } from './vote-table';

export interface ResolutionAtMeeting {
  readonly meetingId: string;
  readonly number: number;
  readonly majorityRule: MajorityRule;
  /**
   * holderId → the vote that counts (a rejected vote is removed). Grows with holders, so updated in
   * place, and packed (VoteTable): ten million votes at one meeting are held in memory.
   */
  readonly votes: CountedVotes;
  tally: Tally;
  /** Broker non-votes of the counted votes: reported, and taken out of the present-and-entitled base. */
  brokerNonVotes: BrokerNonVoteFigures;
  decided?: { readonly passed: boolean };
  /** No vote is taken here any more: the poll at this meeting has closed. */
  pollClosed?: boolean;
  /** Withdrawn from this meeting's agenda before its poll opened. */
  withdrawn?: { readonly reason: string };
}

export interface ProposedResolution {
  readonly status: 'PROPOSED';
  readonly resolutionId: string;
  readonly title: string;
  readonly kind: ResolutionKind;
  readonly meetings: ReadonlyMap<string, ResolutionAtMeeting>;
  readonly requiredToAbstain: ReadonlyMap<string, AbstentionScope>;
  /** Class code → votes a share of it carries on this resolution, where not the meeting's weight. */
  readonly votesPerShare: ReadonlyMap<string, number>;
  readonly outcome?: { readonly passed: boolean };
}

export type ResolutionState = { readonly status: 'NONE' } | ProposedResolution;

export const initialResolutionState = (): ResolutionState => ({ status: 'NONE' });

export const ZERO_SPLIT: Split = { for: 0, against: 0, abstain: 0 };
export const EMPTY_TALLY: Tally = { votes: ZERO_SPLIT, shares: ZERO_SPLIT, voters: 0 };

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

export const NO_BROKER_NON_VOTES: BrokerNonVoteFigures = { shares: 0, votes: 0 };

const applyNonVotes = (
  total: BrokerNonVoteFigures,
  v: BrokerNonVoteFigures | undefined,
  sign: 1 | -1,
): BrokerNonVoteFigures =>
  v ? { shares: total.shares + sign * v.shares, votes: total.votes + sign * v.votes } : total;

/** The counted part of a vote, as the state keeps it. */
const countedOf = (d: Extract<ResolutionEvent, { type: 'VoteCast' }>['data']): CountedVote => ({
  shares: d.shares,
  votes: d.votes,
  ...(d.brokerNonVotes
    ? { brokerNonVotes: { shares: d.brokerNonVotes.shares, votes: d.brokerNonVotes.votes } }
    : {}),
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
          {
            ...m,
            votes: new VoteTable(),
            tally: EMPTY_TALLY,
            brokerNonVotes: NO_BROKER_NON_VOTES,
          },
        ]),
      ),
      requiredToAbstain: new Map(d.requiredToAbstain.map((r) => [r.holderId, r.scope])),
      votesPerShare: new Map(d.votesPerShare.map((w) => [w.shareClass, w.votesPerShare])),
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'VoteCast': {
      const at = state.meetings.get(event.data.meetingId);
      if (!at) return state;
      const vote = countedOf(event.data);
      at.votes.set(event.data.holderId, vote);
      at.tally = applyVote(at.tally, vote, 1);
      at.brokerNonVotes = applyNonVotes(at.brokerNonVotes, vote.brokerNonVotes, 1);
      return state;
    }
    case 'VoteRejected': {
      const at = state.meetings.get(event.data.meetingId);
      if (!at || !at.votes.delete(event.data.holderId)) return state;
      at.tally = applyVote(at.tally, event.data, -1);
      at.brokerNonVotes = applyNonVotes(at.brokerNonVotes, event.data.brokerNonVotes, -1);
      return state;
    }
    case 'ResolutionWithdrawn': {
      const at = state.meetings.get(event.data.meetingId);
      if (at) at.withdrawn = { reason: event.data.reason };
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

/**
 * A state as its snapshot's JSON gives it back (each meeting's votes as a Map), with its votes packed
 * again as evolve keeps them. The snapshot's text is the same either way.
 */
export function resolutionStateFromSnapshot(state: ResolutionState): ResolutionState {
  if (state.status === 'NONE') return state;
  const packed = ([id, at]: [string, ResolutionAtMeeting]): [string, ResolutionAtMeeting] => [
    id,
    at.votes instanceof VoteTable ? at : { ...at, votes: VoteTable.of(at.votes.entries()) },
  ];
  return { ...state, meetings: new Map([...state.meetings].map(packed)) };
}

import { CumulativeVotingRule } from '../rules/rule-set';
import { Candidate, CandidateVotes, ElectionEvent, ElectionPool } from './events';

/** The part of a ballot the count keeps: what it gave each candidate, and what it abstained. */
export interface CountedBallot {
  readonly votes: number;
  readonly allocation: readonly CandidateVotes[];
  readonly abstained: number;
  readonly invalid: boolean;
}

export interface ProposedElection {
  readonly status: 'PROPOSED';
  readonly electionId: string;
  readonly meetingId: string;
  readonly number: number;
  readonly title: string;
  readonly pool: ElectionPool;
  readonly seats: number;
  readonly candidates: readonly Candidate[];
  readonly rule: CumulativeVotingRule;
  /** holderId → its ballot in the count. Grows with holders, so updated in place. */
  readonly ballots: Map<string, CountedBallot>;
  /** candidateId → votes given, kept as running sums. */
  readonly candidateVotes: Map<string, number>;
  /** Non-cumulated votes of every ballot in the count, valid or not. */
  ballotVotes: number;
  abstained: number;
  valid: number;
  invalid: number;
  pollClosed?: boolean;
  decided?: boolean;
  withdrawn?: { readonly reason: string };
}

export type ElectionState = { readonly status: 'NONE' } | ProposedElection;

export const initialElectionState = (): ElectionState => ({ status: 'NONE' });

function count(e: ProposedElection, holderId: string, ballot: CountedBallot, sign: 1 | -1): void {
  if (sign === 1) e.ballots.set(holderId, ballot);
  else e.ballots.delete(holderId);
  for (const g of ballot.allocation)
    e.candidateVotes.set(g.candidateId, (e.candidateVotes.get(g.candidateId) ?? 0) + sign * g.votes);
  e.ballotVotes += sign * ballot.votes;
  e.abstained += sign * ballot.abstained;
  if (ballot.invalid) e.invalid += sign;
  else e.valid += sign;
}

export function evolveElection(state: ElectionState, event: ElectionEvent): ElectionState {
  if (event.type === 'ElectionProposed') {
    const { electionId, meetingId, number, title, pool, seats, candidates, rule } = event.data;
    return {
      status: 'PROPOSED',
      ...{ electionId, meetingId, number, title, pool, seats, candidates, rule },
      ballots: new Map(),
      candidateVotes: new Map(candidates.map((c) => [c.candidateId, 0])),
      ballotVotes: 0,
      abstained: 0,
      valid: 0,
      invalid: 0,
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'CumulativeBallotCast':
    case 'CumulativeBallotInvalid': {
      const { holderId, votes, abstained } = event.data;
      const invalid = event.type === 'CumulativeBallotInvalid';
      // An invalid ballot gives no candidate anything: what it marked is kept in the event only.
      const allocation = invalid ? [] : event.data.allocation;
      count(state, holderId, { votes, allocation, abstained, invalid }, 1);
      return state;
    }
    case 'CumulativeBallotRejected': {
      const ballot = state.ballots.get(event.data.holderId);
      if (ballot) count(state, event.data.holderId, ballot, -1);
      return state;
    }
    case 'PollClosedOnElection':
      state.pollClosed = true;
      return state;
    case 'ElectionDecided':
      state.decided = true;
      return state;
    case 'ElectionWithdrawn':
      state.withdrawn = { reason: event.data.reason };
      return state;
  }
}

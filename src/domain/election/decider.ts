import { Decider } from '../shared/decider';
import { ElectionCommand } from './commands';
import { decideElection, ElectionContext } from './decide';
import { ElectionEvent } from './events';
import { ElectionState, evolveElection, initialElectionState } from './state';

/** The election aggregate: decided on its state and the state of the meeting it is held at. */
export const electionDecider: Decider<ElectionCommand, ElectionEvent, ElectionState, ElectionContext> = {
  decide: decideElection,
  evolve: evolveElection,
  initialState: initialElectionState,
};

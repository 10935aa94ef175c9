import { Decider } from '../shared/decider';
import { ResolutionCommand } from './commands';
import { decideResolution, ResolutionContext } from './decide';
import { ResolutionEvent } from './events';
import { evolveResolution, initialResolutionState, ResolutionState } from './state';

/** The resolution aggregate: decided on its state and the states of the meetings it is put to. */
export const resolutionDecider: Decider<
  ResolutionCommand,
  ResolutionEvent,
  ResolutionState,
  ResolutionContext
> = {
  decide: decideResolution,
  evolve: evolveResolution,
  initialState: initialResolutionState,
};

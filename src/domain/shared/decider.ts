import { Either } from 'fp-ts/Either';
import { DomainError } from './errors';

/**
 * An aggregate as one value, in the manner of Emmett's Decider: `decide` a command on the state,
 * with the facts from outside the aggregate's stream that the command handler supplies (`context`),
 * giving the events that record it or the rule it breaks; `evolve` the state by one event; and the
 * `initialState`, before any event. The state of a stream is its events folded by evolve from the
 * initial state.
 */
export interface Decider<Command, Event, State, Context> {
  readonly decide: (command: Command, state: State, context: Context) => Either<DomainError, Event[]>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: () => State;
}

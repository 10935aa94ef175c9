import { DomainEvent } from '../domain/events';
import { AggregateKind } from './aggregates';

/** commandId → the digest of the command that wrote it (undefined for records that predate digests). */
export type RecordedCommands = ReadonlyMap<string, string | undefined>;

/** An aggregate's state as of a stream revision. */
export interface Loaded<S> {
  /** The state the store's events build; read it, never change it. */
  readonly state: S;
  /** -1 for a stream that does not exist. */
  readonly revision: number;
  /**
   * Which of these commands the stream holds (now, which may be past `revision`), with their
   * digests. Asked of the store, so memory holds the state, never the ids of every command.
   * `firstEventIds[i]`, when given, is eventIdFor(commandIds[i], stream, 0): a batch needs it for
   * its envelopes anyway, so it is computed once.
   */
  recorded(commandIds: readonly string[], firstEventIds?: readonly string[]): Promise<RecordedCommands>;
  /**
   * A copy of `state` that the aggregate's evolve may change as it likes (a batch decides each
   * command on the state the commands before it leave) while `state` stays as the store built it.
   */
  draft(): S;
}

/**
 * The port through which the command handler reads aggregate states. What lies behind it (a cache
 * of states by stream, snapshots, copy-on-write drafts) is the infrastructure's business: the
 * domain's evolve may update a state in place, and only the implementation of this port has to
 * know which collections it updates.
 */
export interface AggregateStates {
  /** The stream's state as the store holds it now. */
  load<S>(kind: AggregateKind<S>, stream: string): Promise<Loaded<S>>;
  /**
   * The store accepted `events`, appended from `fromRevision`, decided on `draft` (a draft of the
   * state loaded at `fromRevision - 1`, already evolved by them). Nothing is trusted before this:
   * a state never runs ahead of the record.
   */
  accepted<S>(
    kind: AggregateKind<S>,
    stream: string,
    fromRevision: number,
    events: readonly DomainEvent[],
    draft: S,
  ): void;
  /** Events a command already wrote to a stream, for answering its retry with the original outcome. */
  eventsOfCommand(stream: string, commandId: string): Promise<DomainEvent[]>;
  /**
   * Leaves, where the store keeps snapshots, one of each state moved on by `minEvents` or more
   * since its last, for the next process; a bulk writer calls it when it is done. Returns how many.
   */
  saveSnapshots(minEvents?: number): Promise<number>;
}

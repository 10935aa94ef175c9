import * as t from 'io-ts';
import { EventMetadata } from '../application/event-store';
import { GovrecCommand } from '../domain/commands';
import { DomainEvent } from '../domain/events';
import { GovrecError } from './errors';

/**
 * A command as an embedder writes it: plain JSON (strings and numbers, no brands), typed by its
 * `type`. govrec checks it with the command's codec before anything is decided.
 */
export type CommandInput = t.OutputOf<typeof GovrecCommand>;

/** Every event govrec records, as its `type` and `data`. */
export type GovrecEvent = DomainEvent;

/** An event as the record holds it: the event, where it is, and who caused it and why. */
export type RecordedGovrecEvent = GovrecEvent & {
  /** The stream of the aggregate it belongs to, e.g. `meeting-agm-2025`, `resolution-r1`. */
  readonly streamName: string;
  /** Its place in that stream, from 0. */
  readonly revision: number;
  /** Its place in the whole record: the checkpoint an embedder keeps. */
  readonly position: number;
  /** The event's id, derived from the id of the command that recorded it. */
  readonly eventId: string;
  /** The version of the event's schema it was recorded in (it is read upcast to the current one). */
  readonly schemaVersion: number;
  /** Event id, command id, actor, causation and correlation ids, and the time. */
  readonly metadata: EventMetadata;
};

/** What one stream received from a command. */
export interface StreamRecorded {
  /** The stream, e.g. `meeting-agm-2025`, `resolution-r1`. */
  readonly streamName: string;
  /** The events the command recorded on it (on a retry, those it recorded the first time). */
  readonly events: readonly GovrecEvent[];
  /** True when the command had been recorded before: nothing new was written. */
  readonly alreadyRecorded: boolean;
}

/** A command recorded: its events, stream by stream. */
export interface CommandRecorded {
  /** The command's id, as sent or as derived (a scenario's `<id>:<n>`). */
  readonly commandId: string;
  /** What each stream it touched received. */
  readonly streams: readonly StreamRecorded[];
  /** True when every stream had it already: a retry, answered with the original events. */
  readonly alreadyRecorded: boolean;
}

/** What became of one command of a batch. */
export type BatchItemOutcome =
  | { readonly kind: 'recorded'; readonly events: readonly GovrecEvent[] }
  /** Recorded before (same command id): nothing written. */
  | { readonly kind: 'alreadyRecorded' }
  | { readonly kind: 'refused'; readonly error: GovrecError };

/** A batch of commands recorded: what became of each, and how many became what. */
export interface BatchRecorded {
  /** One outcome for each command, in their order. */
  readonly outcomes: readonly BatchItemOutcome[];
  /** How many commands were recorded now. */
  readonly recorded: number;
  /** How many had been recorded before (the same command id): nothing written for them. */
  readonly alreadyRecorded: number;
  /** How many were refused (malformed, or against a rule): nothing written for them. */
  readonly refused: number;
}

/** How far a long piece of work has come. */
export interface Progress {
  /** Commands handled so far. */
  readonly done: number;
  /** Commands in all. */
  readonly total: number;
}

/** Where the read models stand: every one has folded the record up to `position`. */
export interface ReadModelCheckpoint {
  /** The position of the last event the read models have folded. */
  readonly position: number;
}

/** A scenario refused: which command (1-based; 0 for the scenario itself) and why. */
export interface ScenarioRefusal {
  /** The refused command's number in the scenario, from 1; 0 when the scenario itself is malformed. */
  readonly index: number;
  /** Which rule was broken, at which field, and why. */
  readonly error: GovrecError;
}

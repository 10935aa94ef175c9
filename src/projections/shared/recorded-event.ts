import { DomainEvent } from '../../domain/events';

/**
 * Who caused an event and why, as the store keeps it. A structural copy of EventMetadata in
 * application/event-store.ts: projections may not import the application layer, and the copy keeps
 * every RecordedEvent assignable to it.
 */
export interface RecordedMetadata {
  readonly eventId: string;
  readonly commandId: string;
  readonly actor: string;
  readonly causationId: string;
  readonly correlationId: string;
  /** The time the command gave, never the store's clock. */
  readonly occurredAt: string;
}

/**
 * A recorded event once upcast and decoded: the domain's type and data with the store's stream,
 * revision, position and metadata. Read models that answer "who, when and why" fold these.
 */
export type RecordedDomainEvent = DomainEvent & {
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly metadata: RecordedMetadata;
};

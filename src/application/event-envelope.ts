import { GovrecCommand } from '../domain/commands';
import { CURRENT_SCHEMA_VERSION, DomainEvent } from '../domain/events';
import { EventToAppend } from './event-store';
import { eventIdFor } from './event-ids';

/**
 * A decided event as the store receives it: its id derived from the command (so a retry writes
 * nothing new), its schema version, and who caused it and when. The same envelope as the command
 * handler's, so a vote recorded in a batch and one recorded alone are indistinguishable.
 */
export function envelopeOf(
  command: GovrecCommand,
  stream: string,
  event: DomainEvent,
  index: number,
  /** commandDigest(command), computed once per command rather than once per event. */
  digest: string,
  /** eventIdFor(command.commandId, stream, index), when the caller has it already. */
  eventId: string = eventIdFor(command.commandId, stream, index),
): EventToAppend {
  return {
    eventId,
    type: event.type,
    schemaVersion: CURRENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata: {
      eventId,
      commandId: command.commandId,
      actor: command.actor,
      causationId: command.causationId ?? command.commandId,
      correlationId: command.correlationId ?? command.commandId,
      occurredAt: command.issuedAt,
      commandDigest: digest,
    },
  };
}

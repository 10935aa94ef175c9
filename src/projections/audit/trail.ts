import { DomainEvent, DomainEventType } from '../../domain/events';
import { summarise } from './summary';
import { RecordedDomainEvent } from '../shared/recorded-event';

/**
 * The audit trail: every event, in the order the store recorded it, with who caused it, when, by
 * which command and why (causation, correlation), and a line a person can read. A scrutineer uses it
 * to follow a meeting, a resolution or a holder through the record.
 */
export interface AuditEntry {
  /** The event's place in the whole record. */
  readonly position: number;
  /** The stream it belongs to, e.g. `meeting-agm-2025`. */
  readonly streamName: string;
  /** Its place in that stream, from 0. */
  readonly revision: number;
  /** What happened, e.g. `VoteCast`. */
  readonly type: DomainEventType;
  /** The event's id. */
  readonly eventId: string;
  /** Who issued the command that recorded it. */
  readonly actor: string;
  /** When, as the command said (ISO-8601 with offset). */
  readonly occurredAt: string;
  /** The command that recorded it. */
  readonly commandId: string;
  /** What caused the command (the command's own id if its sender named nothing). */
  readonly causationId: string;
  /** The piece of work the command was part of (the command's own id if its sender named none). */
  readonly correlationId: string;
  /** The event in a line a person can read. */
  readonly summary: string;
  /** Meetings the event concerns: its own, or every meeting a resolution is put to. */
  readonly meetingIds: readonly string[];
  /** Resolutions the event concerns. */
  readonly resolutionIds: readonly string[];
}

/** Where an event is: its stream and revision. */
export interface AuditRef {
  readonly streamName: string;
  readonly revision: number;
}

export interface AuditTrail {
  /**
   * `${streamName}@${page}` → that page of the stream's entries, in revision order. A stream's record
   * only grows, so paging it keeps each stored document bounded and each new event rewrites one page.
   */
  readonly pages: Map<string, AuditEntry[]>;
  /** holderId → the events naming the holder, as refs: a register batch names thousands of holders. */
  readonly holders: Map<string, AuditRef[]>;
}

export const AUDIT_PAGE_SIZE = 500;

export const initialAuditTrail = (): AuditTrail => ({ pages: new Map(), holders: new Map() });

export const auditPageKey = (streamName: string, revision: number): string =>
  `${streamName}@${Math.floor(revision / AUDIT_PAGE_SIZE)}`;

/*
 * What an event concerns. The indexes of a rebuild ask it of every event, so each question has a
 * form that answers the usual single id without an array (meetingIdOf, holderIdOf, agendaItemOf).
 */

/** The one meeting an event names, if it names it directly (not a resolution's several meetings). */
export const meetingIdOf = (event: DomainEvent): string | undefined =>
  (event.data as { meetingId?: string }).meetingId;

/** The meetings an event concerns; a resolution's proposal and outcome concern each of its meetings. */
export function meetingsOf(event: DomainEvent): string[] {
  const meetingId = meetingIdOf(event);
  if (meetingId !== undefined) return [meetingId];
  const { meetings } = event.data as { meetings?: readonly { meetingId: string }[] };
  return meetings ? meetings.map((m) => m.meetingId) : [];
}

/** The one holder an event names by its holderId (not a register batch's holders). */
export const holderIdOf = (event: DomainEvent): string | undefined =>
  (event.data as { holderId?: string }).holderId;

/** The holders an event names: its holderId, or every holder of a register batch. */
export function holdersOf(event: DomainEvent): string[] {
  if (event.type === 'EntitlementsRecorded') return event.data.holders.map((h) => h.holderId);
  const holderId = holderIdOf(event);
  return holderId !== undefined ? [holderId] : [];
}

/** The agenda item an event concerns: a resolution, or an election (numbered on the agenda as one). */
export const agendaItemOf = (event: DomainEvent): string | undefined => {
  const data = event.data as { resolutionId?: string; electionId?: string };
  return data.resolutionId ?? data.electionId;
};

export const resolutionsOf = (event: DomainEvent): string[] => {
  const id = agendaItemOf(event);
  return id !== undefined ? [id] : [];
};

export function toAuditEntry(event: RecordedDomainEvent): AuditEntry {
  const m = event.metadata;
  return {
    position: event.position,
    streamName: event.streamName,
    revision: event.revision,
    type: event.type,
    eventId: m.eventId,
    actor: m.actor,
    occurredAt: m.occurredAt,
    commandId: m.commandId,
    causationId: m.causationId,
    correlationId: m.correlationId,
    summary: summarise(event),
    meetingIds: meetingsOf(event),
    resolutionIds: resolutionsOf(event),
  };
}

/** Applies one event in place; an event already in the trail (a redelivery) changes nothing. */
export function applyToAuditTrail(trail: AuditTrail, event: RecordedDomainEvent): AuditTrail {
  const key = auditPageKey(event.streamName, event.revision);
  const page = trail.pages.get(key) ?? [];
  if (page.some((e) => e.revision === event.revision)) return trail;
  page.push(toAuditEntry(event));
  trail.pages.set(key, page);
  for (const holderId of holdersOf(event)) {
    const refs = trail.holders.get(holderId) ?? [];
    refs.push({ streamName: event.streamName, revision: event.revision });
    trail.holders.set(holderId, refs);
  }
  return trail;
}

export const foldAuditTrail = (events: Iterable<RecordedDomainEvent>): AuditTrail => {
  const trail = initialAuditTrail();
  for (const e of events) applyToAuditTrail(trail, e);
  return trail;
};

export const entryAt = (trail: AuditTrail, ref: AuditRef): AuditEntry | undefined =>
  trail.pages.get(auditPageKey(ref.streamName, ref.revision))?.find((e) => e.revision === ref.revision);

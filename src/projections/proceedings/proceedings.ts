import { DomainEvent } from '../../domain/events';
import { QuorumRecord } from '../../domain/rules/quorum';

/**
 * What happened at each meeting, as the results page states it beside the figures: when it opened
 * and with what quorum, when its poll opened and closed, whether it was adjourned, and who certified
 * the results, when, and under which seal root. Folded from the proceedings' events alone.
 */
export interface MeetingProceedings {
  /** The meeting. */
  readonly meetingId: string;
  /** When the meeting was opened (or last resumed), with the quorum then present. */
  opened?: { readonly at: string; readonly quorum: QuorumRecord };
  /** When the poll opened. */
  pollOpenedAt?: string;
  /** When the poll closed. */
  pollClosedAt?: string;
  /** When the meeting closed. */
  closedAt?: string;
  /** Adjourned and not yet resumed: when it resumes. */
  adjourned?: { readonly at: string; readonly resumesAt: string };
  /** The certification: the scrutineer, when, and the seal's root (null for a certification that recorded none). */
  certified?: { readonly at: string; readonly scrutineer: string; readonly root: string | null };
}

/** Every meeting's proceedings, by meeting id. */
export interface Proceedings {
  readonly meetings: Map<string, MeetingProceedings>;
}

export const initialProceedings = (): Proceedings => ({ meetings: new Map() });

/** The events the proceedings are made of: those proceedingsMeetingOf names a meeting for. */
export const PROCEEDINGS_EVENTS = [
  'MeetingScheduled',
  'MeetingOpened',
  'MeetingResumed',
  'MeetingAdjourned',
  'PollOpened',
  'PollClosed',
  'MeetingClosed',
  'ResultsCertified',
] as const satisfies readonly DomainEvent['type'][];

/** The meeting an event of the proceedings is about, when it is one. */
export function proceedingsMeetingOf(event: DomainEvent): string | undefined {
  switch (event.type) {
    case 'MeetingScheduled':
    case 'MeetingOpened':
    case 'MeetingResumed':
    case 'MeetingAdjourned':
    case 'PollOpened':
    case 'PollClosed':
    case 'MeetingClosed':
    case 'ResultsCertified':
      return event.data.meetingId;
    default:
      return undefined;
  }
}

/** Applies one event in place. */
export function applyToProceedings(model: Proceedings, event: DomainEvent): Proceedings {
  const id = proceedingsMeetingOf(event);
  if (id === undefined) return model;
  if (event.type === 'MeetingScheduled') {
    model.meetings.set(id, { meetingId: id });
    return model;
  }
  const m = model.meetings.get(id);
  if (!m) return model;
  switch (event.type) {
    case 'MeetingOpened':
      m.opened = { at: event.data.openedAt, quorum: event.data.quorum };
      break;
    case 'MeetingResumed':
      m.opened = { at: event.data.resumedAt, quorum: event.data.quorum };
      delete m.adjourned;
      break;
    case 'MeetingAdjourned':
      m.adjourned = { at: event.data.at, resumesAt: event.data.resumesAt };
      break;
    case 'PollOpened':
      m.pollOpenedAt = event.data.at;
      break;
    case 'PollClosed':
      m.pollClosedAt = event.data.at;
      break;
    case 'MeetingClosed':
      m.closedAt = event.data.at;
      break;
    case 'ResultsCertified':
      m.certified = {
        at: event.data.at,
        scrutineer: event.data.scrutineer,
        root: event.data.seal?.root ?? null,
      };
      break;
  }
  return model;
}

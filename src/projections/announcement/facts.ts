import { DomainEvent } from '../../domain/events';
import { Director, MeetingKind } from '../../domain/meeting/events';
import { AbstentionScope } from '../../domain/resolution/events';
import { Company, ShareClass } from '../../domain/shared/share-class';

/**
 * What an announcement says beyond the poll figures, folded from the events: the company, each
 * meeting's title, date and place, its notice and circular, its scrutineers and the directors
 * present, and the holders required to abstain on each resolution.
 */
export interface MeetingFacts {
  readonly meetingId: string;
  readonly company: Company;
  readonly kind: MeetingKind;
  readonly title: string;
  readonly shareClasses: readonly ShareClass[];
  /** When the meeting was held: as scheduled, as postponed, or (adjourned) when it last resumed. */
  startsAt: string;
  readonly place: string;
  notice?: {
    readonly issuedOn: string;
    readonly circular?: { readonly title: string; readonly date: string };
  };
  readonly scrutineers: { readonly name: string; readonly capacity: string }[];
  directors?: readonly Director[];
  /**
   * The register's names of the holders required to abstain at this meeting, by holder id (a plain
   * object, so that the meeting's document stores it as it is). Only those holders: the register of
   * a large meeting names hundreds of thousands, and the announcement names none of the others.
   */
  holderNames?: Record<string, string>;
}

export interface RequiredAbstentions {
  readonly resolutionId: string;
  /** The meetings the resolution is put to, with its number at each. */
  readonly meetings: readonly { readonly meetingId: string; readonly number: number }[];
  readonly holders: readonly { readonly holderId: string; readonly scope: AbstentionScope }[];
}

export interface AnnouncementFacts {
  readonly meetings: Map<string, MeetingFacts>;
  /** Only resolutions on which some holder is required to abstain. */
  readonly abstentions: Map<string, RequiredAbstentions>;
}

export const initialAnnouncementFacts = (): AnnouncementFacts => ({
  meetings: new Map(),
  abstentions: new Map(),
});

/** Applies one event in place. */
export function applyToAnnouncementFacts(facts: AnnouncementFacts, event: DomainEvent): AnnouncementFacts {
  const meeting = (id: string) => facts.meetings.get(id);
  switch (event.type) {
    case 'MeetingScheduled': {
      const { meetingId, company, kind, title, shareClasses, startsAt, place } = event.data;
      facts.meetings.set(meetingId, {
        meetingId,
        company,
        kind,
        title,
        shareClasses,
        startsAt,
        place,
        scrutineers: [],
      });
      return facts;
    }
    case 'NoticeIssued': {
      const m = meeting(event.data.meetingId);
      const { issuedOn, circular } = event.data;
      if (m) m.notice = { issuedOn, ...(circular ? { circular } : {}) };
      return facts;
    }
    case 'MeetingPostponed': {
      const m = meeting(event.data.meetingId);
      if (m) m.startsAt = event.data.startsAt;
      return facts;
    }
    case 'MeetingResumed': {
      const m = meeting(event.data.meetingId);
      if (m) m.startsAt = event.data.resumedAt;
      return facts;
    }
    case 'ScrutineersAppointed':
      meeting(event.data.meetingId)?.scrutineers.push(...event.data.scrutineers);
      return facts;
    case 'DirectorsPresentRecorded': {
      const m = meeting(event.data.meetingId);
      // A later record of the directors present replaces the earlier one, as in the Meeting aggregate.
      if (m) m.directors = event.data.directors;
      return facts;
    }
    case 'EntitlementsRecorded': {
      const m = meeting(event.data.meetingId);
      if (m) nameAbstainingHolders(facts, m, event.data.holders);
      return facts;
    }
    case 'ResolutionProposed': {
      const { resolutionId, meetings, requiredToAbstain } = event.data;
      if (requiredToAbstain.length > 0)
        facts.abstentions.set(resolutionId, {
          resolutionId,
          meetings: meetings.map(({ meetingId, number }) => ({ meetingId, number })),
          holders: requiredToAbstain,
        });
      return facts;
    }
    default:
      return facts;
  }
}

/**
 * Keeps the register's name of each holder in the batch who is required to abstain on a resolution
 * put to the meeting. The requirement is known from the resolution, proposed (with the notice and
 * circular) before the record date; a holder required to abstain on a resolution proposed after the
 * register was recorded stays unnamed, and the announcement speaks of "the holder of" the shares.
 */
function nameAbstainingHolders(
  facts: AnnouncementFacts,
  m: MeetingFacts,
  holders: readonly { readonly holderId: string; readonly name?: string }[],
): void {
  const abstaining = new Set<string>();
  for (const r of facts.abstentions.values())
    if (r.meetings.some((at) => at.meetingId === m.meetingId))
      for (const h of r.holders) abstaining.add(h.holderId);
  if (abstaining.size === 0) return;
  for (const h of holders)
    if (h.name !== undefined && abstaining.has(h.holderId))
      m.holderNames = { ...m.holderNames, [h.holderId]: h.name };
}

import { AnnouncementFacts } from '../announcement/facts';
import { AttendanceFigures, Attendance } from '../results/attendance';
import { ResultsModels } from '../results/view';
import { MeetingProceedings, Proceedings } from './proceedings';

/** What a resolution's FOR votes must reach: a fraction of a base, "at least" or "more than". */
export interface MajorityNeeded {
  /** The fraction's numerator: 1 of "one half", 2 of "two-thirds". */
  readonly numerator: number;
  /** The fraction's denominator. */
  readonly denominator: number;
  /** AT_LEAST (≥, 以上) or MORE_THAN (>, 過半數). */
  readonly comparator: 'AT_LEAST' | 'MORE_THAN';
  /** What FOR is measured against: votes cast (FOR + AGAINST), with abstentions, present and entitled, or outstanding. */
  readonly base: 'VOTES_CAST' | 'VOTES_CAST_AND_ABSTAINED' | 'PRESENT_AND_ENTITLED' | 'OUTSTANDING';
}

/** The quorum when the meeting opened (or last resumed). */
export interface QuorumAtOpening {
  /** What counted: holders present, shares present, or no quorum rule. */
  readonly kind: 'NONE' | 'HOLDERS_PRESENT' | 'SHARES_PRESENT';
  /** The unit of present, entitled and required. */
  readonly unit: 'HOLDERS' | 'SHARES' | 'VOTES';
  /** How many were present. */
  readonly present: number;
  /** How many were entitled (null where the rule does not say). */
  readonly entitled: number | null;
  /** How many the quorum required. */
  readonly required: number;
  /** Whether the quorum was present. */
  readonly met: boolean;
}

/**
 * A meeting as a page about it states it beside its figures (the figures are the ResultsView's):
 * who holds it, when and where, how its proceedings went, the majority each resolution needs, the
 * register by class and who attended how.
 */
export interface MeetingDetails {
  /** The meeting's id. */
  readonly meetingId: string;
  /** The company: its name, and its stock code and place of incorporation where recorded. */
  readonly company: { readonly name: string; readonly stockCode?: string; readonly incorporation?: string };
  /** When the meeting is (or was) held: as scheduled, postponed, or last resumed. */
  readonly startsAt: string;
  /** Where it is held. */
  readonly place: string;
  /** The scrutineers appointed for the poll. */
  readonly scrutineers: readonly { readonly name: string; readonly capacity: string }[];
  /** When it opened and with what quorum, when its poll opened and closed, who certified it. */
  readonly proceedings: {
    readonly opened?: { readonly at: string; readonly quorum: QuorumAtOpening };
    readonly pollOpenedAt?: string;
    readonly pollClosedAt?: string;
    readonly closedAt?: string;
    readonly adjourned?: { readonly at: string; readonly resumesAt: string };
    readonly certified?: { readonly at: string; readonly scrutineer: string; readonly root: string | null };
  };
  /** The majority each resolution needs at this meeting, by resolution id (absent until recorded). */
  readonly majorities: Readonly<Record<string, MajorityNeeded>>;
  /** The register by class: issued shares, votes per share, shares and holders entitled to vote. */
  readonly classes: readonly {
    readonly code: string;
    readonly issuedShares: number;
    readonly votesPerShare: number;
    readonly entitledShares: number;
    readonly entitledHolders: number;
  }[];
  /** Holders, shares and votes present in person, by proxy, by corporate representative and online. */
  readonly attendanceByMode: {
    readonly IN_PERSON: AttendanceFigures;
    readonly PROXY: AttendanceFigures;
    readonly CORPORATE_REPRESENTATIVE: AttendanceFigures;
    /** Holders who voted online (the A-share network vote), where the rule set admits them. */
    readonly ONLINE: AttendanceFigures;
  };
}

/** The read models a meeting's details are drawn from. */
export interface DetailsModels {
  readonly results: ResultsModels;
  readonly facts: AnnouncementFacts;
  readonly proceedings: Proceedings;
}

const NOBODY: AttendanceFigures = { holders: 0, shares: 0, votes: 0 };

const proceedingsOf = ({
  meetingId: _,
  opened,
  ...rest
}: MeetingProceedings): MeetingDetails['proceedings'] => ({
  ...rest,
  ...(opened
    ? {
        opened: {
          at: opened.at,
          quorum: {
            kind: opened.quorum.kind,
            unit: opened.quorum.unit,
            present: opened.quorum.present,
            entitled: opened.quorum.entitled,
            required: opened.quorum.required,
            met: opened.quorum.met,
          },
        },
      }
    : {}),
});

function attendanceOf(attendance: Attendance, meetingId: string): MeetingDetails['attendanceByMode'] {
  const byMode = attendance.get(meetingId)?.byMode;
  return {
    IN_PERSON: { ...(byMode?.IN_PERSON ?? NOBODY) },
    PROXY: { ...(byMode?.PROXY ?? NOBODY) },
    CORPORATE_REPRESENTATIVE: { ...(byMode?.CORPORATE_REPRESENTATIVE ?? NOBODY) },
    ONLINE: { ...(byMode?.ONLINE ?? NOBODY) },
  };
}

/** The details of one meeting, or undefined for a meeting the record does not hold. */
export function meetingDetails(models: DetailsModels, meetingId: string): MeetingDetails | undefined {
  const results = models.results.poll.meetings.get(meetingId);
  if (!results) return undefined;
  const facts = models.facts.meetings.get(meetingId);
  const proceedings = models.proceedings.meetings.get(meetingId);
  const majorities: Record<string, MajorityNeeded> = {};
  for (const r of results.resolutions.values())
    if (r.majorityRule) {
      const { threshold, comparator, base } = r.majorityRule;
      majorities[r.resolutionId] = { ...threshold, comparator, base };
    }
  return {
    meetingId,
    company: facts?.company ?? { name: results.companyName },
    startsAt: results.heldAt ?? facts?.startsAt ?? results.startsAt,
    place: facts?.place ?? results.place,
    scrutineers: facts?.scrutineers.map((s) => ({ ...s })) ?? [],
    proceedings: proceedings ? proceedingsOf(proceedings) : {},
    majorities,
    classes: results.classes.map((c) => ({ ...c })),
    attendanceByMode: attendanceOf(models.results.attendance, meetingId),
  };
}

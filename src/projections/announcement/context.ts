import { ResolutionKind } from '../../domain/meeting/events';
import { AnnouncementForm, DateStyle } from '../../domain/rules/presentation';
import { AbstentionScope } from '../../domain/resolution/events';
import { AnnouncementFacts, MeetingFacts } from './facts';
import { Labels, MeetingNames } from './names';
import { Terms } from './terms';
import { MeetingResults } from '../results/poll';
import { MeetingView } from '../results/view';

/**
 * What the caller supplies because no event records it. Each field is optional and its default says
 * nothing rather than something unrecorded.
 */
export interface AnnouncementOptions {
  /**
   * The circular recorded that no holder stated an intention to vote against or to abstain (HKEX
   * Listing Rule 13.39(5)). Default false: the sentence is left out, not asserted. Its proper home is
   * the circular in NoticeIssued (e.g. circular.statedVotingIntentions).
   */
  readonly noVotingIntentionsStated?: boolean;
  /**
   * Resolution kinds whose decision sentence says they were "voted on by the non-cumulative voting
   * system" (PRC drafting). Every resolution the events can record is non-cumulative; whether to say
   * so is drafting. Default: none. Its proper home is a voting method on ResolutionProposed.
   */
  readonly nonCumulativeStatedFor?: readonly ResolutionKind[];
  /** The legal adviser's opinion paragraph, verbatim: no event records the opinion. */
  readonly legalOpinion?: string;
  /** The closing block ("By order of the Board", signatory, place and date, the board), line by line. */
  readonly closing?: readonly string[];
  /**
   * The form of the announcement: the HKEX poll results announcement, or the UK "Result of AGM" with
   * the CA 2006 s.341(1A) figures, one meeting (the first named) to a release. Default: the form
   * the first meeting's presentation names (UK-CA2006: the UK one), else the HKEX one.
   */
  readonly form?: AnnouncementForm;
  /**
   * The Traditional Chinese version's own words for what the record holds only in English (names,
   * titles, places) and for what the options give in English. Every figure comes from the record,
   * as in English; where a translation is missing, the recorded English stands in its place.
   */
  readonly zhHant?: ChineseWording;
}

/** The Traditional Chinese names and texts of a bilingual filing; each is optional. */
export interface ChineseWording {
  /** The company's Chinese name, e.g. "江西金力永磁科技股份有限公司". */
  readonly companyName?: string;
  /** The line under the name, e.g. "於中華人民共和國註冊成立的股份有限公司". */
  readonly incorporation?: string;
  /** Each meeting's full Chinese title by meeting id, e.g. "2023年第一次臨時股東大會". */
  readonly meetingTitles?: Readonly<Record<string, string>>;
  /** Each meeting's venue in Chinese, by meeting id. */
  readonly places?: Readonly<Record<string, string>>;
  /** Each resolution's Chinese title, by resolution id. */
  readonly resolutionTitles?: Readonly<Record<string, string>>;
  /** Each election's Chinese title, by election id. */
  readonly electionTitles?: Readonly<Record<string, string>>;
  /** People and firms in Chinese (scrutineers, directors, candidates), by their recorded English name. */
  readonly names?: Readonly<Record<string, string>>;
  /** A scrutineer's capacity in Chinese, by the recorded English capacity, e.g. "H share registrar": "H股股份過戶登記處". */
  readonly capacities?: Readonly<Record<string, string>>;
  /** The legal adviser's opinion paragraph in Chinese. */
  readonly legalOpinion?: string;
  /** The closing block in Chinese, line by line. */
  readonly closing?: readonly string[];
}

/** Holders required to abstain on a set of resolutions at one meeting, with what they hold there. */
export interface AbstentionGroup {
  readonly scope: AbstentionScope;
  readonly numbers: readonly number[];
  readonly holders: number;
  readonly shares: number;
  /** The holders' names, in the group's order, where the register names every one of them. */
  readonly names?: readonly string[];
}

/** One meeting as the announcement reports it: its facts, names, figures and required abstentions. */
export interface MeetingInAnnouncement {
  readonly facts: MeetingFacts;
  readonly names: MeetingNames;
  readonly view: MeetingView;
  readonly results: MeetingResults;
  readonly abstentions: readonly AbstentionGroup[];
  /** Each resolution's label by its number, for the sentences that cite resolutions. */
  readonly labels: Labels;
}

/** The state of the drafting, shared by every section in reading order. */
export interface Drafting {
  readonly terms: Terms;
  readonly options: AnnouncementOptions;
  /** "Circular" when one circular was issued, "Circulars" for several, absent for none. */
  readonly circularTerm?: string;
  /** Whether the announcement covers several meetings ("the Meetings"). */
  readonly several: boolean;
  /** How dates are written: the first meeting's presentation (one announcement, one style). */
  readonly dateStyle: DateStyle;
}

/** Groups the required abstentions at a meeting: resolutions with the same holders and scope together. */
export function abstentionGroups(facts: AnnouncementFacts, meeting: MeetingResults): AbstentionGroup[] {
  const groups = new Map<string, AbstentionGroup & { numbers: number[] }>();
  const named = facts.meetings.get(meeting.meetingId)?.holderNames ?? {};
  for (const required of facts.abstentions.values()) {
    const at = required.meetings.find((m) => m.meetingId === meeting.meetingId);
    if (!at) continue;
    for (const scope of ['ALL', 'IN_FAVOUR'] as const) {
      // Only holders on this meeting's register: an H holder is nothing to the A class meeting.
      const held = required.holders
        .filter((h) => h.scope === scope && meeting.holdings.has(h.holderId))
        .map((h) => h.holderId)
        .sort();
      if (held.length === 0) continue;
      const key = `${scope}|${held.join(',')}`;
      const names = held.map((id) => named[id]);
      const group = groups.get(key) ?? {
        scope,
        numbers: [],
        holders: held.length,
        shares: held.reduce((sum, id) => sum + (meeting.holdings.get(id)?.shares ?? 0), 0),
        // Named only when the register names them all: a sentence naming some would hide the others.
        ...(names.every((n) => n !== undefined) ? { names } : {}),
      };
      group.numbers.push(at.number);
      groups.set(key, group);
    }
  }
  const first = (g: AbstentionGroup) => Math.min(...g.numbers);
  return [...groups.values()]
    .map((g) => ({ ...g, numbers: [...g.numbers].sort((a, b) => a - b) }))
    .sort((a, b) => first(a) - first(b));
}

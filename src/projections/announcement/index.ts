import { DomainEvent } from '../../domain/events';
import { Announcement } from './blocks';
import { abstentionGroups, AnnouncementOptions, Drafting, MeetingInAnnouncement } from './context';
import { conveningSection } from './convening';
import { AnnouncementFacts, applyToAnnouncementFacts, initialAnnouncementFacts } from './facts';
import { meetingNames } from './names';
import { openingSection } from './opening';
import { pollSection } from './poll';
import { resultOfMeeting } from './result-of-meeting';
import { definedTerms } from './terms';
import { zhConveningSection, zhPollSection } from './zh-sections';
import { ZhDrafting, ZhMeeting, zhOpeningSection } from './zh-opening';
import { zhMeetingNames } from './zh-words';
import { applyToResults, initialResultsModels, ResultsModels, resultsView } from '../results/view';

/**
 * The HKEX poll-results announcement (Listing Rule 13.39(5)), generated from the events alone: the
 * results read models for the figures and the announcement facts for the rest. What no event
 * records (the legal opinion, the closing block, two drafting choices) comes from the options; see
 * AnnouncementOptions. The announcement is not stored: it is rendered on demand from stored models.
 */
export type { AnnouncementOptions, ChineseWording } from './context';

/** The languages the announcement is written in: English, and Traditional Chinese as HKEX filings use it. */
export type AnnouncementLanguage = 'en' | 'zh-Hant';

/** Every language the announcement is written in. */
export const ANNOUNCEMENT_LANGUAGES: readonly AnnouncementLanguage[] = ['en', 'zh-Hant'];

export interface AnnouncementModels {
  readonly results: ResultsModels;
  readonly facts: AnnouncementFacts;
}

export const initialAnnouncementModels = (): AnnouncementModels => ({
  results: initialResultsModels(),
  facts: initialAnnouncementFacts(),
});

export function applyToAnnouncementModels(
  models: AnnouncementModels,
  event: DomainEvent,
): AnnouncementModels {
  applyToResults(models.results, event);
  applyToAnnouncementFacts(models.facts, event);
  return models;
}

export const foldAnnouncementModels = (events: Iterable<DomainEvent>): AnnouncementModels => {
  const models = initialAnnouncementModels();
  for (const e of events) applyToAnnouncementModels(models, e);
  return models;
};

/** The meetings to announce together (all of them when none are named), in the order they were held. */
function meetingsIn(models: AnnouncementModels, meetingIds?: readonly string[]): MeetingInAnnouncement[] {
  return resultsView(models.results, meetingIds).meetings.flatMap((view) => {
    const facts = models.facts.meetings.get(view.id);
    const results = models.results.poll.meetings.get(view.id);
    if (!facts || !results) return [];
    return [
      {
        facts,
        names: meetingNames(facts.kind, facts.shareClasses, facts.title),
        view,
        results,
        abstentions: abstentionGroups(models.facts, results),
        labels: new Map(view.resolutions.map((r) => [r.no, r.label])),
      },
    ];
  });
}

const circularTermOf = (meetings: readonly MeetingInAnnouncement[]): string | undefined => {
  const circulars = new Set(
    meetings.flatMap((m) =>
      m.facts.notice?.circular ? [`${m.facts.notice.circular.date}|${m.facts.notice.circular.title}`] : [],
    ),
  );
  return circulars.size === 0 ? undefined : circulars.size === 1 ? 'Circular' : 'Circulars';
};

export function announcement(
  models: AnnouncementModels,
  options: AnnouncementOptions = {},
  meetingIds?: readonly string[],
  language: AnnouncementLanguage = 'en',
): Announcement {
  const meetings = meetingsIn(models, meetingIds);
  if (meetings.length === 0) return { blocks: [], language };
  const form = options.form ?? meetings[0].view.presentation.form ?? 'HKEX_POLL_RESULTS';
  if (form === 'UK_RESULT_OF_MEETING') return { ...resultOfMeeting(meetings[0]), language };
  if (language === 'zh-Hant') return chineseAnnouncement(meetings, options);
  const circularTerm = circularTermOf(meetings);
  // One drafting walks the sections in reading order, so each term is defined where first used.
  const drafting: Drafting = {
    terms: definedTerms(),
    options,
    several: meetings.length > 1,
    dateStyle: meetings[0].view.presentation.dateStyle,
    ...(circularTerm ? { circularTerm } : {}),
  };
  return {
    language,
    blocks: [
      ...openingSection(meetings, drafting),
      ...conveningSection(meetings, drafting),
      ...pollSection(meetings, drafting),
      ...(options.closing && options.closing.length > 0
        ? [{ kind: 'lines' as const, lines: options.closing }]
        : []),
    ],
  };
}

/** The same announcement in Traditional Chinese: the same figures, the wording of Chinese filings. */
function chineseAnnouncement(
  meetings: readonly MeetingInAnnouncement[],
  options: AnnouncementOptions,
): Announcement {
  const words = options.zhHant ?? {};
  const zh: ZhMeeting[] = meetings.map((m) => ({
    m,
    zh: zhMeetingNames(m.facts.kind, m.facts.shareClasses, words.meetingTitles?.[m.facts.meetingId]),
  }));
  const drafting: ZhDrafting = {
    words,
    several: meetings.length > 1,
    noVotingIntentionsStated: options.noVotingIntentionsStated ?? false,
    nonCumulativeStatedFor: options.nonCumulativeStatedFor ?? [],
  };
  const closing = words.closing ?? options.closing;
  return {
    language: 'zh-Hant',
    blocks: [
      ...zhOpeningSection(zh, drafting),
      ...zhConveningSection(zh, drafting),
      ...zhPollSection(zh, drafting),
      ...(closing && closing.length > 0 ? [{ kind: 'lines' as const, lines: closing }] : []),
    ],
  };
}

export const announcementFromEvents = (
  events: Iterable<DomainEvent>,
  options: AnnouncementOptions = {},
  meetingIds?: readonly string[],
  language: AnnouncementLanguage = 'en',
): Announcement => announcement(foldAnnouncementModels(events), options, meetingIds, language);

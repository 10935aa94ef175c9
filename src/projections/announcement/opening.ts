import { dateOf } from '../../domain/shared/dates';
import { ShareClass } from '../../domain/shared/share-class';
import { Block, heading, Inline, inline, paragraph } from './blocks';
import { Drafting, MeetingInAnnouncement } from './context';
import { everyResolutionPassed, oneItem } from './counting';
import { MeetingFacts } from './facts';
import { dayAndDate, listed, longDate, placeInText } from './names';
import { defining } from './terms';
import { grouped } from '../shared/figures';

/** The disclaimer HKEX requires at the head of every announcement it publishes. */
export const HKEX_DISCLAIMER =
  'Hong Kong Exchanges and Clearing Limited and The Stock Exchange of Hong Kong Limited take no responsibility for the contents of this announcement, make no representation as to its accuracy or completeness and expressly disclaim any liability whatsoever for any loss howsoever arising from or in reliance upon the whole or any part of the contents of this announcement.';

/**
 * The opening of the announcement, before its numbered sections: the company, the headline, which
 * meetings were held where and when, the notices and circular, the issued shares by class, the
 * scrutineers, the legal opinion (given by the caller) and the directors who attended.
 */
export function openingSection(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Block[] {
  const company = meetings[0].facts.company;
  return [
    paragraph([HKEX_DISCLAIMER]),
    paragraph([{ strong: company.name }]),
    ...(company.incorporation ? [paragraph([`(Place of incorporation: ${company.incorporation})`])] : []),
    ...(company.stockCode ? [paragraph([`(Stock Code: ${company.stockCode})`])] : []),
    heading(1, [{ strong: `POLL RESULTS OF ${heldOn(meetings, drafting, (m) => m.names.titleInText)}` }]),
    paragraph(announced(meetings, drafting)),
    ...notices(meetings, drafting),
    heading(2, [`POLL RESULTS OF ${heldOn(meetings, drafting, (m) => `the ${m.names.kindName}`)}`]),
    paragraph(issuedShares(meetings)),
    ...scrutineers(meetings, drafting),
    ...(drafting.options.legalOpinion ? [paragraph([drafting.options.legalOpinion])] : []),
    ...directors(meetings, drafting),
  ];
}

const sameDay = (meetings: readonly MeetingInAnnouncement[]) =>
  new Set(meetings.map((m) => dateOf(m.facts.startsAt))).size === 1;

/** "A, B AND C HELD ON NOVEMBER 23, 2023", or each with its own date when they differ; in capitals. */
function heldOn(
  meetings: readonly MeetingInAnnouncement[],
  { dateStyle }: Drafting,
  name: (m: MeetingInAnnouncement) => string,
): string {
  const held = (m: MeetingInAnnouncement) => `held on ${longDate(m.facts.startsAt, dateStyle)}`;
  const text = sameDay(meetings)
    ? `${listed(meetings.map(name))} ${held(meetings[0])}`
    : listed(meetings.map((m) => `${name(m)} ${held(m)}`));
  return text.toUpperCase();
}

const joinRuns = (items: readonly (readonly Inline[])[]): Inline[] =>
  items.reduce<Inline[]>(
    (all, item, i) => (i === 0 ? [...item] : inline`${all}${i === items.length - 1 ? ' and ' : ', '}${item}`),
    [],
  );

/** "the first extraordinary general meeting of 2023 (the “EGM”)", the last naming them all "the Meetings". */
function meetingDefinitions(
  meetings: readonly MeetingInAnnouncement[],
  withPlace: boolean,
  { dateStyle }: Drafting,
): Inline[][] {
  return meetings.map((m, i) => {
    const last = meetings.length > 1 && i === meetings.length - 1;
    const others = listed(meetings.slice(0, -1).map((o) => `the ${o.names.short}`));
    const definition = last
      ? inline`${m.names.titleInText} (the “${{ strong: m.names.short }}”, together with ${others}, collectively referred to as the “${{ strong: 'Meetings' }}”)`
      : inline`${m.names.titleInText} (the “${{ strong: m.names.short }}”)`;
    return withPlace
      ? inline`${definition} held at ${placeInText(m.facts.place)} on ${dayAndDate(m.facts.startsAt, dateStyle)}`
      : definition;
  });
}

function announced(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Inline[] {
  const board = inline`${defining('The board of directors', 'Board')} of ${defining(meetings[0].facts.company.name, 'Company')}`;
  const together = sameDay(meetings) && new Set(meetings.map((m) => m.facts.place)).size === 1;
  const first = meetings[0].facts;
  const where = together
    ? ` at ${placeInText(first.place)} on ${dayAndDate(first.startsAt, drafting.dateStyle)}`
    : '';
  const held = drafting.several ? 'have been held' : 'was held';
  const announces = everyResolutionPassed(meetings) ? 'is pleased to announce' : 'announces';
  const voted = oneItem(meetings)
    ? 'the resolution set out below was voted'
    : 'all the resolutions set out below were voted';
  return inline`${board} ${announces} that ${joinRuns(meetingDefinitions(meetings, !together, drafting))} ${held}${where} and ${voted} by way of poll.`;
}

const circularsOf = (meetings: readonly MeetingInAnnouncement[]) => {
  const all = meetings.flatMap((m) => (m.facts.notice?.circular ? [m.facts.notice.circular] : []));
  return [...new Map(all.map((c) => [`${c.date}|${c.title}`, c])).values()];
};

/** "Reference is made to the notice of the EGM … and the circular (the “Circular”) … all dated …". */
function notices(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Block[] {
  const noticed = meetings.flatMap((m) => (m.facts.notice ? [{ m, on: m.facts.notice.issuedOn }] : []));
  const circulars = circularsOf(meetings);
  const items: { text: Inline[]; date: string }[] = [
    ...noticed.map(({ m, on }) => ({ text: [`the notice of the ${m.names.short}`], date: on })),
    ...circulars.map((c) => ({
      text: inline`${defining(circulars.length > 1 ? 'the circulars' : 'the circular', drafting.circularTerm ?? 'Circular')} of the Company`,
      date: c.date,
    })),
  ];
  if (items.length === 0) return [];
  const dates = new Set(items.map((i) => i.date));
  const referred =
    dates.size === 1
      ? inline`${joinRuns(items.map((i) => i.text))} ${items.length > 2 ? 'all dated' : items.length === 2 ? 'both dated' : 'dated'} ${longDate(items[0].date, drafting.dateStyle)}`
      : joinRuns(items.map((i) => inline`${i.text} dated ${longDate(i.date, drafting.dateStyle)}`));
  const terms = drafting.circularTerm
    ? ` Unless otherwise defined, terms used herein shall have the same meanings as those defined in the ${drafting.circularTerm}.`
    : '';
  return [paragraph(inline`Reference is made to ${referred}.${terms}`)];
}

/** Issued shares as at the first general meeting (or the first meeting), with every class any meeting names. */
function issuedShares(meetings: readonly MeetingInAnnouncement[]): Inline[] {
  const source = meetings.find((m) => m.names.general) ?? meetings[0];
  const byCode = new Map<string, ShareClass>();
  for (const c of [source, ...meetings].flatMap((m) => m.facts.shareClasses))
    if (!byCode.has(c.code)) byCode.set(c.code, c);
  const classes = [...byCode.values()];
  const total = classes.reduce((sum, c) => sum + c.issuedShares, 0);
  const each = classes.map(
    (c) =>
      `${grouped(c.issuedShares)} ${c.code} Shares${c.votesPerShare > 1 ? ` carrying ${c.votesPerShare} votes each` : ''}`,
  );
  const detail = classes.length > 1 || classes[0].votesPerShare > 1 ? ` (including ${listed(each)})` : '';
  return inline`As at the date of the ${source.names.short}, ${defining('the total number of issued shares of the Company', 'Shares')} was ${grouped(total)} Shares${detail}.`;
}

/** True when the name already says what the capacity would ("The supervisor of the Company", supervisor). */
const nameSaysCapacity = (name: string, capacity: string): boolean => {
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z ]/g, '')
      .split(/\s+/)
      .filter(Boolean);
  const inName = new Set(words(name));
  return words(capacity).every((w) => inName.has(w));
};

function scrutineers(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Block[] {
  const all = new Map<string, MeetingFacts['scrutineers'][number]>();
  for (const m of meetings) for (const s of m.facts.scrutineers) if (!all.has(s.name)) all.set(s.name, s);
  if (all.size === 0) return [];
  const named = [...all.values()].map(
    (s) =>
      `${placeInText(s.name)}${nameSaysCapacity(s.name, s.capacity) ? '' : ` (the Company’s ${s.capacity})`}`,
  );
  const where = drafting.several ? 'the Meetings' : `the ${meetings[0].names.short}`;
  return [
    paragraph([
      `In compliance with the requirements of the Listing Rules, the Company appointed ${listed(named, true)} to act as the ${
        named.length > 1 ? 'scrutineers' : 'scrutineer'
      } for the vote-taking at ${where}.`,
    ]),
  ];
}

function directors(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Block[] {
  const recorded = meetings.filter((m) => m.facts.directors && m.facts.directors.length > 0);
  if (recorded.length === 0) return [];
  const where = drafting.several ? 'the Meetings' : `the ${meetings[0].names.short}`;
  const count = `The Company had ${recorded[0].facts.directors!.length} Directors as at the time of ${where}.`;
  return recorded.map((m, i) => paragraph([`${i === 0 ? `${count} ` : ''}${directorsAt(m)}`]));
}

function directorsAt(m: MeetingInAnnouncement): string {
  const all = m.facts.directors ?? [];
  const present = all.filter((d) => d.present);
  const short = m.names.short;
  if (present.length === 0) return `None of the Directors attended the ${short}.`;
  const means = new Set(present.map((d) => d.means ?? 'IN_PERSON'));
  const how =
    means.size > 1
      ? 'in person or by electronic means'
      : means.has('ELECTRONIC')
        ? 'by electronic means'
        : 'in person';
  if (present.length === all.length) return `All the Directors attended the ${short} ${how}.`;
  const byDesignation = new Map<string, string[]>();
  for (const d of present)
    byDesignation.set(d.designation, [...(byDesignation.get(d.designation) ?? []), d.name]);
  const groups = [...byDesignation].map(
    ([designation, names]) => `${listed(names)}, the ${designation}${names.length > 1 ? 's' : ''}`,
  );
  const who =
    groups.length === 1 ? groups[0] : `${groups.slice(0, -1).join(', ')}, and ${groups[groups.length - 1]}`;
  return `${who}, attended the ${short} ${how}, whereas the other Directors did not attend the ${short}.`;
}

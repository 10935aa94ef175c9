import { dateOf } from '../../domain/shared/dates';
import { Block, heading, Inline, inline, paragraph } from './blocks';
import { ChineseWording, MeetingInAnnouncement } from './context';
import { everyResolutionPassed, oneItem } from './counting';
import { grouped } from '../shared/figures';
import { zhDate, zhDayAndDate, zhDesignation, zhListed, ZhMeetingNames } from './zh-words';

/** The disclaimer HKEX requires at the head of every announcement, in the Chinese it is published in. */
export const HKEX_DISCLAIMER_ZH =
  '香港交易及結算所有限公司及香港聯合交易所有限公司對本公告的內容概不負責，對其準確性或完整性亦不發表任何聲明，並明確表示，概不對因本公告全部或任何部分內容而產生或因倚賴該等內容而引致的任何損失承擔任何責任。';

/** One meeting with its Chinese names: what every Chinese section works from. */
export interface ZhMeeting {
  readonly m: MeetingInAnnouncement;
  readonly zh: ZhMeetingNames;
}

/** The Chinese drafting's state: the translations given, and whether several meetings are announced. */
export interface ZhDrafting {
  readonly words: ChineseWording;
  readonly several: boolean;
  readonly noVotingIntentionsStated: boolean;
  readonly nonCumulativeStatedFor: readonly string[];
}

/** "「臨時股東大會」", the term in bold as the filing prints it. */
export const zhTerm = (term: string): Inline[] => inline`「${{ strong: term }}」`;

/** A recorded English name in Chinese where the options give it. */
export const zhName = (words: ChineseWording, name: string): string => words.names?.[name] ?? name;

const sameDay = (meetings: readonly ZhMeeting[]) =>
  new Set(meetings.map(({ m }) => dateOf(m.facts.startsAt))).size === 1;

/** The opening: company, headline, the meetings held, notices, issued shares, scrutineers, opinion, directors. */
export function zhOpeningSection(meetings: readonly ZhMeeting[], d: ZhDrafting): Block[] {
  const company = meetings[0].m.facts.company;
  const incorporation =
    d.words.incorporation ?? (company.incorporation ? `註冊成立地點：${company.incorporation}` : undefined);
  return [
    paragraph([HKEX_DISCLAIMER_ZH]),
    paragraph([{ strong: d.words.companyName ?? company.name }]),
    ...(d.words.companyName ? [paragraph([{ strong: company.name }])] : []),
    ...(incorporation ? [paragraph([`（${incorporation}）`])] : []),
    ...(company.stockCode ? [paragraph([`（股份代號：${company.stockCode}）`])] : []),
    heading(1, [{ strong: `${heldOn(meetings, (x) => x.zh.title)}投票表決結果公告` }]),
    paragraph(announced(meetings, d)),
    ...notices(meetings),
    heading(2, [`${heldOn(meetings, (x) => x.zh.short)}的投票表決結果`]),
    paragraph(issuedShares(meetings)),
    ...scrutineers(meetings, d),
    ...(d.words.legalOpinion ? [paragraph([d.words.legalOpinion])] : []),
    ...directors(meetings, d),
  ];
}

/** "於2023年11月23日舉行的甲、乙及丙", or each with its own date when they differ. */
function heldOn(meetings: readonly ZhMeeting[], name: (x: ZhMeeting) => string): string {
  if (sameDay(meetings))
    return `於${zhDate(meetings[0].m.facts.startsAt)}舉行的${zhListed(meetings.map(name))}`;
  return zhListed(meetings.map((x) => `於${zhDate(x.m.facts.startsAt)}舉行的${name(x)}`));
}

const placeOf = (x: ZhMeeting, d: ZhDrafting) => d.words.places?.[x.m.facts.meetingId] ?? x.m.facts.place;

function announced(meetings: readonly ZhMeeting[], d: ZhDrafting): Inline[] {
  const company = d.words.companyName ?? meetings[0].m.facts.company.name;
  const defined = meetings.map((x, i) => {
    const last = meetings.length > 1 && i === meetings.length - 1;
    const others = zhListed(meetings.slice(0, -1).map((o) => o.zh.short));
    return last
      ? inline`${x.zh.title}（${zhTerm(x.zh.short)}，連同${others}統稱${zhTerm('該等會議')}）`
      : inline`${x.zh.title}（${zhTerm(x.zh.short)}）`;
  });
  const together = sameDay(meetings) && new Set(meetings.map((x) => placeOf(x, d))).size === 1;
  const joined = defined.reduce<Inline[]>(
    (all, item, i) => (i === 0 ? [...item] : inline`${all}${i === defined.length - 1 ? '及' : '、'}${item}`),
    [],
  );
  const when = together
    ? `已於${zhDayAndDate(meetings[0].m.facts.startsAt)}在${placeOf(meetings[0], d)}舉行`
    : `已分別${zhListed(meetings.map((x) => `於${zhDayAndDate(x.m.facts.startsAt)}在${placeOf(x, d)}舉行${x.zh.short}`))}`;
  const announces = everyResolutionPassed(meetings.map((x) => x.m)) ? '欣然宣佈' : '宣佈';
  const voted = oneItem(meetings.map((x) => x.m))
    ? '下文所載的決議案以投票方式表決'
    : '下文所載的所有決議案均以投票方式表決';
  return inline`${company}（${zhTerm('本公司')}）董事會（${zhTerm('董事會')}）${announces}，本公司${joined}${when}，${voted}。`;
}

/** "茲提述本公司日期均為2023年11月6日的臨時股東大會通告、H股類別股東大會通告及通函（「通函」）。" */
function notices(meetings: readonly ZhMeeting[]): Block[] {
  const items: { text: Inline[]; date: string }[] = meetings.flatMap((x) =>
    x.m.facts.notice ? [{ text: [`${x.zh.short}通告`], date: x.m.facts.notice.issuedOn }] : [],
  );
  const circulars = [
    ...new Map(
      meetings
        .flatMap((x) => (x.m.facts.notice?.circular ? [x.m.facts.notice.circular] : []))
        .map((c) => [`${c.date}|${c.title}`, c]),
    ).values(),
  ];
  for (const c of circulars) items.push({ text: inline`通函（${zhTerm('通函')}）`, date: c.date });
  if (items.length === 0) return [];
  const dates = new Set(items.map((i) => i.date));
  const joined = (list: readonly Inline[][]) =>
    list.reduce<Inline[]>(
      (all, t, i) => (i === 0 ? [...t] : inline`${all}${i === list.length - 1 ? '及' : '、'}${t}`),
      [],
    );
  const referred =
    dates.size === 1
      ? inline`日期${items.length > 1 ? '均' : ''}為${zhDate(items[0].date)}的${joined(items.map((i) => i.text))}`
      : joined(items.map((i) => inline`日期為${zhDate(i.date)}的${i.text}`));
  const terms = circulars.length > 0 ? '除另有界定者外，本公告所用詞彙與通函所界定者具有相同涵義。' : '';
  return [paragraph(inline`茲提述本公司${referred}。${terms}`)];
}

function issuedShares(meetings: readonly ZhMeeting[]): Inline[] {
  const source = meetings.find((x) => x.zh.general) ?? meetings[0];
  const byCode = new Map<string, { code: string; issuedShares: number; votesPerShare: number }>();
  for (const c of [source, ...meetings].flatMap((x) => x.m.facts.shareClasses))
    if (!byCode.has(c.code)) byCode.set(c.code, c);
  const classes = [...byCode.values()];
  const total = classes.reduce((sum, c) => sum + c.issuedShares, 0);
  const each = classes.map(
    (c) =>
      `${grouped(c.issuedShares)}股${c.code}股${c.votesPerShare > 1 ? `（每股附有${c.votesPerShare}票投票權）` : ''}`,
  );
  const detail = classes.length > 1 || classes[0].votesPerShare > 1 ? `（包括${zhListed(each)}）` : '';
  return inline`於${source.zh.short}日期，本公司已發行股份總數（${zhTerm('股份')}）為${grouped(total)}股${detail}。`;
}

function scrutineers(meetings: readonly ZhMeeting[], d: ZhDrafting): Block[] {
  const all = new Map<string, { name: string; capacity: string }>();
  for (const { m } of meetings) for (const s of m.facts.scrutineers) if (!all.has(s.name)) all.set(s.name, s);
  if (all.size === 0) return [];
  const named = [...all.values()].map((s) => {
    const capacity = d.words.capacities?.[s.capacity];
    return `${zhName(d.words, s.name)}${capacity ? `（本公司的${capacity}）` : ''}`;
  });
  const where = d.several ? '該等會議' : meetings[0].zh.short;
  return [paragraph([`根據上市規則的規定，本公司委任${zhListed(named)}擔任${where}投票表決的監票人。`])];
}

function directors(meetings: readonly ZhMeeting[], d: ZhDrafting): Block[] {
  const recorded = meetings.filter((x) => x.m.facts.directors && x.m.facts.directors.length > 0);
  if (recorded.length === 0) return [];
  const where = d.several ? '該等會議' : meetings[0].zh.short;
  const count = `於${where}舉行時，本公司共有${recorded[0].m.facts.directors!.length}名董事。`;
  return recorded.map((x, i) => paragraph([`${i === 0 ? count : ''}${directorsAt(x, d)}`]));
}

function directorsAt({ m, zh }: ZhMeeting, d: ZhDrafting): string {
  const all = m.facts.directors ?? [];
  const present = all.filter((x) => x.present);
  if (present.length === 0) return `概無董事出席${zh.short}。`;
  const means = new Set(present.map((x) => x.means ?? 'IN_PERSON'));
  const how = means.size > 1 ? '親身或以電子方式' : means.has('ELECTRONIC') ? '以電子方式' : '親身';
  if (present.length === all.length) return `全體董事均${how}出席了${zh.short}。`;
  const byDesignation = new Map<string, string[]>();
  for (const x of present)
    byDesignation.set(x.designation, [...(byDesignation.get(x.designation) ?? []), zhName(d.words, x.name)]);
  const who = zhListed(
    [...byDesignation].map(([designation, names]) => `${zhDesignation(designation)}${zhListed(names)}`),
  );
  return `${who}${how}出席了${zh.short}，其他董事未有出席${zh.short}。`;
}

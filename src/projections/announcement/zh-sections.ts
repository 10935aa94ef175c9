import { ResolutionKind } from '../../domain/meeting/events';
import { Block, heading, Inline, paragraph, PollTable } from './blocks';
import { AbstentionGroup } from './context';
import { grouped } from '../shared/figures';
import { ResolutionView } from '../results/view';
import { zhElectionBlocks } from './zh-elections';
import { Decision, decisions, kindOf, rowLabel, runsOfKind } from './poll';
import { Presentation } from '../../domain/rules/presentation';
import { ZhDrafting, ZhMeeting, zhName, zhTerm } from './zh-opening';
import { zhListed, zhMajority, zhNumbers } from './zh-words';
import { oneItem } from './counting';

/**
 * Sections 1 and 2 in Chinese: the shares entitled, the holders required to abstain and the shares
 * attending at each meeting; then each meeting's poll tables (贊成 / 反對 / 棄權) in the notice's
 * order and the sentences saying which resolutions passed and by what majority.
 */
export function zhConveningSection(meetings: readonly ZhMeeting[], d: ZhDrafting): Block[] {
  const defined = { shareholders: false };
  return [
    heading(2, [d.several ? '1. 該等會議的召開情況' : `1. ${meetings[0].zh.short}的召開情況`]),
    ...meetings.flatMap((x) => [
      ...(d.several ? [heading(3, [x.zh.short])] : []),
      paragraph(entitled(x)),
      paragraph(abstentions(x, d, defined)),
      paragraph(attending(x)),
    ]),
  ];
}

function entitled({ m, zh }: ZhMeeting): Inline[] {
  const barred = m.abstentions.filter((g) => g.scope === 'ALL');
  const save = barred.map(
    (g) =>
      `${zhNumbers(g.numbers, m.labels)}決議案則為${grouped(m.view.sharesEntitledToVote - g.shares)}股${zh.unit}`,
  );
  return [
    `有權出席${zh.short}並就${oneItem([m]) ? '' : '各項'}決議案投票的${zh.unit}總數為${grouped(m.view.sharesEntitledToVote)}股${zh.unit}${
      save.length > 0 ? `，惟${save.join('；')}` : ''
    }。`,
  ];
}

/** "持有100股股份的一名股東", or the holders by name where the register names them all. */
const holdersOf = (g: AbstentionGroup, zh: ZhMeeting['zh'], words: ZhDrafting['words']): string => {
  const holding = `持有${g.holders === 1 ? '' : '合共'}${grouped(g.shares)}股${zh.unit}的`;
  if (g.names) return `${holding}${zhListed(g.names.map((n) => zhName(words, n)))}`;
  return g.holders === 1 ? `${holding}一名${zh.holders}` : `${holding}${g.holders}名${zh.holders}`;
};

/** The Listing Rules as a term: defined at first use ("（「香港上市規則」）"), its short form after. */
function rules(defined: { rules?: boolean }): Inline[] {
  if (defined.rules) return ['香港上市規則'];
  defined.rules = true;
  return ['香港聯合交易所有限公司證券上市規則（', ...zhTerm('香港上市規則'), '）'];
}

function shareholders(defined: { shareholders: boolean }, holders: string): Inline[] {
  if (holders !== '股東' || defined.shareholders) return [holders];
  defined.shareholders = true;
  return ['本公司股東（', ...zhTerm('股東'), '）'];
}

function abstentions(
  { m, zh }: ZhMeeting,
  d: ZhDrafting,
  defined: { shareholders: boolean; rules?: boolean },
): Inline[] {
  const inFavour = m.abstentions.filter((g) => g.scope === 'IN_FAVOUR');
  const barred = m.abstentions.filter((g) => g.scope === 'ALL');
  const runs: Inline[] = [];
  if (inFavour.length === 0)
    runs.push(
      '概無',
      ...shareholders(defined, zh.holders),
      '須根據',
      ...rules(defined),
      `第13.40條於${zh.short}上就${oneItem([m]) ? '' : '任何'}決議案放棄投贊成票。`,
    );
  for (const g of inFavour)
    runs.push(
      `${holdersOf(g, zh, d.words)}須根據`,
      ...rules(defined),
      `第13.40條於${zh.short}上放棄就${zhNumbers(g.numbers, m.labels)}決議案投贊成票。`,
    );
  if (barred.length === 0)
    runs.push('概無', ...shareholders(defined, zh.holders), '須根據', ...rules(defined), '放棄投票。');
  for (const g of barred)
    runs.push(
      `${holdersOf(g, zh, d.words)}須根據`,
      ...rules(defined),
      `於${zh.short}上就${zhNumbers(g.numbers, m.labels)}決議案放棄投票。`,
    );
  if (d.noVotingIntentionsStated)
    runs.push(`概無${zh.holders}於通函中表示擬就相關決議案投反對票或放棄投票。`);
  return runs;
}

function attending({ m, zh }: ZhMeeting): Inline[] {
  return [zhAttending(m, zh)];
}

export function zhPollSection(meetings: readonly ZhMeeting[], d: ZhDrafting): Block[] {
  return [
    heading(2, [d.several ? '2. 該等會議的投票結果' : `2. ${meetings[0].zh.short}的投票結果`]),
    ...meetings.flatMap((x) => meetingResults(x, d)),
  ];
}

const KIND: Readonly<Record<ResolutionKind, string>> = { ORDINARY: '普通決議案', SPECIAL: '特別決議案' };

function meetingResults(x: ZhMeeting, d: ZhDrafting): Block[] {
  const { m, zh } = x;
  if (m.view.resolutions.length === 0 && !m.view.elections) return [];
  return [
    ...(d.several ? [heading(3, [`${zh.short}投票結果`])] : []),
    paragraph([`${zh.short}上就${oneItem([m]) ? '' : '各項'}決議案的投票結果如下：`]),
    ...runsOfKind(m.view.resolutions).map((group): Block => ({
      kind: 'table',
      table: pollTable(group, d, m.view.presentation),
    })),
    ...decisions(x.m).map((group) => paragraph([decisionSentence(group, x, d)])),
    ...zhElectionBlocks(x, d),
  ];
}

/** A count alone where the base shown gives it no percentage (votes withheld). */
const cell = (votes: number, pct: string | undefined): string =>
  pct === undefined ? grouped(votes) : `${grouped(votes)} (${pct}%)`;

function pollTable(group: readonly ResolutionView[], d: ZhDrafting, presentation: Presentation): PollTable {
  // The abstentions column as the issuer prints it, or none where it prints only FOR and AGAINST.
  const abstentions = presentation.abstentions !== 'NOT_SHOWN';
  return {
    heading: KIND[kindOf(group[0])],
    caption: '票數（%）',
    columns: ['贊成', '反對', ...(abstentions ? ['棄權'] : [])],
    rows: group.map((r) => {
      const title = d.words.resolutionTitles?.[r.resolutionId] ?? r.title;
      return {
        number: r.no,
        label: rowLabel(r, presentation),
        title: r.proposedByHolders ? `${title}（由股東提呈）` : title,
        cells: [
          cell(r.for, r.forPct),
          cell(r.against, r.againstPct),
          ...(abstentions ? [cell(r.abstain, r.abstainPct)] : []),
        ],
      };
    }),
  };
}

function decisionSentence(g: Decision, { m, zh }: ZhMeeting, d: ZhDrafting): string {
  const many = g.numbers.length > 1;
  const all = g.numbers.length === m.view.resolutions.length;
  const subject = all ? '上述決議案' : `上述${zhNumbers(g.numbers, m.labels)}決議案`;
  if (g.passed === null || !g.rule) return `${subject}的投票尚未結束。`;
  const method = d.nonCumulativeStatedFor.includes(g.kind) ? '，以非累積投票方式表決' : '';
  const majority = zhMajority(g.rule, zh.short);
  if (g.passed) return `${subject}為${KIND[g.kind]}${method}，${many ? '均' : ''}已獲${majority}通過。`;
  return `${subject}為${KIND[g.kind]}${method}，因未獲${majority}，${many ? '均' : ''}未獲通過。`;
}

/** The shares attending; where holders voted online (網絡投票), how many of them did so. */
function zhAttending(m: ZhMeeting['m'], zh: ZhMeeting['zh']): string {
  const online = m.view.attendingOnline;
  const how = online ? '親身、委派代表或通過網絡投票' : '親身或委派代表';
  const ofWhich = online
    ? `，其中通過網絡投票的${online.holders}名股東所代表的${zh.unit}為${grouped(online.shares)}股，約佔${zh.unit}總數的${online.percent}%`
    : '';
  return `${how}出席${zh.short}的股東所代表的有表決權${zh.unit}總數為${grouped(m.view.attendingShares)}股，約佔${zh.unit}總數的${m.view.attendingPercent}%${ofWhich}。`;
}

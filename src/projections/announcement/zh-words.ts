import { MeetingKind } from '../../domain/meeting/events';
import { MajorityBase, MajorityRule } from '../../domain/rules/majority-rule';
import { dateOf } from '../../domain/shared/dates';
import { labelRuns, Labels } from './names';

/**
 * The words of a Traditional Chinese HKEX filing: how it names meetings, dates, numbers of
 * resolutions and majorities. Figures are written exactly as in the English version (grouped Arabic
 * numerals, the same percentages), so that both languages state the same numbers.
 */

/** How the Chinese announcement names one meeting. */
export interface ZhMeetingNames {
  /** "臨時股東大會", "股東週年大會", "A股類別股東大會": the defined short name. */
  readonly short: string;
  /** The full title, e.g. "2023年第一次臨時股東大會" (from the options), else the short name. */
  readonly title: string;
  /** AGM or EGM: every class attends. */
  readonly general: boolean;
  /** "股份" at a general meeting, "A股" at the A class meeting. */
  readonly unit: string;
  /** "股東" at a general meeting, "A股股東" at a class meeting. */
  readonly holders: string;
}

const GENERAL: Readonly<Record<Exclude<MeetingKind, 'CLASS'>, string>> = {
  AGM: '股東週年大會',
  EGM: '臨時股東大會',
  SGM: '股東特別大會',
};

export function zhMeetingNames(
  kind: MeetingKind,
  classes: readonly { code: string }[],
  title: string | undefined,
): ZhMeetingNames {
  const code = classes[0]?.code ?? '';
  const general = kind !== 'CLASS';
  const short = general ? GENERAL[kind] : `${code}股類別股東大會`;
  return {
    short,
    title: title ?? short,
    general,
    unit: general ? '股份' : `${code}股`,
    holders: general ? '股東' : `${code}股股東`,
  };
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** "2023-11-23" (or an instant, on its own date) → "2023年11月23日". */
export function zhDate(isoDate: string): string {
  const [year, month, day] = dateOf(isoDate).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** "2023年11月23日（星期四）": a civil date, its weekday independent of any zone. */
export function zhDayAndDate(isoDate: string): string {
  const [year, month, day] = dateOf(isoDate).split('-').map(Number);
  return `${zhDate(isoDate)}（${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}）`;
}

/** "甲", "甲及乙", "甲、乙及丙". */
export function zhListed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}及${items[items.length - 1]}`;
}

/** Resolution numbers as a Chinese filing cites them: "第1項", "第2至4項", "第1、3及5至7項". */
export const zhNumbers = (numbers: readonly number[], labels?: Labels): string =>
  `第${zhListed(labelRuns(numbers, labels, '至'))}項`;

const FRACTIONS: Readonly<Record<string, string>> = {
  '1/2': '二分之一',
  '2/3': '三分之二',
  '3/4': '四分之三',
};

/** "二分之一或以上" (at least), "超過二分之一" (more than). */
export function zhThreshold(rule: MajorityRule): string {
  const { numerator: n, denominator: d } = rule.threshold;
  const fraction = FRACTIONS[`${n}/${d}`] ?? `${n}/${d}`;
  return rule.comparator === 'AT_LEAST' ? `${fraction}或以上` : `超過${fraction}`;
}

/** What FOR was measured against, in a Chinese filing's words. */
export function zhBase(base: MajorityBase, short: string): string {
  switch (base) {
    case 'VOTES_CAST_AND_ABSTAINED':
      return `出席${short}的股東（包括其代理人）所持有效表決權股份總數`;
    case 'VOTES_CAST':
      return `出席${short}的股東（包括其代理人）所投票數`;
    case 'PRESENT_AND_ENTITLED':
      return `出席${short}並有權投票的股東（包括其代理人）所代表的有表決權股份總數`;
    case 'OUTSTANDING':
      return `有權於${short}上投票的股份總數`;
  }
}

/** "出席臨時股東大會的股東（包括其代理人）所持有效表決權股份總數二分之一或以上的票數". */
export const zhMajority = (rule: MajorityRule, short: string): string =>
  `${zhBase(rule.base, short)}${zhThreshold(rule)}的票數`;

/** The common designations of directors, as Chinese filings name them. */
const DESIGNATIONS: Readonly<Record<string, string>> = {
  'executive director': '執行董事',
  'non-executive director': '非執行董事',
  'independent non-executive director': '獨立非執行董事',
  chairman: '董事長',
};

/** A director's designation in Chinese, or as recorded when it is not a common one. */
export const zhDesignation = (designation: string): string =>
  DESIGNATIONS[designation.toLowerCase()] ?? designation;

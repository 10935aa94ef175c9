import { MajorityNeeded, QuorumAtOpening } from '../../index';
import { grouped } from './page-markup';

/** How the pages word times, majorities and quorums: in the record's own terms, no clock of the reader's. */

/** "2023-11-23 14:00 (UTC+08:00)" from an ISO-8601 instant with offset, as recorded (no time-zone conversion). */
export function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return iso;
  const offset = m[3] === undefined ? '' : m[3] === 'Z' ? ' (UTC)' : ` (UTC${m[3]})`;
  return `${m[1]} ${m[2]}${offset}`;
}

const FRACTIONS: Readonly<Record<string, string>> = {
  '1/2': 'one half',
  '2/3': 'two-thirds',
  '3/4': 'three-quarters',
};

const BASES: Readonly<Record<MajorityNeeded['base'], string>> = {
  VOTES_CAST: 'of the votes cast (FOR + AGAINST)',
  VOTES_CAST_AND_ABSTAINED: 'of the votes cast and abstained (FOR + AGAINST + ABSTAIN)',
  PRESENT_AND_ENTITLED: 'of the votes present and entitled to vote',
  OUTSTANDING: 'of all votes entitled to be cast at the meeting',
};

/** "More than one half of the votes cast (FOR + AGAINST)". */
export function majorityWords(rule: MajorityNeeded): string {
  const fraction =
    FRACTIONS[`${rule.numerator}/${rule.denominator}`] ?? `${rule.numerator}/${rule.denominator}`;
  return `${rule.comparator === 'AT_LEAST' ? 'At least' : 'More than'} ${fraction} ${BASES[rule.base]}`;
}

const PERCENT_OF: Readonly<Record<MajorityNeeded['base'], string>> = {
  VOTES_CAST: 'FOR + AGAINST',
  VOTES_CAST_AND_ABSTAINED: 'FOR + AGAINST + ABSTAIN',
  PRESENT_AND_ENTITLED: 'the votes present and entitled',
  OUTSTANDING: 'all votes entitled to be cast',
};

/** What a row's percentages are of, as the results say (ResolutionView.percentOf). */
export const percentBase = (percentOf: MajorityNeeded['base']): string => PERCENT_OF[percentOf];

const UNITS: Readonly<Record<QuorumAtOpening['unit'], string>> = {
  HOLDERS: 'holders',
  SHARES: 'shares',
  VOTES: 'votes',
};

/** "2 holders required; 5 present of 9 entitled — met". */
export function quorumWords(q: QuorumAtOpening): string {
  if (q.kind === 'NONE') return 'No quorum required';
  const unit = UNITS[q.unit];
  const of = q.entitled === null ? '' : ` of ${grouped(q.entitled)} entitled`;
  return `${grouped(q.required)} ${unit} required; ${grouped(q.present)} present${of} — ${q.met ? 'met' : 'not met'}`;
}

export const MODES = [
  ['IN_PERSON', 'In person'],
  ['PROXY', 'By proxy'],
  ['CORPORATE_REPRESENTATIVE', 'By corporate representative'],
  ['ONLINE', 'Online (network vote)'],
] as const;

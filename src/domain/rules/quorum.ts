import * as t from 'io-ts';
import { ShareCount } from '../shared/codecs';
import { leastReaching } from '../shared/exact';
import { Quorum } from './rule-set';

/** What a quorum counts: holders present, or the shares or votes they represent. */
export const QuorumUnit = t.keyof({ HOLDERS: null, SHARES: null, VOTES: null });
export type QuorumUnit = t.TypeOf<typeof QuorumUnit>;

/**
 * The quorum as found when the meeting opened (MeetingOpened version 2): the figures are in `unit`,
 * so that a scrutineer can check `required` against the rule set copied in MeetingScheduled and
 * `present` against the attendance recorded. `entitled` is null in meetings opened by version 1,
 * which did not record it. holdersPresent and votesPresent are kept whatever the unit.
 */
export const QuorumRecord = t.readonly(
  t.type({
    kind: t.keyof({ NONE: null, HOLDERS_PRESENT: null, SHARES_PRESENT: null }),
    unit: QuorumUnit,
    present: ShareCount,
    entitled: t.union([ShareCount, t.null]),
    required: ShareCount,
    met: t.boolean,
    holdersPresent: ShareCount,
    votesPresent: ShareCount,
  }),
);
export type QuorumRecord = t.OutputOf<typeof QuorumRecord>;

/** Who and what is present at the opening, and what the register entitles, in each unit. */
export type QuorumFigures = Readonly<Record<'present' | 'entitled', Readonly<Record<QuorumUnit, number>>>>;

function requirement(quorum: Quorum, f: QuorumFigures): { unit: QuorumUnit; required: number } {
  switch (quorum.kind) {
    case 'NONE':
      return { unit: 'HOLDERS', required: 0 };
    case 'HOLDERS_PRESENT':
      return { unit: 'HOLDERS', required: quorum.minimum };
    case 'SHARES_PRESENT': {
      // The least whole number of shares (votes) that reaches the fraction: the comparison itself,
      // made once by exact integer arithmetic, so present ≥ required is the rule and nothing rounds.
      const unit = quorum.measure;
      return { unit, required: leastReaching(f.entitled[unit], quorum.fraction, quorum.comparator) };
    }
  }
}

/** The quorum the rule set requires, measured on the figures at the opening. */
export function checkQuorum(quorum: Quorum, f: QuorumFigures): QuorumRecord {
  const { unit, required } = requirement(quorum, f);
  const present = f.present[unit];
  return {
    kind: quorum.kind,
    unit,
    present,
    entitled: f.entitled[unit],
    required,
    met: present >= required,
    holdersPresent: f.present.HOLDERS,
    votesPresent: f.present.VOTES,
  };
}

/** "2 holders", "500,001 shares": the quorum in a refusal's words. */
export const describeQuorum = (q: QuorumRecord): string =>
  `${q.present} ${q.unit.toLowerCase()} present of ${q.entitled ?? '?'} entitled; ${q.required} required`;

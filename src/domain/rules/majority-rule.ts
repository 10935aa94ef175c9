import * as t from 'io-ts';
import { closed, PositiveInt } from '../shared/codecs';
import { reaches } from '../shared/exact';

/**
 * What a resolution's FOR votes are measured against:
 * - VOTES_CAST: FOR + AGAINST (UK; a vote withheld is not a vote in law)
 * - VOTES_CAST_AND_ABSTAINED: FOR + AGAINST + ABSTAIN (PRC practice, the reference case)
 * - PRESENT_AND_ENTITLED: every vote represented at the meeting (Delaware default: abstaining counts against)
 * - OUTSTANDING: every vote entitled to be cast at the meeting, present or not
 */
export const MajorityBase = t.keyof({
  VOTES_CAST: null,
  VOTES_CAST_AND_ABSTAINED: null,
  PRESENT_AND_ENTITLED: null,
  OUTSTANDING: null,
});
export type MajorityBase = t.TypeOf<typeof MajorityBase>;

export const Threshold = closed(
  t.refinement(
    t.readonly(t.type({ numerator: PositiveInt, denominator: PositiveInt })),
    (f) => f.numerator <= f.denominator,
    'Threshold (numerator ≤ denominator)',
  ),
);

/** AT_LEAST is "no less than" (以上, ≥); MORE_THAN is "more than" (过半数, >). */
export const Comparator = t.keyof({ AT_LEAST: null, MORE_THAN: null });

export const MajorityRule = closed(
  t.readonly(
    t.type({
      threshold: Threshold,
      comparator: Comparator,
      base: MajorityBase,
    }),
  ),
);
export type MajorityRule = t.OutputOf<typeof MajorityRule>;

/** The figures a majority can be measured on, all in votes. */
export interface MajorityFigures {
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  /** Votes represented at the meeting by holders entitled to vote on the resolution. */
  readonly presentAndEntitled: number;
  /** Votes entitled to be cast at the meeting. */
  readonly outstanding: number;
}

export const baseOf = (rule: MajorityRule, f: MajorityFigures): number => {
  switch (rule.base) {
    case 'VOTES_CAST':
      return f.for + f.against;
    case 'VOTES_CAST_AND_ABSTAINED':
      return f.for + f.against + f.abstain;
    case 'PRESENT_AND_ENTITLED':
      return f.presentAndEntitled;
    case 'OUTSTANDING':
      return f.outstanding;
  }
};

/** A resolution on which nobody voted has not been passed, whatever the comparator says of 0/0. */
export const isPassed = (rule: MajorityRule, f: MajorityFigures): boolean => {
  const base = baseOf(rule, f);
  return base > 0 && f.for > 0 && reaches(f.for, base, rule.threshold, rule.comparator);
};

export const describeRule = (rule: MajorityRule): string => {
  const { numerator: n, denominator: d } = rule.threshold;
  const fraction =
    n === 1 && d === 2
      ? 'one half'
      : n === 2 && d === 3
        ? 'two-thirds'
        : n === 3 && d === 4
          ? 'three-quarters'
          : `${n}/${d}`;
  return `${rule.comparator === 'AT_LEAST' ? 'no less than' : 'more than'} ${fraction}`;
};

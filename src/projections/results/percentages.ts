import { MajorityBase } from '../../domain/rules/majority-rule';
import {
  baseCountsAbstentions,
  DEFAULT_PRESENTATION,
  Presentation,
  shownBase,
} from '../../domain/rules/presentation';
import { percent } from '../../domain/shared/exact';
import { Split } from '../../domain/resolution/events';
import { ResolutionResult } from './poll';

/**
 * A row's percentages, every one of the one base the presentation shows, each rounded half-up from
 * the exact fraction at the presentation's decimals (never from another rounded figure). ABSTAIN
 * has a percentage only where that base counts it: a vote withheld is no vote in law.
 */
export interface RowPercentages {
  /** FOR as a percentage of the base shown. */
  readonly forPct: string;
  /** AGAINST as a percentage of the base shown. */
  readonly againstPct: string;
  /** ABSTAIN as a percentage of the base shown; absent where the base leaves abstentions out. */
  readonly abstainPct?: string;
  /** What the percentages of the row are of. */
  readonly percentOf: MajorityBase;
}

/** Figures, in votes, a base other than the ballots' own is measured by. */
export interface BaseFigures {
  /** Votes represented at the meeting by those entitled to vote on the matter. */
  readonly presentAndEntitled: number;
  /** Votes entitled to be cast at the meeting. */
  readonly outstanding: number;
}

/** The figure a base stands for, given a row's FOR, AGAINST and ABSTAIN. */
export function baseFigure(base: MajorityBase, votes: Split, others: BaseFigures): number {
  switch (base) {
    case 'VOTES_CAST':
      return votes.for + votes.against;
    case 'VOTES_CAST_AND_ABSTAINED':
      return votes.for + votes.against + votes.abstain;
    case 'PRESENT_AND_ENTITLED':
      return others.presentAndEntitled;
    case 'OUTSTANDING':
      return others.outstanding;
  }
}

/** FOR, AGAINST and (where the base counts it) ABSTAIN as percentages of the base shown. */
export function rowPercentages(
  votes: Split,
  majorityBase: MajorityBase | undefined,
  others: BaseFigures,
  presentation: Presentation = DEFAULT_PRESENTATION,
): RowPercentages {
  const base = shownBase(presentation, majorityBase);
  const whole = baseFigure(base, votes, others);
  const of = (part: number) => percent(part, whole, presentation.decimals);
  return {
    forPct: of(votes.for),
    againstPct: of(votes.against),
    ...(baseCountsAbstentions(base) ? { abstainPct: of(votes.abstain) } : {}),
    percentOf: base,
  };
}

/** The figures a base beyond the ballots is measured by: the decision's own once declared. */
export function otherBases(r: ResolutionResult, attendingVotes: number, entitledVotes: number): BaseFigures {
  const declared = (base: MajorityBase, fallback: number) =>
    r.majorityRule?.base === base && r.declaredBase !== undefined ? r.declaredBase : fallback;
  return {
    presentAndEntitled: declared('PRESENT_AND_ENTITLED', attendingVotes),
    outstanding: declared('OUTSTANDING', entitledVotes),
  };
}

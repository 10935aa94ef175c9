import { Presentation } from '../../domain/rules/presentation';
import { percent } from '../../domain/shared/exact';
import { Split } from '../../domain/resolution/events';
import { AttendanceFigures, MeetingAttendance } from './attendance';
import { rowPercentages, RowPercentages } from './percentages';
import { MeetingResults, ResolutionResult } from './poll';

/**
 * The per-class breakdown of a meeting of several classes, beside its totals: the register and the
 * attendance of each class, and each resolution's FOR, AGAINST and ABSTAIN by class. Each class row's
 * percentages are of that class's own figure of the base shown (HK A and H rows, a WVR company's
 * Class A and Class B rows), and a class carrying more than one vote a share gives its shares too.
 */
export interface ClassAttendanceView {
  /** The class's code. */
  shareClass: string;
  /** Votes each share of the class carries at the meeting. */
  votesPerShare: number;
  /** The class's shares on the register entitled to vote at the meeting. */
  sharesEntitledToVote: number;
  /** Holders of the class present in person, by proxy or by corporate representative. */
  attendingHolders: number;
  /** Their shares. */
  attendingShares: number;
  /** The attending shares as a percentage of the class's shares entitled to vote. */
  attendingPercent: string;
  /** The votes of the class entitled and attending; given only where it carries weighted votes. */
  votesEntitledToVote?: number;
  /** The votes the attending shares of the class carry; given only where it carries weighted votes. */
  attendingVotes?: number;
}

/** One class's row under a resolution. */
export interface ClassResultView extends RowPercentages {
  /** The class's code. */
  shareClass: string;
  /** Votes FOR of holders of the class. */
  for: number;
  /** Votes AGAINST. */
  against: number;
  /** Votes ABSTAINED. */
  abstain: number;
  /** The shares behind the votes; given only where the class carries weighted votes. */
  shares?: Split;
}

const NONE: AttendanceFigures = { holders: 0, shares: 0, votes: 0 };
const ZERO: Split = { for: 0, against: 0, abstain: 0 };

/** Whether a meeting's results are broken down by class: it has more than one. */
export const byClasses = (m: MeetingResults): boolean => m.classes.length > 1;

export function classAttendance(
  m: MeetingResults,
  attendance: MeetingAttendance | undefined,
  presentation: Presentation,
): ClassAttendanceView[] {
  return m.classes.map((c) => {
    const present = attendance?.byClass?.[c.code] ?? NONE;
    return {
      shareClass: c.code,
      votesPerShare: c.votesPerShare,
      sharesEntitledToVote: c.entitledShares,
      attendingHolders: present.holders,
      attendingShares: present.shares,
      attendingPercent: percent(present.shares, c.entitledShares, presentation.decimals),
      ...(c.votesPerShare !== 1
        ? { votesEntitledToVote: c.entitledShares * c.votesPerShare, attendingVotes: present.votes }
        : {}),
    };
  });
}

/**
 * The weights a resolution is voted with where they are not the meeting's (HKEX LR 8A.24: WVR shares
 * carry one vote a share on reserved matters), with the votes entitled and attending on it.
 */
export interface ResolutionWeightsView {
  /** Class code → votes each share of it carries on this resolution, every class of the meeting. */
  votesPerShare: Record<string, number>;
  /** The votes the register's shares carry on this resolution. */
  votesEntitledToVote: number;
  /** The votes the attending shares carry on this resolution. */
  attendingVotes: number;
}

/** The votes a share of a class carries on a resolution: its own weight there, or the class's. */
export const weightOn = (r: ResolutionResult, c: { code: string; votesPerShare: number }): number =>
  r.votesPerShare?.[c.code] ?? c.votesPerShare;

export function resolutionWeights(
  m: MeetingResults,
  r: ResolutionResult,
  attendance: MeetingAttendance | undefined,
): ResolutionWeightsView | undefined {
  if (!r.votesPerShare) return undefined;
  let votesEntitledToVote = 0;
  let attendingVotes = 0;
  for (const c of m.classes) {
    votesEntitledToVote += c.entitledShares * weightOn(r, c);
    attendingVotes += (attendance?.byClass?.[c.code] ?? NONE).shares * weightOn(r, c);
  }
  const votesPerShare = Object.fromEntries(m.classes.map((c) => [c.code, weightOn(r, c)]));
  return { votesPerShare, votesEntitledToVote, attendingVotes };
}

/** A resolution's rows by class, in the order the meeting lists its classes. */
export function classResults(
  m: MeetingResults,
  r: ResolutionResult,
  attendance: MeetingAttendance | undefined,
  presentation: Presentation,
): ClassResultView[] {
  return m.classes.map((c) => {
    const figures = r.byClass?.[c.code] ?? { votes: ZERO, shares: ZERO };
    const present = attendance?.byClass?.[c.code] ?? NONE;
    const weight = weightOn(r, c);
    const others = { presentAndEntitled: present.shares * weight, outstanding: c.entitledShares * weight };
    return {
      shareClass: c.code,
      for: figures.votes.for,
      against: figures.votes.against,
      abstain: figures.votes.abstain,
      ...rowPercentages(figures.votes, r.majorityRule?.base, others, presentation),
      ...(c.votesPerShare !== 1 || weight !== 1 ? { shares: figures.shares } : {}),
    };
  });
}

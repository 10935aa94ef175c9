import { Presentation } from '../../domain/rules/presentation';
import { percent } from '../../domain/shared/exact';
import { MeetingResults, ResolutionResult } from './poll';

/**
 * Figures the law asks an issuer to publish beside the poll, derived from the count and the register:
 * - UK CA 2006 s.341(1A)(c), (d): the votes validly cast (FOR + AGAINST: a vote withheld is no vote)
 *   and the proportion of the issued share capital, as the register stood at the record time, they
 *   represent;
 * - HK Listing Rules 13.39(5), 13.40, 14A: the holding of those required to abstain on a resolution,
 *   as a percentage of the issued shares, and the shares of the independent holders entitled to vote.
 */
/** UK CA 2006 s.341(1A)(c), (d) for one resolution. */
export interface ValidlyCastView {
  /** Votes validly cast: FOR + AGAINST. */
  votes: number;
  /** Those votes as a percentage of the votes the register's shares carry on the resolution. */
  percentOfIssued: string;
}

/** HK: who had to abstain on one resolution, and what the independent holders held. */
export interface RequiredAbstentionView {
  /** Holders required to abstain from voting on the resolution. */
  holders: number;
  /** The shares they hold. */
  shares: number;
  /** Those shares as a percentage of the issued shares of the meeting's classes. */
  percentOfIssued: string;
  /** Shares of the independent holders: entitled to vote on the resolution, the abstaining holders' out. */
  independentShares: number;
}

export function validlyCast(
  r: ResolutionResult,
  votesEntitled: number,
  presentation: Presentation,
): ValidlyCastView {
  const votes = r.votes.for + r.votes.against;
  return { votes, percentOfIssued: percent(votes, votesEntitled, presentation.decimals) };
}

export function requiredAbstention(
  m: MeetingResults,
  r: ResolutionResult,
  presentation: Presentation,
): RequiredAbstentionView | undefined {
  const holders = (r.requiredToAbstain ?? []).filter((id) => m.holdings.has(id));
  if (holders.length === 0) return undefined;
  const shares = holders.reduce((sum, id) => sum + (m.holdings.get(id)?.shares ?? 0), 0);
  const issued = m.classes.reduce((sum, c) => sum + c.issuedShares, 0);
  const entitled = m.classes.reduce((sum, c) => sum + c.entitledShares, 0);
  return {
    holders: holders.length,
    shares,
    percentOfIssued: percent(shares, issued, presentation.decimals),
    independentShares: entitled - shares,
  };
}

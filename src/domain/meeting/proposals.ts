import { left, right } from 'fp-ts/Either';
import { reaches } from '../shared/exact';
import { addDays, clearDaysBetween, dateOf, daysBetween } from '../shared/dates';
import { refuse } from '../shared/errors';
import { tableResolution } from './agenda';
import { MeetingCommandOf } from './commands';
import { MeetingDecision, Scheduled } from './decision';

/**
 * Holders' provisional proposals (PRC Company Law 2023 art. 115): holders of at least the rule set's
 * fraction of the shares, alone or together, submit a proposal in writing in time before the
 * meeting; the board issues a supplementary notice within the rule set's days of receipt; the
 * proposal is then tabled as a resolution, on which no vote is taken before that notice.
 *
 * What is counted: the shares the register shows each proposer holding on the day of submission, as
 * the registrar certifies them in the command. The meeting's own register is fixed at its record
 * date, which in PRC practice falls after the last day for proposals, so it cannot be the measure.
 * The base is the issued shares of the meeting's classes (for a general meeting, the company's).
 */

export function submitProposal(
  c: MeetingCommandOf<'SubmitShareholderProposal'>,
  m: Scheduled,
): MeetingDecision {
  const p = c.payload;
  const rule = m.ruleSet.shareholderProposals;
  if (!rule)
    return left(
      refuse(
        'ShareholderProposalsNotProvided',
        'payload.meetingId',
        `${m.ruleSet.id} provides no provisional proposals by holders`,
      ),
    );
  if (m.phase !== 'SCHEDULED' || m.adjourned)
    return left(refuse('MeetingAlreadyOpened', 'payload.meetingId', `${m.meetingId} has opened`));
  if (m.proposals.has(p.proposalId))
    return left(refuse('DuplicateProposal', 'payload.proposalId', `Proposal ${p.proposalId} was submitted`));
  const seen = new Set<string>();
  let sharesHeld = 0;
  for (const [i, proposer] of p.proposers.entries()) {
    const field = `payload.proposers[${i}]`;
    const cls = m.shareClasses.find((s) => s.code === proposer.shareClass);
    if (!cls)
      return left(
        refuse(
          'ShareClassNotAtMeeting',
          `${field}.shareClass`,
          `Class ${proposer.shareClass} does not vote at ${m.meetingId}`,
        ),
      );
    if (proposer.shares > cls.issuedShares)
      return left(
        refuse(
          'ProposerExceedsIssuedShares',
          `${field}.shares`,
          `Class ${cls.code} has ${cls.issuedShares} shares issued`,
        ),
      );
    if (seen.has(proposer.holderId))
      return left(refuse('DuplicateProposer', `${field}.holderId`, `${proposer.holderId} is named twice`));
    seen.add(proposer.holderId);
    sharesHeld += proposer.shares;
  }
  const sharesIssued = m.shareClasses.reduce((sum, s) => sum + s.issuedShares, 0);
  const { numerator, denominator } = rule.minFraction;
  // Exact: held × denominator ≥ numerator × issued ("1% or more", 以上).
  if (!reaches(sharesHeld, sharesIssued, rule.minFraction, 'AT_LEAST'))
    return left(
      refuse(
        'ProposersBelowThreshold',
        'payload.proposers',
        `The proposers hold ${sharesHeld} of ${sharesIssued} shares; ${m.ruleSet.id} needs ${numerator}/${denominator} or more`,
      ),
    );
  const meetingDate = dateOf(m.startsAt);
  const days =
    rule.counting === 'CLEAR_DAYS'
      ? clearDaysBetween(p.submittedOn, meetingDate)
      : daysBetween(p.submittedOn, meetingDate);
  if (days < rule.minDaysBeforeMeeting)
    return left(
      refuse(
        'ProposalTooLate',
        'payload.submittedOn',
        `${m.ruleSet.id} needs proposals ${rule.minDaysBeforeMeeting} days before the meeting on ${meetingDate}; ${p.submittedOn} is ${Math.max(days, 0)}`,
      ),
    );
  return right([
    {
      type: 'ShareholderProposalSubmitted',
      data: {
        ...p,
        sharesHeld,
        sharesIssued,
        supplementaryNoticeDueBy: addDays(p.submittedOn, rule.supplementaryNoticeWithinDays),
      },
    },
  ]);
}

/**
 * A supplementary notice given later than the rule set allows is still a notice the holders received:
 * it is recorded, marked late, for the record to show the defect (a late notice is a ground for
 * holders to challenge the resolution, not a fact a registrar can refuse to have happened). A notice
 * on or after the meeting day notifies no one in time and is refused.
 */
export function issueSupplementaryNotice(
  c: MeetingCommandOf<'IssueSupplementaryNotice'>,
  m: Scheduled,
): MeetingDecision {
  const { proposalId, issuedOn } = c.payload;
  const proposal = m.proposals.get(proposalId);
  if (!proposal)
    return left(
      refuse('UnknownProposal', 'payload.proposalId', `No proposal ${proposalId} at ${m.meetingId}`),
    );
  if (proposal.supplementaryNoticeOn)
    return left(
      refuse('NoticeAlreadyIssued', 'payload.proposalId', `Noticed on ${proposal.supplementaryNoticeOn}`),
    );
  if (daysBetween(proposal.submittedOn, issuedOn) < 0)
    return left(
      refuse(
        'NoticeBeforeProposal',
        'payload.issuedOn',
        `The proposal was received on ${proposal.submittedOn}`,
      ),
    );
  if (daysBetween(issuedOn, dateOf(m.startsAt)) <= 0)
    return left(
      refuse(
        'SupplementaryNoticeAfterMeeting',
        'payload.issuedOn',
        `The meeting is on ${dateOf(m.startsAt)}`,
      ),
    );
  const late = daysBetween(proposal.supplementaryNoticeDueBy, issuedOn) > 0;
  return right([
    { type: 'SupplementaryNoticeIssued', data: { meetingId: m.meetingId, proposalId, issuedOn, late } },
  ]);
}

/** A resolution tabled for a proposal puts that proposal, as submitted, to the meeting, once. */
export function tableProposal(c: MeetingCommandOf<'TableResolution'>, m: Scheduled): MeetingDecision {
  const { proposalId, resolutionId, kind } = c.payload;
  const proposal = proposalId === undefined ? undefined : m.proposals.get(proposalId);
  if (proposalId === undefined) return tableResolution(c, m);
  if (!proposal)
    return left(
      refuse('UnknownProposal', 'payload.proposalId', `No proposal ${proposalId} at ${m.meetingId}`),
    );
  if (proposal.resolutionId !== undefined && proposal.resolutionId !== resolutionId)
    return left(
      refuse(
        'ProposalAlreadyTabled',
        'payload.proposalId',
        `${proposalId} is tabled as ${proposal.resolutionId}`,
      ),
    );
  if (proposal.kind !== kind)
    return left(
      refuse(
        'ProposalKindMismatch',
        'payload.kind',
        `${proposalId} was submitted as ${proposal.kind.toLowerCase()}`,
      ),
    );
  return tableResolution(c, m);
}

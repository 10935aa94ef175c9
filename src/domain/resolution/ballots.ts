import { isLeft, left, right } from 'fp-ts/Either';
import { ballotHolder, refuseWhileAdjourned } from '../meeting/ballot-holder';
import { votesPerShare } from '../meeting/state';
import { countBallot, isEmptyBallot } from '../rules/over-vote';
import { refuse } from '../shared/errors';
import { ResolutionCommandOf } from './commands';
import { Meeting, ResolutionDecision } from './decision';
import { ResolutionEvent, Split } from './events';
import { ProposedResolution, ResolutionAtMeeting } from './state';

/**
 * The ballots on a resolution at a meeting: a vote cast while the poll is open, by a holder attending
 * and not required to abstain, counted by the rule set's over-vote policy; and a vote a scrutineer
 * rejects, until the result is declared.
 */

export function castVote(
  c: ResolutionCommandOf<'CastVote'>,
  r: ProposedResolution,
  at: ResolutionAtMeeting,
  m: Meeting,
): ResolutionDecision {
  const p = c.payload;
  if (m.phase !== 'POLL_OPEN')
    return left(
      refuse('PollNotOpen', 'payload.meetingId', `The poll at ${m.meetingId} is not open (${m.phase})`),
    );
  if (at.pollClosed) {
    return left(refuse('PollNotOpen', 'payload.meetingId', `The poll at ${m.meetingId} has closed`));
  }
  // The votes cast before an adjournment stand; the poll continues when the meeting resumes.
  const adjourned = refuseWhileAdjourned(m);
  if (adjourned) return left(adjourned);
  const proposal = proposalPutBy(m, r.resolutionId);
  if (proposal && !proposal.supplementaryNoticeOn)
    return left(
      refuse(
        'SupplementaryNoticeNotIssued',
        'payload.resolutionId',
        `${r.resolutionId} puts holders' proposal ${proposal.proposalId}, of which no supplementary notice was issued`,
      ),
    );
  if (at.decided)
    return left(refuse('VotingClosed', 'payload.resolutionId', 'Voting on this resolution has closed'));
  const holder = ballotHolder(m, p.holderId, p.shareClass);
  if (isLeft(holder)) return holder;
  const { holding, attendance } = holder.right;
  if (at.votes.has(p.holderId)) {
    return left(
      refuse(
        'AlreadyVoted',
        'payload.holderId',
        `Holder ${p.holderId} has voted; a scrutineer must reject that vote first`,
      ),
    );
  }
  const abstention = r.requiredToAbstain.get(p.holderId);
  if (abstention === 'ALL') {
    return left(
      refuse(
        'RequiredToAbstain',
        'payload.holderId',
        `Holder ${p.holderId} is required to abstain on ${r.resolutionId}`,
      ),
    );
  }
  if (abstention === 'IN_FAVOUR' && p.for > 0) {
    return left(
      refuse(
        'RequiredToAbstainInFavour',
        'payload.for',
        `Holder ${p.holderId} may not vote in favour of ${r.resolutionId}`,
      ),
    );
  }
  const instructed = {
    for: p.for,
    against: p.against,
    abstain: p.abstain,
    brokerNonVote: p.brokerNonVote ?? 0,
  };
  if (instructed.brokerNonVote > 0 && m.ruleSet.brokerNonVotes === 'NOT_RECOGNISED') {
    return left(
      refuse(
        'BrokerNonVotesNotRecognised',
        'payload.brokerNonVote',
        `${m.ruleSet.id} does not recognise broker non-votes`,
      ),
    );
  }
  if (isEmptyBallot(instructed))
    return left(refuse('EmptyVote', 'payload.for', 'A vote must cast at least one share'));
  const ballot = countBallot(m.ruleSet.overVotePolicy, instructed, attendance.shares, p.holderId);
  if (isLeft(ballot)) return ballot;
  const { counted, proRated } = ballot.right;
  const weight = r.votesPerShare.get(holding.shareClass) ?? votesPerShare(m, holding.shareClass);
  // Figures that are equal are one object (splits are never changed): the state keeps a counted
  // vote's shares and votes for every holder, and most votes count as instructed at one vote a share.
  const asInstructed: Split = { for: p.for, against: p.against, abstain: p.abstain };
  const shares: Split = proRated
    ? { for: counted.for, against: counted.against, abstain: counted.abstain }
    : asInstructed;
  const votes: Split =
    weight === 1
      ? shares
      : { for: counted.for * weight, against: counted.against * weight, abstain: counted.abstain * weight };
  const data: Mutable<VoteCastData> = {
    resolutionId: r.resolutionId,
    meetingId: m.meetingId,
    holderId: p.holderId,
    shareClass: holding.shareClass,
    castBy: attendance.mode,
    instructed: asInstructed,
    shares,
    votes,
  };
  // Set one by one rather than spread in (a vote's cost), in the order the event's JSON has them.
  if (attendance.proxyId) data.proxyId = attendance.proxyId;
  if (proRated) data.proRatedTo = attendance.shares;
  if (instructed.brokerNonVote > 0) {
    data.brokerNonVotes = {
      instructed: instructed.brokerNonVote,
      shares: counted.brokerNonVote,
      votes: counted.brokerNonVote * weight,
    };
  }
  return right([{ type: 'VoteCast', data }]);
}

type VoteCastData = Extract<ResolutionEvent, { type: 'VoteCast' }>['data'];
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The holders' proposal, if any, that the resolution puts to the meeting (the first, as find() gives). */
function proposalPutBy(m: Meeting, resolutionId: string) {
  for (const proposal of m.proposals.values()) if (proposal.resolutionId === resolutionId) return proposal;
  return undefined;
}

export function rejectVote(
  c: ResolutionCommandOf<'RejectVote'>,
  at: ResolutionAtMeeting,
  m: Meeting,
): ResolutionDecision {
  const p = c.payload;
  if (at.decided)
    return left(
      refuse('VotingClosed', 'payload.resolutionId', 'The result is declared; it can no longer change'),
    );
  const vote = at.votes.get(p.holderId);
  if (!vote)
    return left(refuse('NoVoteToReject', 'payload.holderId', `Holder ${p.holderId} has no counted vote`));
  if (!m.scrutineers.includes(c.actor)) {
    return left(refuse('NotAScrutineer', 'actor', `${c.actor} is not a scrutineer of ${m.meetingId}`));
  }
  const data = {
    ...p,
    rejectedBy: c.actor,
    shares: vote.shares,
    votes: vote.votes,
    ...(vote.brokerNonVotes ? { brokerNonVotes: vote.brokerNonVotes } : {}),
  };
  return right([{ type: 'VoteRejected', data }]);
}

import { Either, isLeft, left, right } from 'fp-ts/Either';
import { baseOf, isPassed, MajorityFigures } from '../rules/majority-rule';
import { countBallot, isEmptyBallot } from '../rules/over-vote';
import { DomainError, refuse } from '../shared/errors';
import { MeetingState, ScheduledMeeting, votesPerShare } from '../meeting/state';
import { ballotHolder, refuseWhileAdjourned } from '../meeting/ballot-holder';
import { ResolutionCommand, ResolutionCommandOf } from './commands';
import { ResolutionEvent, Split } from './events';
import { ProposedResolution, ResolutionAtMeeting, ResolutionState } from './state';

/**
 * Facts kept by the Meeting aggregate that a resolution's decisions need: the state of each meeting
 * the command names, as the command handler loaded it. Decide functions never read a store.
 */
export interface ResolutionContext {
  readonly meetings: ReadonlyMap<string, MeetingState>;
}

export type ResolutionDecision = Either<DomainError, ResolutionEvent[]>;
type Meeting = ScheduledMeeting & { status: 'SCHEDULED' };

export function decideResolution(
  command: ResolutionCommand,
  state: ResolutionState,
  context: ResolutionContext,
): ResolutionDecision {
  if (command.type === 'ProposeResolution') return propose(command, state, context);
  if (state.status === 'NONE') {
    return left(
      refuse(
        'UnknownResolution',
        'payload.resolutionId',
        `Resolution ${command.payload.resolutionId} has not been proposed`,
      ),
    );
  }
  const at = state.meetings.get(command.payload.meetingId);
  if (!at) {
    return left(
      refuse(
        'ResolutionNotAtMeeting',
        'payload.meetingId',
        `${state.resolutionId} is not put to meeting ${command.payload.meetingId}`,
      ),
    );
  }
  const meeting = context.meetings.get(command.payload.meetingId);
  if (!meeting || meeting.status === 'NONE') {
    return left(
      refuse(
        'UnknownMeeting',
        'payload.meetingId',
        `Meeting ${command.payload.meetingId} has not been scheduled`,
      ),
    );
  }
  // A withdrawn resolution takes no votes, loses none and is not decided at that meeting. Closing the
  // meeting's poll closes nothing on it (no poll was held on it), and must not stop the meeting's.
  if (at.withdrawn) {
    if (command.type === 'ClosePollOnResolution') return right([]);
    return left(
      refuse(
        'ResolutionWithdrawn',
        'payload.resolutionId',
        `${state.resolutionId} was withdrawn from ${meeting.meetingId}: ${at.withdrawn.reason}`,
      ),
    );
  }
  switch (command.type) {
    case 'WithdrawResolution':
      return withdraw(command, state, meeting);
    case 'CastVote':
      return castVote(command, state, at, meeting);
    case 'RejectVote':
      return rejectVote(command, at, meeting);
    case 'CloseVoting':
      return closeVoting(state, at, meeting);
    case 'ClosePollOnResolution':
      return at.pollClosed
        ? right([])
        : right([{ type: 'PollClosedOnResolution', data: { ...command.payload, at: command.issuedAt } }]);
  }
}

function propose(
  c: ResolutionCommandOf<'ProposeResolution'>,
  state: ResolutionState,
  context: ResolutionContext,
): ResolutionDecision {
  const p = c.payload;
  if (state.status !== 'NONE')
    return left(refuse('ResolutionAlreadyProposed', 'payload.resolutionId', `${p.resolutionId} exists`));
  const ids = p.meetings.map((m) => m.meetingId);
  if (new Set(ids).size !== ids.length)
    return left(refuse('DuplicateMeeting', 'payload.meetings', 'Each meeting may be named once'));
  const meetings = [];
  for (const [i, ref] of p.meetings.entries()) {
    const meeting = context.meetings.get(ref.meetingId);
    if (!meeting || meeting.status === 'NONE') {
      return left(
        refuse(
          'UnknownMeeting',
          `payload.meetings[${i}].meetingId`,
          `Meeting ${ref.meetingId} has not been scheduled`,
        ),
      );
    }
    const tabled = meeting.agenda.get(ref.number);
    if (tabled?.resolutionId !== p.resolutionId) {
      return left(
        refuse(
          'NotOnAgenda',
          `payload.meetings[${i}].number`,
          `No. ${ref.number} at ${ref.meetingId} is not ${p.resolutionId}`,
        ),
      );
    }
    meetings.push({ ...ref, majorityRule: p.majorityRule ?? meeting.ruleSet.majorities[p.kind] });
  }
  const data = {
    resolutionId: p.resolutionId,
    title: p.title,
    kind: p.kind,
    meetings,
    requiredToAbstain: p.requiredToAbstain ?? [],
  };
  return right([{ type: 'ResolutionProposed', data }]);
}

function castVote(
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
  const weight = votesPerShare(m, holding.shareClass);
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

function rejectVote(
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

/** Withdrawing is a change to the agenda: possible until the meeting's poll opens, never after. */
function withdraw(
  c: ResolutionCommandOf<'WithdrawResolution'>,
  r: ProposedResolution,
  m: Meeting,
): ResolutionDecision {
  if (m.phase !== 'SCHEDULED' && m.phase !== 'OPEN') {
    return left(
      refuse(
        'PollAlreadyOpened',
        'payload.meetingId',
        `The poll at ${m.meetingId} has opened (${m.phase}); ${r.resolutionId} can no longer be withdrawn there`,
      ),
    );
  }
  const { resolutionId, meetingId, reason } = c.payload;
  return right([
    { type: 'ResolutionWithdrawn', data: { resolutionId, meetingId, reason, withdrawnBy: c.actor } },
  ]);
}

function closeVoting(r: ProposedResolution, at: ResolutionAtMeeting, m: Meeting): ResolutionDecision {
  if (at.decided)
    return left(refuse('VotingClosed', 'payload.meetingId', `Already decided at ${m.meetingId}`));
  if (m.phase === 'SCHEDULED' || m.phase === 'OPEN' || m.phase === 'POLL_OPEN') {
    return left(
      refuse('PollNotClosed', 'payload.meetingId', `The poll at ${m.meetingId} has not closed (${m.phase})`),
    );
  }
  const figures = majorityFigures(r, at, m);
  const passed = isPassed(at.majorityRule, figures);
  const decision: ResolutionEvent = {
    type: passed ? 'ResolutionPassed' : 'ResolutionFailed',
    data: {
      resolutionId: r.resolutionId,
      meetingId: m.meetingId,
      number: at.number,
      majorityRule: at.majorityRule,
      tally: at.tally,
      base: { kind: at.majorityRule.base, votes: baseOf(at.majorityRule, figures) },
    },
  };
  return right([decision, ...overallOutcome(r, m.meetingId, passed)]);
}

/**
 * Holders required to abstain from voting at all carry no vote on the resolution: out of every base.
 * Broker non-votes are present but not entitled to vote on the matter (the broker has no authority):
 * out of PRESENT_AND_ENTITLED, as they are out of FOR + AGAINST (+ ABSTAIN). OUTSTANDING is the
 * register's figure, which no ballot changes: an uninstructed share counts there as an absent one.
 */
function majorityFigures(r: ProposedResolution, at: ResolutionAtMeeting, m: Meeting): MajorityFigures {
  let outstanding = 0;
  let presentAndEntitled = m.votesPresent - at.brokerNonVotes.votes;
  for (const e of m.entitlements.values()) outstanding += e.votes;
  for (const [holderId, scope] of r.requiredToAbstain) {
    if (scope !== 'ALL') continue;
    outstanding -= m.entitlements.get(holderId)?.votes ?? 0;
    presentAndEntitled -= m.attendance.get(holderId)?.votes ?? 0;
  }
  return { ...at.tally.votes, presentAndEntitled, outstanding };
}

/** Determined once every meeting has decided; a meeting it was withdrawn from never decides, so then never. */
function overallOutcome(r: ProposedResolution, decidedAt: string, passedThere: boolean): ResolutionEvent[] {
  const results = [...r.meetings.values()].map((m) => ({
    meetingId: m.meetingId,
    passed: m.meetingId === decidedAt ? passedThere : m.decided?.passed,
  }));
  if (results.some((x) => x.passed === undefined)) return [];
  const meetings = results.map((x) => ({ meetingId: x.meetingId, passed: x.passed === true }));
  return [
    {
      type: 'ResolutionOutcomeDetermined',
      data: { resolutionId: r.resolutionId, passed: meetings.every((x) => x.passed), meetings },
    },
  ];
}

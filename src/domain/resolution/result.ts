import { left, right } from 'fp-ts/Either';
import { baseOf, isPassed, MajorityFigures } from '../rules/majority-rule';
import { refuse } from '../shared/errors';
import { Meeting, ResolutionDecision } from './decision';
import { ResolutionEvent } from './events';
import { ProposedResolution, ResolutionAtMeeting } from './state';

/**
 * The result declared once the poll at a meeting has closed: passed or failed there, by the
 * resolution's majority rule measured on its base, and the overall outcome once every meeting it is
 * put to has decided.
 */

export function closeVoting(r: ProposedResolution, at: ResolutionAtMeeting, m: Meeting): ResolutionDecision {
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
  // Votes of a holding on this resolution: its class's weight here where the resolution sets one.
  const weighed = (h: { shareClass: string; shares: number; votes: number }): number => {
    const weight = r.votesPerShare.get(h.shareClass);
    return weight === undefined ? h.votes : h.shares * weight;
  };
  let outstanding = 0;
  let presentAndEntitled = -at.brokerNonVotes.votes;
  for (const e of m.entitlements.values()) outstanding += weighed(e);
  if (r.votesPerShare.size === 0) presentAndEntitled += m.votesPresent;
  else for (const a of m.attendance.values()) presentAndEntitled += weighed(a);
  for (const [holderId, scope] of r.requiredToAbstain) {
    if (scope !== 'ALL') continue;
    const entitled = m.entitlements.get(holderId);
    const attending = m.attendance.get(holderId);
    outstanding -= entitled ? weighed(entitled) : 0;
    presentAndEntitled -= attending ? weighed(attending) : 0;
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

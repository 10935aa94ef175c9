import { electionDecider } from '../../src/domain/election/decider';
import { meetingDecider } from '../../src/domain/meeting/decider';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { MeetingState } from '../../src/domain/meeting/state';
import { resolutionDecider } from '../../src/domain/resolution/decider';
import { ballot, candidate, electionProposed, electionTabled } from './election-factories';
import {
  attended,
  EGM,
  inPoll,
  resolutionProposed,
  resolutionTabled,
  ruleSet,
  scheduled,
  voteCast,
} from './factories';
import { cmd, given, meetingContext } from './spec';

/**
 * Each aggregate as one value ({ decide, evolve, initialState }): the history is folded by the
 * decider's own evolve, and the command decided by its own decide.
 */
const M = EGM.meetingId;
const meetingAfter = (events: readonly MeetingEvent[]): MeetingState =>
  events.reduce(meetingDecider.evolve, meetingDecider.initialState());

describe('meetingDecider', () => {
  it('gives notice of a meeting its history has scheduled', () => {
    given(meetingDecider, scheduled(), meetingContext)
      .when(cmd('IssueNotice', { meetingId: M, issuedOn: '2023-11-07' }))
      .thenEvents([{ type: 'NoticeIssued', data: { meetingId: M, issuedOn: '2023-11-07', clearDays: 15 } }]);
  });
});

describe('resolutionDecider', () => {
  it('records a vote on the resolution its history has proposed, at the meeting in poll', () => {
    const R = 'R1';
    const majorityRule = ruleSet('PRC-HKEX-H').majorities.SPECIAL;
    const meeting = meetingAfter(inPoll(EGM, [resolutionTabled(EGM, R, 1), attended(EGM, 'A1')]));
    given(resolutionDecider, [resolutionProposed(R, [{ meetingId: M, number: 1, majorityRule }])], {
      meetings: new Map([[M, meeting]]),
    })
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: M, holderId: 'A1', for: 600, against: 0, abstain: 0 }),
      )
      .thenEvents([voteCast(R, EGM, 'A1', { for: 600 })]);
  });
});

describe('electionDecider', () => {
  it('records a ballot in the election its history has proposed, at the meeting in poll', () => {
    const E = 'board';
    const [first, second] = [candidate(1).candidateId, candidate(2).candidateId];
    const meeting = meetingAfter(inPoll(EGM, [electionTabled(EGM, E), attended(EGM, 'A1')]));
    given(electionDecider, [electionProposed(EGM, E, 2, 3)], { meeting })
      .when(
        cmd('CastCumulativeBallot', {
          electionId: E,
          meetingId: M,
          holderId: 'A1',
          votes: [
            { candidateId: first, votes: 700 },
            { candidateId: second, votes: 300 },
          ],
        }),
      )
      .thenEvents([ballot(EGM, E, 2, 'A1', { [first]: 700, [second]: 300 })]);
  });
});

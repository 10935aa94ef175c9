import { MeetingEvent } from '../../src/domain/meeting/events';
import { ResolutionEvent } from '../../src/domain/resolution/events';
import { MajorityRule } from '../../src/domain/rules/majority-rule';
import {
  A,
  afterPoll,
  attended,
  B,
  Ballot,
  decided,
  EGM,
  H,
  holding,
  inPoll,
  meetingClosed,
  MeetingSpec,
  noticed,
  opened,
  proxyLodged,
  resolutionProposed,
  resolutionTabled,
  resultsCertified,
  ruleSet,
  scheduled,
  SCRUTINEER,
  spec,
  voteCast,
  voteRejected,
} from './factories';
import { cmd, givenResolution } from './spec';

// ---- the meetings ---------------------------------------------------------------------------

const A_CLASS: MeetingSpec = spec({
  meetingId: 'a-class-1',
  kind: 'CLASS',
  shareClasses: [A],
  startsAt: '2023-11-23T15:00:00+08:00',
  holders: [holding('A1', 'A', 600), holding('A2', 'A', 300), holding('A3', 'A', 100)],
});
const H_CLASS: MeetingSpec = spec({
  meetingId: 'h-class-1',
  kind: 'CLASS',
  shareClasses: [H],
  startsAt: '2023-11-23T15:30:00+08:00',
  holders: [holding('H1', 'H', 200), holding('H2', 'H', 100)],
});
const WEIGHTED: MeetingSpec = spec({
  meetingId: 'egm-wvr',
  shareClasses: [A, B],
  holders: [holding('A1', 'A', 600), holding('B1', 'B', 50)],
});
const HK: MeetingSpec = spec({ meetingId: 'hk-egm', ruleSetId: 'HK-CAP622' });

const PRC = ruleSet('PRC-HKEX-H').majorities;
const rule = (
  numerator: number,
  denominator: number,
  comparator: MajorityRule['comparator'],
  base: MajorityRule['base'],
): MajorityRule => ({ threshold: { numerator, denominator }, comparator, base });

const R = 'R1';
const E = EGM.meetingId;

/**
 * EGM attendance: A1 (600) and A2 (300) and H1 (200) in person, H2 by proxy for 60 of its 100; A3
 * (100) absent. Votes present 1,160; the register holds 1,300.
 */
const egmAttendance = (...tabled: MeetingEvent[]): MeetingEvent[] => [
  ...tabled,
  attended(EGM, 'A1'),
  attended(EGM, 'A2'),
  attended(EGM, 'H1'),
  proxyLodged(EGM, 'P1', 'H2', 60),
  attended(EGM, 'H2', 'PROXY', { proxyId: 'P1', shares: 60 }),
];
const egmInPoll = inPoll(EGM, egmAttendance(resolutionTabled(EGM, R, 1)));
const egmAfterPoll = afterPoll(EGM, egmAttendance(resolutionTabled(EGM, R, 1)));

const proposedAtEgm = (
  majorityRule: MajorityRule = PRC.SPECIAL,
  requiredToAbstain: Parameters<typeof resolutionProposed>[2] = [],
) => resolutionProposed(R, [{ meetingId: E, number: 1, label: '1', majorityRule }], requiredToAbstain);

// ---- commands -------------------------------------------------------------------------------

const vote = (holderId: string, ballot: Ballot & { shareClass?: string }, meetingId = E, resolutionId = R) =>
  cmd('CastVote', {
    resolutionId,
    meetingId,
    holderId,
    for: ballot.for ?? 0,
    against: ballot.against ?? 0,
    abstain: ballot.abstain ?? 0,
    ...(ballot.shareClass ? { shareClass: ballot.shareClass } : {}),
  });
const reject = (holderId: string, actor = SCRUTINEER, meetingId = E) =>
  cmd('RejectVote', { resolutionId: R, meetingId, holderId, reason: 'Ballot not signed' }, { actor });
const closeVoting = (meetingId = E, resolutionId = R) => cmd('CloseVoting', { resolutionId, meetingId });
const propose = (payload: Record<string, unknown>) =>
  cmd('ProposeResolution', {
    resolutionId: R,
    title: 'Amendments to the Articles',
    kind: 'SPECIAL',
    ...payload,
  });

// ---- ProposeResolution ----------------------------------------------------------------------

describe('ProposeResolution', () => {
  const tabledAt = (s: MeetingSpec, number: number, resolutionId = R) => [
    ...noticed(s),
    resolutionTabled(s, resolutionId, number),
  ];

  it('takes the majority rule for its kind from the meeting rule set', () => {
    givenResolution([], { [E]: tabledAt(EGM, 3) })
      .when(propose({ kind: 'ORDINARY', meetings: [{ meetingId: E, number: 3 }] }))
      .thenEvents([
        {
          type: 'ResolutionProposed',
          data: {
            resolutionId: R,
            title: 'Amendments to the Articles',
            kind: 'ORDINARY',
            meetings: [{ meetingId: E, number: 3, label: '3', majorityRule: PRC.ORDINARY }],
            requiredToAbstain: [],
            votesPerShare: [],
          },
        },
      ]);
  });

  it("takes each meeting's rule from that meeting's own rule set", () => {
    givenResolution([], { [E]: tabledAt(EGM, 1), [HK.meetingId]: tabledAt(HK, 2) })
      .when(
        propose({
          meetings: [
            { meetingId: E, number: 1 },
            { meetingId: HK.meetingId, number: 2 },
          ],
        }),
      )
      .thenEvents([
        {
          type: 'ResolutionProposed',
          data: {
            resolutionId: R,
            title: 'Amendments to the Articles',
            kind: 'SPECIAL',
            meetings: [
              {
                meetingId: E,
                number: 1,
                label: '1',
                majorityRule: rule(2, 3, 'AT_LEAST', 'VOTES_CAST_AND_ABSTAINED'),
              },
              {
                meetingId: HK.meetingId,
                number: 2,
                label: '2',
                majorityRule: rule(3, 4, 'AT_LEAST', 'VOTES_CAST'),
              },
            ],
            requiredToAbstain: [],
            votesPerShare: [],
          },
        },
      ]);
  });

  it('uses an override majority rule at every meeting, and records who must abstain', () => {
    const override = rule(3, 4, 'MORE_THAN', 'PRESENT_AND_ENTITLED');
    const requiredToAbstain = [
      { holderId: 'A1', scope: 'ALL' },
      { holderId: 'H1', scope: 'IN_FAVOUR' },
    ];
    givenResolution([], { [E]: tabledAt(EGM, 1), [A_CLASS.meetingId]: tabledAt(A_CLASS, 1) })
      .when(
        propose({
          meetings: [
            { meetingId: E, number: 1 },
            { meetingId: A_CLASS.meetingId, number: 1 },
          ],
          majorityRule: override,
          requiredToAbstain,
        }),
      )
      .thenEvents([
        {
          type: 'ResolutionProposed',
          data: {
            resolutionId: R,
            title: 'Amendments to the Articles',
            kind: 'SPECIAL',
            meetings: [
              { meetingId: E, number: 1, label: '1', majorityRule: override },
              { meetingId: A_CLASS.meetingId, number: 1, label: '1', majorityRule: override },
            ],
            requiredToAbstain: [
              { holderId: 'A1', scope: 'ALL' },
              { holderId: 'H1', scope: 'IN_FAVOUR' },
            ],
            votesPerShare: [],
          },
        },
      ]);
  });

  it('refuses a meeting that was never scheduled, naming it', () => {
    givenResolution([], { [E]: tabledAt(EGM, 1) })
      .when(
        propose({
          meetings: [
            { meetingId: E, number: 1 },
            { meetingId: 'no-such-meeting', number: 1 },
          ],
        }),
      )
      .thenRefused('UnknownMeeting', 'payload.meetings[1].meetingId');
  });

  it('refuses a meeting where the resolution is not tabled', () => {
    givenResolution([], { [E]: noticed(EGM) })
      .when(propose({ meetings: [{ meetingId: E, number: 1 }] }))
      .thenRefused('NotOnAgenda', 'payload.meetings[0].number');
  });

  it('refuses a number at which the resolution is not tabled', () => {
    givenResolution([], { [E]: tabledAt(EGM, 1), [A_CLASS.meetingId]: tabledAt(A_CLASS, 1) })
      .when(
        propose({
          meetings: [
            { meetingId: E, number: 1 },
            { meetingId: A_CLASS.meetingId, number: 2 },
          ],
        }),
      )
      .thenRefused('NotOnAgenda', 'payload.meetings[1].number');
  });

  it('refuses a number held by another resolution', () => {
    givenResolution([], { [E]: tabledAt(EGM, 1, 'R-other') })
      .when(propose({ meetings: [{ meetingId: E, number: 1 }] }))
      .thenRefused('NotOnAgenda', 'payload.meetings[0].number');
  });

  it('refuses the same meeting named twice', () => {
    givenResolution([], { [E]: tabledAt(EGM, 1) })
      .when(
        propose({
          meetings: [
            { meetingId: E, number: 1 },
            { meetingId: E, number: 1 },
          ],
        }),
      )
      .thenRefused('DuplicateMeeting', 'payload.meetings');
  });

  it('refuses a resolution proposed twice', () => {
    givenResolution([proposedAtEgm()], { [E]: tabledAt(EGM, 1) })
      .when(propose({ meetings: [{ meetingId: E, number: 1 }] }))
      .thenRefused('ResolutionAlreadyProposed', 'payload.resolutionId');
  });
});

// ---- CastVote -------------------------------------------------------------------------------

describe('CastVote', () => {
  const inPollAt = { [E]: egmInPoll };

  it('records a vote in person with shares and votes', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('A1', { for: 600 }))
      .thenEvents([
        {
          type: 'VoteCast',
          data: {
            resolutionId: R,
            meetingId: E,
            holderId: 'A1',
            shareClass: 'A',
            castBy: 'IN_PERSON',
            instructed: { for: 600, against: 0, abstain: 0 },
            shares: { for: 600, against: 0, abstain: 0 },
            votes: { for: 600, against: 0, abstain: 0 },
          },
        },
      ]);
  });

  it('refuses an unknown resolution', () => {
    givenResolution([], inPollAt)
      .when(vote('A1', { for: 1 }))
      .thenRefused('UnknownResolution', 'payload.resolutionId');
  });

  it('refuses a vote at a meeting the resolution is not put to', () => {
    givenResolution([proposedAtEgm()], {
      ...inPollAt,
      [A_CLASS.meetingId]: inPoll(A_CLASS, [attended(A_CLASS, 'A1')]),
    })
      .when(vote('A1', { for: 1 }, A_CLASS.meetingId))
      .thenRefused('ResolutionNotAtMeeting', 'payload.meetingId');
  });

  it('refuses a vote when the meeting is unknown to the context', () => {
    givenResolution([proposedAtEgm()], {})
      .when(vote('A1', { for: 1 }))
      .thenRefused('UnknownMeeting', 'payload.meetingId');
  });

  it('refuses a vote before the poll opens', () => {
    givenResolution([proposedAtEgm()], { [E]: opened(EGM, egmAttendance(resolutionTabled(EGM, R, 1))) })
      .when(vote('A1', { for: 600 }))
      .thenRefused('PollNotOpen', 'payload.meetingId');
  });

  it('refuses a vote after the poll closed', () => {
    givenResolution([proposedAtEgm()], { [E]: egmAfterPoll })
      .when(vote('A1', { for: 600 }))
      .thenRefused('PollNotOpen', 'payload.meetingId');
  });

  it('refuses a holder not on the register', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('Z9', { for: 1 }))
      .thenRefused('HolderNotOnRegister', 'payload.holderId');
  });

  it('refuses a ballot whose class is not the holder’s class', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('A1', { for: 600, shareClass: 'H' }))
      .thenRefused('ShareClassMismatch', 'payload.shareClass');
  });

  describe('at a class meeting', () => {
    const R2 = 'R2';
    const aInPoll = inPoll(A_CLASS, [
      resolutionTabled(A_CLASS, R2, 1),
      attended(A_CLASS, 'A1'),
      attended(A_CLASS, 'A2'),
    ]);
    const proposed = resolutionProposed(R2, [
      { meetingId: A_CLASS.meetingId, number: 1, label: '1', majorityRule: PRC.SPECIAL },
    ]);
    const classVote = (holderId: string, ballot: Ballot & { shareClass?: string }) =>
      vote(holderId, ballot, A_CLASS.meetingId, R2);

    it('refuses an A holder whose ballot says class H', () => {
      givenResolution([proposed], { [A_CLASS.meetingId]: aInPoll })
        .when(classVote('A1', { for: 600, shareClass: 'H' }))
        .thenRefused('ShareClassMismatch', 'payload.shareClass');
    });

    it("refuses an H holder: not on the A class meeting's register", () => {
      givenResolution([proposed], { [A_CLASS.meetingId]: aInPoll })
        .when(classVote('H1', { for: 200, shareClass: 'H' }))
        .thenRefused('HolderNotOnRegister', 'payload.holderId');
    });

    it('accepts a ballot naming the right class', () => {
      expect(
        givenResolution([proposed], { [A_CLASS.meetingId]: aInPoll })
          .when(classVote('A2', { against: 300, shareClass: 'A' }))
          .events(),
      ).toEqual([voteCast(R2, A_CLASS, 'A2', { against: 300 })]);
    });

    it('refuses a holder who attends the EGM but not the class meeting', () => {
      givenResolution([proposed], { [A_CLASS.meetingId]: aInPoll })
        .when(classVote('A3', { for: 100 }))
        .thenRefused('HolderNotAttending', 'payload.holderId');
    });
  });

  it('refuses a holder on the register who is not attending', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('A3', { for: 100 }))
      .thenRefused('HolderNotAttending', 'payload.holderId');
  });

  it('refuses an over-vote beyond the entitlement', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('A2', { for: 100, against: 100, abstain: 101 }))
      .thenRefused('OverVote', 'payload.for');
  });

  it('accepts exactly the entitlement, split three ways', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('A2', { for: 100, against: 150, abstain: 50 }))
      .thenEvents([voteCast(R, EGM, 'A2', { for: 100, against: 150, abstain: 50 })]);
  });

  it("refuses an over-vote beyond the proxy's shares, though within the holding", () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('H2', { for: 61 }))
      .thenRefused('OverVote', 'payload.for');
  });

  it("accepts exactly the proxy's shares, cast by the proxy", () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('H2', { for: 40, abstain: 20 }))
      .thenEvents([
        {
          type: 'VoteCast',
          data: {
            resolutionId: R,
            meetingId: E,
            holderId: 'H2',
            shareClass: 'H',
            castBy: 'PROXY',
            instructed: { for: 40, against: 0, abstain: 20 },
            shares: { for: 40, against: 0, abstain: 20 },
            votes: { for: 40, against: 0, abstain: 20 },
            proxyId: 'P1',
          },
        },
      ]);
  });

  it('refuses an over-vote whose total leaves the exact integers', () => {
    givenResolution([proposedAtEgm()], inPollAt)
      .when(vote('A1', { for: Number.MAX_SAFE_INTEGER, against: 1 }))
      .thenRefused('OverVote', 'payload.for');
  });

  it('records votes = shares × votes per share for a weighted class', () => {
    const weighted = inPoll(WEIGHTED, [resolutionTabled(WEIGHTED, R, 1), attended(WEIGHTED, 'B1')]);
    givenResolution(
      [resolutionProposed(R, [{ meetingId: WEIGHTED.meetingId, number: 1, majorityRule: PRC.SPECIAL }])],
      {
        [WEIGHTED.meetingId]: weighted,
      },
    )
      .when(vote('B1', { for: 20, against: 25, abstain: 5 }, WEIGHTED.meetingId))
      .thenEvents([
        {
          type: 'VoteCast',
          data: {
            resolutionId: R,
            meetingId: WEIGHTED.meetingId,
            holderId: 'B1',
            shareClass: 'B',
            castBy: 'IN_PERSON',
            instructed: { for: 20, against: 25, abstain: 5 },
            shares: { for: 20, against: 25, abstain: 5 },
            votes: { for: 200, against: 250, abstain: 50 },
          },
        },
      ]);
  });

  it('refuses a second vote', () => {
    givenResolution([proposedAtEgm(), voteCast(R, EGM, 'A1', { for: 600 })], inPollAt)
      .when(vote('A1', { against: 600 }))
      .thenRefused('AlreadyVoted', 'payload.holderId');
  });

  it('accepts a new vote once the earlier one was rejected', () => {
    givenResolution(
      [proposedAtEgm(), voteCast(R, EGM, 'A1', { for: 600 }), voteRejected(R, EGM, 'A1', { for: 600 })],
      inPollAt,
    )
      .when(vote('A1', { against: 600 }))
      .thenEvents([voteCast(R, EGM, 'A1', { against: 600 })]);
  });

  it('refuses an empty vote', () => {
    givenResolution([proposedAtEgm()], inPollAt).when(vote('A1', {})).thenRefused('EmptyVote', 'payload.for');
  });

  it('refuses any vote from a holder required to abstain altogether', () => {
    const history = [proposedAtEgm(PRC.SPECIAL, [{ holderId: 'A1', scope: 'ALL' }])];
    givenResolution(history, inPollAt)
      .when(vote('A1', { against: 600 }))
      .thenRefused('RequiredToAbstain', 'payload.holderId');
    givenResolution(history, inPollAt)
      .when(vote('A1', { abstain: 600 }))
      .thenRefused('RequiredToAbstain', 'payload.holderId');
  });

  it('refuses only FOR from a holder required to abstain from voting in favour', () => {
    const history = [proposedAtEgm(PRC.SPECIAL, [{ holderId: 'H1', scope: 'IN_FAVOUR' }])];
    givenResolution(history, inPollAt)
      .when(vote('H1', { for: 1, against: 199 }))
      .thenRefused('RequiredToAbstainInFavour', 'payload.for');
    givenResolution(history, inPollAt)
      .when(vote('H1', { against: 150, abstain: 50 }))
      .thenEvents([voteCast(R, EGM, 'H1', { against: 150, abstain: 50 })]);
  });

  it('lets other holders vote when one is required to abstain', () => {
    const history = [proposedAtEgm(PRC.SPECIAL, [{ holderId: 'A1', scope: 'ALL' }])];
    givenResolution(history, inPollAt)
      .when(vote('A2', { for: 300 }))
      .thenEvents([voteCast(R, EGM, 'A2', { for: 300 })]);
  });
});

// ---- RejectVote -----------------------------------------------------------------------------

describe('RejectVote', () => {
  const withVote = [proposedAtEgm(), voteCast(R, EGM, 'A2', { for: 100, against: 150, abstain: 50 })];

  it('by an appointed scrutineer, carrying the shares and votes it removes', () => {
    givenResolution(withVote, { [E]: egmInPoll })
      .when(reject('A2'))
      .thenEvents([
        {
          type: 'VoteRejected',
          data: {
            resolutionId: R,
            meetingId: E,
            holderId: 'A2',
            reason: 'Ballot not signed',
            rejectedBy: SCRUTINEER,
            shares: { for: 100, against: 150, abstain: 50 },
            votes: { for: 100, against: 150, abstain: 50 },
          },
        },
      ]);
  });

  it('carries weighted votes for a weighted class', () => {
    const weighted = inPoll(WEIGHTED, [resolutionTabled(WEIGHTED, R, 1), attended(WEIGHTED, 'B1')]);
    const history = [
      resolutionProposed(R, [{ meetingId: WEIGHTED.meetingId, number: 1, majorityRule: PRC.SPECIAL }]),
      voteCast(R, WEIGHTED, 'B1', { for: 30, against: 20 }),
    ];
    givenResolution(history, { [WEIGHTED.meetingId]: weighted })
      .when(reject('B1', SCRUTINEER, WEIGHTED.meetingId))
      .thenEvents([voteRejected(R, WEIGHTED, 'B1', { for: 30, against: 20 })]);
    expect(voteRejected(R, WEIGHTED, 'B1', { for: 30, against: 20 }).data).toMatchObject({
      votes: { for: 300, against: 200, abstain: 0 },
    });
  });

  it('may reject after the poll closed, before the result is declared', () => {
    expect(
      givenResolution(withVote, { [E]: egmAfterPoll })
        .when(reject('A2'))
        .events(),
    ).toHaveLength(1);
  });

  it("refuses anyone who is not the meeting's scrutineer", () => {
    givenResolution(withVote, { [E]: egmInPoll })
      .when(reject('A2', 'registrar:test'))
      .thenRefused('NotAScrutineer', 'actor');
  });

  it('refuses a scrutineer of another meeting', () => {
    const R2 = 'R2';
    const aInPoll = inPoll(A_CLASS, [resolutionTabled(A_CLASS, R2, 1), attended(A_CLASS, 'A2')]);
    const history = [
      resolutionProposed(R2, [
        { meetingId: A_CLASS.meetingId, number: 1, label: '1', majorityRule: PRC.SPECIAL },
      ]),
      voteCast(R2, A_CLASS, 'A2', { for: 300 }),
    ];
    givenResolution(history, { [A_CLASS.meetingId]: aInPoll, [E]: egmInPoll })
      .when(
        cmd(
          'RejectVote',
          { resolutionId: R2, meetingId: A_CLASS.meetingId, holderId: 'A2', reason: 'x' },
          { actor: 'KPMG' },
        ),
      )
      .thenRefused('NotAScrutineer', 'actor');
  });

  it('refuses when the holder has no counted vote', () => {
    givenResolution(withVote, { [E]: egmInPoll })
      .when(reject('A1'))
      .thenRefused('NoVoteToReject', 'payload.holderId');
  });

  it('refuses to reject the same vote twice', () => {
    givenResolution([...withVote, voteRejected(R, EGM, 'A2', { for: 100, against: 150, abstain: 50 })], {
      [E]: egmInPoll,
    })
      .when(reject('A2'))
      .thenRefused('NoVoteToReject', 'payload.holderId');
  });

  it('refuses once the result is declared', () => {
    givenResolution([...withVote, decided(R, EGM, 1, PRC.SPECIAL, false)], { [E]: egmAfterPoll })
      .when(reject('A2'))
      .thenRefused('VotingClosed', 'payload.resolutionId');
  });
});

// ---- CloseVoting ----------------------------------------------------------------------------

/** The decision CloseVoting records at the EGM, number 1. */
const decision = (
  passed: boolean,
  majorityRule: MajorityRule,
  votes: { for: number; against: number; abstain: number },
  voters: number,
  base: number,
  shares = votes,
  meetingId = E,
  number = 1,
  resolutionId = R,
): ResolutionEvent => ({
  type: passed ? 'ResolutionPassed' : 'ResolutionFailed',
  data: {
    resolutionId,
    meetingId,
    number,
    majorityRule,
    tally: { votes, shares, voters },
    base: { kind: majorityRule.base, votes: base },
  },
});
const outcome = (
  passed: boolean,
  meetings: readonly [string, boolean][],
  resolutionId = R,
): ResolutionEvent => ({
  type: 'ResolutionOutcomeDetermined',
  data: { resolutionId, passed, meetings: meetings.map(([meetingId, p]) => ({ meetingId, passed: p })) },
});

describe('CloseVoting', () => {
  const closeAtEgm = (
    majorityRule: MajorityRule,
    votes: ResolutionEvent[],
    requiredToAbstain: Parameters<typeof resolutionProposed>[2] = [],
  ) =>
    givenResolution([proposedAtEgm(majorityRule, requiredToAbstain), ...votes], { [E]: egmAfterPoll }).when(
      closeVoting(),
    );

  it('refuses while the poll is still open', () => {
    givenResolution([proposedAtEgm()], { [E]: egmInPoll })
      .when(closeVoting())
      .thenRefused('PollNotClosed', 'payload.meetingId');
  });

  it('refuses before the poll has opened', () => {
    givenResolution([proposedAtEgm()], { [E]: opened(EGM, egmAttendance(resolutionTabled(EGM, R, 1))) })
      .when(closeVoting())
      .thenRefused('PollNotClosed', 'payload.meetingId');
  });

  it('passes under PRC-HKEX-H special with the tally and base (abstentions in the base)', () => {
    const votes = [
      voteCast(R, EGM, 'A1', { for: 600 }),
      voteCast(R, EGM, 'A2', { against: 100, abstain: 200 }),
      voteCast(R, EGM, 'H1', { for: 200 }),
      voteCast(R, EGM, 'H2', { for: 60 }, { proxyId: 'P1' }),
    ];
    closeAtEgm(PRC.SPECIAL, votes).thenEvents([
      decision(true, PRC.SPECIAL, { for: 860, against: 100, abstain: 200 }, 4, 1160),
      outcome(true, [[E, true]]),
    ]);
  });

  describe('at exactly two-thirds (600 FOR, 300 AGAINST)', () => {
    const votes = [voteCast(R, EGM, 'A1', { for: 600 }), voteCast(R, EGM, 'A2', { against: 300 })];
    const tally = { for: 600, against: 300, abstain: 0 };

    it('an AT_LEAST rule passes', () => {
      const atLeast = rule(2, 3, 'AT_LEAST', 'VOTES_CAST_AND_ABSTAINED');
      closeAtEgm(atLeast, votes).thenEvents([
        decision(true, atLeast, tally, 2, 900),
        outcome(true, [[E, true]]),
      ]);
    });

    it('a MORE_THAN rule fails', () => {
      const moreThan = rule(2, 3, 'MORE_THAN', 'VOTES_CAST_AND_ABSTAINED');
      closeAtEgm(moreThan, votes).thenEvents([
        decision(false, moreThan, tally, 2, 900),
        outcome(false, [[E, false]]),
      ]);
    });

    it('one vote fewer fails even AT_LEAST', () => {
      const atLeast = rule(2, 3, 'AT_LEAST', 'VOTES_CAST');
      const fewer = [
        voteCast(R, EGM, 'A1', { for: 599, abstain: 1 }),
        voteCast(R, EGM, 'A2', { against: 300 }),
      ];
      closeAtEgm(atLeast, fewer).thenEvents([
        decision(false, atLeast, { for: 599, against: 300, abstain: 1 }, 2, 899),
        outcome(false, [[E, false]]),
      ]);
    });
  });

  describe('the base', () => {
    // 500 FOR, 300 AGAINST, 300 ABSTAIN; H2's proxy (60) attends without voting.
    const votes = [
      voteCast(R, EGM, 'A1', { for: 500, abstain: 100 }),
      voteCast(R, EGM, 'A2', { against: 300 }),
      voteCast(R, EGM, 'H1', { abstain: 200 }),
    ];
    const tally = { for: 500, against: 300, abstain: 300 };

    it('VOTES_CAST ignores abstentions: 500 / 800 passes', () => {
      const r = rule(1, 2, 'MORE_THAN', 'VOTES_CAST');
      closeAtEgm(r, votes).thenEvents([decision(true, r, tally, 3, 800), outcome(true, [[E, true]])]);
    });

    it('VOTES_CAST_AND_ABSTAINED counts abstentions against: 500 / 1,100 fails', () => {
      const r = rule(1, 2, 'MORE_THAN', 'VOTES_CAST_AND_ABSTAINED');
      closeAtEgm(r, votes).thenEvents([decision(false, r, tally, 3, 1100), outcome(false, [[E, false]])]);
    });

    it('PRESENT_AND_ENTITLED counts attending non-voters against: 500 / 1,160', () => {
      const r = rule(3, 7, 'AT_LEAST', 'PRESENT_AND_ENTITLED');
      // 500 / 1,160 = 0.431: passes 3/7 (0.4286) but fails 44/100, which 500 / 1,100 (0.4545) would pass.
      closeAtEgm(r, votes).thenEvents([decision(true, r, tally, 3, 1160), outcome(true, [[E, true]])]);
      const tight = rule(44, 100, 'AT_LEAST', 'PRESENT_AND_ENTITLED');
      closeAtEgm(tight, votes).thenEvents([
        decision(false, tight, tally, 3, 1160),
        outcome(false, [[E, false]]),
      ]);
    });

    it('OUTSTANDING counts the whole register, absent holders included: 500 / 1,300', () => {
      const r = rule(1, 3, 'MORE_THAN', 'OUTSTANDING');
      closeAtEgm(r, votes).thenEvents([decision(true, r, tally, 3, 1300), outcome(true, [[E, true]])]);
      const tight = rule(2, 5, 'AT_LEAST', 'OUTSTANDING');
      closeAtEgm(tight, votes).thenEvents([
        decision(false, tight, tally, 3, 1300),
        outcome(false, [[E, false]]),
      ]);
    });

    it('OUTSTANDING at exactly one half: AT_LEAST passes, MORE_THAN fails', () => {
      const half = [voteCast(R, EGM, 'A1', { for: 600 }), voteCast(R, EGM, 'A2', { for: 50, against: 250 })];
      const t = { for: 650, against: 250, abstain: 0 };
      const atLeast = rule(1, 2, 'AT_LEAST', 'OUTSTANDING');
      const moreThan = rule(1, 2, 'MORE_THAN', 'OUTSTANDING');
      closeAtEgm(atLeast, half).thenEvents([decision(true, atLeast, t, 2, 1300), outcome(true, [[E, true]])]);
      closeAtEgm(moreThan, half).thenEvents([
        decision(false, moreThan, t, 2, 1300),
        outcome(false, [[E, false]]),
      ]);
    });

    it('holders required to abstain altogether leave PRESENT_AND_ENTITLED and OUTSTANDING', () => {
      const abstaining = [{ holderId: 'A2', scope: 'ALL' as const }];
      const only = [voteCast(R, EGM, 'A1', { for: 500, against: 100 })];
      const t = { for: 500, against: 100, abstain: 0 };
      const present = rule(1, 2, 'MORE_THAN', 'PRESENT_AND_ENTITLED');
      closeAtEgm(present, only, abstaining).thenEvents([
        decision(true, present, t, 1, 860),
        outcome(true, [[E, true]]),
      ]);
      const outstanding = rule(1, 2, 'MORE_THAN', 'OUTSTANDING');
      closeAtEgm(outstanding, only, abstaining).thenEvents([
        decision(false, outstanding, t, 1, 1000),
        outcome(false, [[E, false]]),
      ]);
    });

    it('holders required to abstain only in favour stay in the base', () => {
      const abstaining = [{ holderId: 'A2', scope: 'IN_FAVOUR' as const }];
      const r = rule(1, 2, 'MORE_THAN', 'PRESENT_AND_ENTITLED');
      closeAtEgm(r, votes, abstaining).thenEvents([
        decision(false, r, tally, 3, 1160),
        outcome(false, [[E, false]]),
      ]);
    });
  });

  it('counts votes, not shares, for a weighted class', () => {
    const weighted = afterPoll(WEIGHTED, [
      resolutionTabled(WEIGHTED, R, 1),
      attended(WEIGHTED, 'A1'),
      attended(WEIGHTED, 'B1'),
    ]);
    const history = [
      resolutionProposed(R, [{ meetingId: WEIGHTED.meetingId, number: 1, majorityRule: PRC.ORDINARY }]),
      voteCast(R, WEIGHTED, 'A1', { against: 400, abstain: 0 }),
      voteCast(R, WEIGHTED, 'B1', { for: 50 }),
    ];
    givenResolution(history, { [WEIGHTED.meetingId]: weighted })
      .when(closeVoting(WEIGHTED.meetingId))
      .thenEvents([
        decision(
          true,
          PRC.ORDINARY,
          { for: 500, against: 400, abstain: 0 },
          2,
          900,
          { for: 50, against: 400, abstain: 0 },
          WEIGHTED.meetingId,
        ),
        outcome(true, [[WEIGHTED.meetingId, true]]),
      ]);
  });

  it('nobody voted: not passed, whatever the comparator says of 0 / 0', () => {
    const zero = { for: 0, against: 0, abstain: 0 };
    closeAtEgm(PRC.SPECIAL, []).thenEvents([
      decision(false, PRC.SPECIAL, zero, 0, 0),
      outcome(false, [[E, false]]),
    ]);
    const outstanding = rule(1, 2, 'AT_LEAST', 'OUTSTANDING');
    closeAtEgm(outstanding, []).thenEvents([
      decision(false, outstanding, zero, 0, 1300),
      outcome(false, [[E, false]]),
    ]);
  });

  it('leaves a rejected vote out of the tally', () => {
    const votes = [
      voteCast(R, EGM, 'A1', { for: 600 }),
      voteCast(R, EGM, 'A2', { against: 300 }),
      voteRejected(R, EGM, 'A1', { for: 600 }),
    ];
    closeAtEgm(PRC.SPECIAL, votes).thenEvents([
      decision(false, PRC.SPECIAL, { for: 0, against: 300, abstain: 0 }, 1, 300),
      outcome(false, [[E, false]]),
    ]);
  });

  it('decides after the meeting closed, and not once its results are certified', () => {
    const votes = [voteCast(R, EGM, 'A1', { for: 600 })];
    const expected = [
      decision(true, PRC.SPECIAL, { for: 600, against: 0, abstain: 0 }, 1, 600),
      outcome(true, [[E, true]]),
    ];
    givenResolution([proposedAtEgm(), ...votes], { [E]: [...egmAfterPoll, meetingClosed(EGM)] })
      .when(closeVoting())
      .thenEvents(expected);
    givenResolution([proposedAtEgm(), ...votes], {
      [E]: [...egmAfterPoll, meetingClosed(EGM), resultsCertified(EGM)],
    })
      .when(closeVoting())
      .thenRefused('ResultsCertified', 'payload.meetingId');
  });

  it('refuses to close twice', () => {
    givenResolution([proposedAtEgm(), decided(R, EGM, 1, PRC.SPECIAL, true)], { [E]: egmAfterPoll })
      .when(closeVoting())
      .thenRefused('VotingClosed', 'payload.meetingId');
  });

  it('refuses at a meeting the resolution is not put to', () => {
    givenResolution([proposedAtEgm()], { [E]: egmAfterPoll, [A_CLASS.meetingId]: afterPoll(A_CLASS) })
      .when(closeVoting(A_CLASS.meetingId))
      .thenRefused('ResolutionNotAtMeeting', 'payload.meetingId');
  });

  it('refuses an unknown resolution', () => {
    givenResolution([], { [E]: egmAfterPoll })
      .when(closeVoting())
      .thenRefused('UnknownResolution', 'payload.resolutionId');
  });
});

describe('A resolution needing the EGM and both class meetings', () => {
  const R2 = 'R2';
  const S = PRC.SPECIAL;
  const proposed = resolutionProposed(R2, [
    { meetingId: E, number: 2, label: '2', majorityRule: S },
    { meetingId: A_CLASS.meetingId, number: 1, label: '1', majorityRule: S },
    { meetingId: H_CLASS.meetingId, number: 1, majorityRule: S },
  ]);
  const meetings = {
    [E]: afterPoll(EGM, [resolutionTabled(EGM, R2, 2), attended(EGM, 'A1'), attended(EGM, 'H1')]),
    [A_CLASS.meetingId]: afterPoll(A_CLASS, [resolutionTabled(A_CLASS, R2, 1), attended(A_CLASS, 'A1')]),
    [H_CLASS.meetingId]: afterPoll(H_CLASS, [
      resolutionTabled(H_CLASS, R2, 1),
      attended(H_CLASS, 'H1'),
      attended(H_CLASS, 'H2'),
    ]),
  };
  const hVotes = [voteCast(R2, H_CLASS, 'H1', { for: 200 }), voteCast(R2, H_CLASS, 'H2', { against: 100 })];

  it('decides the first meeting without an overall outcome', () => {
    givenResolution([proposed, voteCast(R2, EGM, 'A1', { for: 600 })], meetings)
      .when(closeVoting(E, R2))
      .thenEvents([decision(true, S, { for: 600, against: 0, abstain: 0 }, 1, 600, undefined, E, 2, R2)]);
  });

  it('decides the second meeting without an overall outcome, even when it fails there', () => {
    givenResolution(
      [proposed, decided(R2, EGM, 2, S, true), voteCast(R2, A_CLASS, 'A1', { against: 600 })],
      meetings,
    )
      .when(closeVoting(A_CLASS.meetingId, R2))
      .thenEvents([
        decision(false, S, { for: 0, against: 600, abstain: 0 }, 1, 600, undefined, A_CLASS.meetingId, 1, R2),
      ]);
  });

  it('determines the outcome when the last meeting decides: passed when all passed', () => {
    givenResolution(
      [proposed, decided(R2, EGM, 2, S, true), decided(R2, A_CLASS, 1, S, true), ...hVotes],
      meetings,
    )
      .when(closeVoting(H_CLASS.meetingId, R2))
      .thenEvents([
        // 200 / 300 is exactly two-thirds: passes "no less than".
        decision(
          true,
          S,
          { for: 200, against: 100, abstain: 0 },
          2,
          300,
          undefined,
          H_CLASS.meetingId,
          1,
          R2,
        ),
        outcome(
          true,
          [
            [E, true],
            [A_CLASS.meetingId, true],
            [H_CLASS.meetingId, true],
          ],
          R2,
        ),
      ]);
  });

  it('fails overall when one class meeting failed, whichever meeting decides last', () => {
    givenResolution(
      [
        proposed,
        decided(R2, A_CLASS, 1, S, false),
        decided(R2, H_CLASS, 1, S, true),
        voteCast(R2, EGM, 'A1', { for: 600 }),
      ],
      meetings,
    )
      .when(closeVoting(E, R2))
      .thenEvents([
        decision(true, S, { for: 600, against: 0, abstain: 0 }, 1, 600, undefined, E, 2, R2),
        outcome(
          false,
          [
            [E, true],
            [A_CLASS.meetingId, false],
            [H_CLASS.meetingId, true],
          ],
          R2,
        ),
      ]);
  });

  it('fails overall when the last class meeting fails it', () => {
    givenResolution(
      [
        proposed,
        decided(R2, EGM, 2, S, true),
        decided(R2, A_CLASS, 1, S, true),
        voteCast(R2, H_CLASS, 'H1', { for: 199, against: 1 }),
        voteCast(R2, H_CLASS, 'H2', { against: 100 }),
      ],
      meetings,
    )
      .when(closeVoting(H_CLASS.meetingId, R2))
      .thenEvents([
        decision(
          false,
          S,
          { for: 199, against: 101, abstain: 0 },
          2,
          300,
          undefined,
          H_CLASS.meetingId,
          1,
          R2,
        ),
        outcome(
          false,
          [
            [E, true],
            [A_CLASS.meetingId, true],
            [H_CLASS.meetingId, false],
          ],
          R2,
        ),
      ]);
  });

  it('refuses to decide a meeting twice', () => {
    givenResolution([proposed, decided(R2, A_CLASS, 1, S, true)], meetings)
      .when(closeVoting(A_CLASS.meetingId, R2))
      .thenRefused('VotingClosed', 'payload.meetingId');
  });
});

// Keeps `scheduled` in use for a meeting that exists but never opened.
describe('A meeting scheduled but never opened', () => {
  it('refuses votes: the poll is not open', () => {
    const s = scheduled(EGM);
    givenResolution([proposedAtEgm()], { [E]: s })
      .when(vote('A1', { for: 1 }))
      .thenRefused('PollNotOpen', 'payload.meetingId');
  });
});

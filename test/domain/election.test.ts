import {
  A,
  afterPoll,
  attended,
  B,
  EGM,
  inPoll,
  meetingClosed,
  opened,
  registered,
  SCRUTINEER,
  spec,
} from './factories';
import { cmd } from './spec';
import {
  ballot,
  candidate,
  closePollOnElection,
  electionProposed,
  electionTabled,
  givenElection,
  BALLOTS_RULE,
} from './election-factories';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { meetingAdjourned } from './adjournment-factories';

/**
 * Elections by cumulative voting (DOMAIN.md, issue 7 item 1): votes = shares × votes per share ×
 * seats; an over-allocated ballot, or one naming more candidates than seats, is recorded as invalid
 * and all its votes abstained; unused votes of a valid ballot are abstained; candidates are ranked,
 * each elected one must have more than half of the non-cumulated votes of the ballots; a tie across
 * the last seat elects none of the tied; seats left empty are a shortfall.
 */

const E = 'board-2026';
const M = EGM.meetingId;
const SECRETARY = 'company-secretary:test';
const everyone = ['A1', 'A2', 'A3', 'H1', 'H2'];
const attending = (s = EGM, ids = everyone): MeetingEvent[] => [
  electionTabled(s, E),
  ...ids.map((id) => attended(s, id)),
];
const c = (n: number) => candidate(n).candidateId;

const propose = (over: Record<string, unknown> = {}) =>
  cmd(
    'ProposeElection',
    {
      electionId: E,
      meetingId: M,
      number: 7,
      title: 'To elect the non-independent directors of the tenth session of the board',
      pool: 'NON_INDEPENDENT_DIRECTORS',
      seats: 2,
      candidates: [candidate(1), candidate(2), candidate(3)],
      ...over,
    },
    { actor: SECRETARY },
  );
const cast = (holderId: string, votes: Record<string, number>) =>
  cmd('CastCumulativeBallot', {
    electionId: E,
    meetingId: M,
    holderId,
    votes: Object.entries(votes).map(([candidateId, v]) => ({ candidateId, votes: v })),
  });
const closeElection = () => cmd('CloseElection', { electionId: E, meetingId: M }, { actor: SCRUTINEER });

describe('ProposeElection', () => {
  it('records the election with the rule set’s cumulative voting rule copied in', () => {
    givenElection([], [...registered(), electionTabled(EGM, E)])
      .when(propose())
      .thenEvents([
        {
          type: 'ElectionProposed',
          data: {
            electionId: E,
            meetingId: M,
            number: 7,
            title: 'To elect the non-independent directors of the tenth session of the board',
            pool: 'NON_INDEPENDENT_DIRECTORS',
            seats: 2,
            candidates: [candidate(1), candidate(2), candidate(3)],
            // PRC: more than half of every vote attending (a ballot not returned abstains).
            rule: {
              threshold: { numerator: 1, denominator: 2 },
              comparator: 'MORE_THAN',
              base: 'PRESENT_AND_ENTITLED',
            },
          },
        },
      ]);
  });

  it('refuses an election not tabled at that number: NotOnAgenda', () => {
    givenElection([], registered()).when(propose()).thenRefused('NotOnAgenda', 'payload.number');
  });

  it('refuses where the rule set provides no cumulative voting (Hong Kong)', () => {
    const hk = spec({ ruleSetId: 'HK-CAP622' });
    givenElection([], [...registered(hk), electionTabled(hk, E)])
      .when(propose())
      .thenRefused('CumulativeVotingNotProvided', 'payload.meetingId');
  });

  it.each([
    ['one seat', { seats: 1 }, 'TooFewSeats', 'payload.seats'],
    [
      'a candidate twice',
      { candidates: [candidate(1), candidate(1)] },
      'DuplicateCandidate',
      'payload.candidates[1].candidateId',
    ],
    [
      'a number twice',
      { candidates: [candidate(1), { ...candidate(2), number: '7.01' }] },
      'DuplicateCandidateNumber',
      'payload.candidates[1].number',
    ],
    [
      'a number under another item',
      { candidates: [candidate(1), candidate(2, 8)] },
      'CandidateNumberNotUnderElection',
      'payload.candidates[1].number',
    ],
  ])('refuses %s', (_what, over, rule, field) => {
    givenElection([], [...registered(), electionTabled(EGM, E)])
      .when(propose(over))
      .thenRefused(rule, field);
  });

  it('refuses a second proposal, and an unscheduled meeting', () => {
    givenElection([electionProposed(EGM, E, 2, 3)], [...registered(), electionTabled(EGM, E)])
      .when(propose())
      .thenRefused('ElectionAlreadyProposed', 'payload.electionId');
    givenElection([], []).when(propose()).thenRefused('UnknownMeeting', 'payload.meetingId');
  });

  it('rejects a malformed candidate number at the codec, naming the field', () => {
    expect(() => propose({ candidates: [{ ...candidate(1), number: 'seven' }] })).toThrow(/CandidateNumber/);
  });
});

describe('CastCumulativeBallot', () => {
  const proposed = [electionProposed(EGM, E, 2, 3)];
  const polling = inPoll(EGM, attending());

  it('records a valid ballot; its unused votes are abstained (600 shares × 2 seats = 1,200; 1,000 given)', () => {
    givenElection(proposed, polling)
      .when(cast('A1', { [c(1)]: 700, [c(2)]: 300 }))
      .thenEvents([ballot(EGM, E, 2, 'A1', { [c(1)]: 700, [c(2)]: 300 })]);
    const [event] = givenElection(proposed, polling)
      .when(cast('A1', { [c(1)]: 700, [c(2)]: 300 }))
      .events();
    expect(event.data).toMatchObject({ votes: 600, available: 1200, abstained: 200 });
  });

  it('records a ballot giving every vote to one candidate', () => {
    const [event] = givenElection(proposed, polling)
      .when(cast('A2', { [c(3)]: 600 }))
      .events();
    expect(event).toMatchObject({ type: 'CumulativeBallotCast', data: { abstained: 0, available: 600 } });
  });

  it('records an over-allocated ballot as invalid, every vote abstained', () => {
    const [event] = givenElection(proposed, polling)
      .when(cast('A1', { [c(1)]: 1000, [c(2)]: 201 }))
      .events();
    expect(event).toEqual(ballot(EGM, E, 2, 'A1', { [c(1)]: 1000, [c(2)]: 201 }));
    expect(event).toMatchObject({
      type: 'CumulativeBallotInvalid',
      data: { reason: 'OVER_ALLOCATION', abstained: 1200 },
    });
  });

  it('records votes to more candidates than seats as invalid, even within the votes available', () => {
    const [event] = givenElection(proposed, polling)
      .when(cast('A1', { [c(1)]: 400, [c(2)]: 400, [c(3)]: 400 }))
      .events();
    expect(event).toMatchObject({
      type: 'CumulativeBallotInvalid',
      data: { reason: 'TOO_MANY_CANDIDATES', abstained: 1200 },
    });
  });

  it('does not count a candidate marked with no votes among those voted for', () => {
    const [event] = givenElection(proposed, polling)
      .when(cast('A1', { [c(1)]: 600, [c(2)]: 600, [c(3)]: 0 }))
      .events();
    expect(event).toMatchObject({ type: 'CumulativeBallotCast', data: { abstained: 0 } });
  });

  it('records a blank ballot as wholly abstained', () => {
    const [event] = givenElection(proposed, polling).when(cast('H2', {})).events();
    expect(event).toMatchObject({ type: 'CumulativeBallotCast', data: { allocation: [], abstained: 200 } });
  });

  it('gives a weighted class votes × seats: 50 B shares × 10 votes × 2 seats = 1,000', () => {
    const wvr = spec({
      shareClasses: [A, B],
      holders: [
        { holderId: 'A1', shareClass: 'A', shares: 600 },
        { holderId: 'B1', shareClass: 'B', shares: 50 },
      ],
    });
    const history = inPoll(wvr, attending(wvr, ['A1', 'B1']));
    const [valid] = givenElection([electionProposed(wvr, E, 2, 3)], history)
      .when(cast('B1', { [c(1)]: 1000 }))
      .events();
    expect(valid).toEqual(ballot(wvr, E, 2, 'B1', { [c(1)]: 1000 }));
    expect(valid.data).toMatchObject({ shares: 50, votes: 500, available: 1000, abstained: 0 });
    const [over] = givenElection([electionProposed(wvr, E, 2, 3)], history)
      .when(cast('B1', { [c(1)]: 1001 }))
      .events();
    expect(over).toMatchObject({ type: 'CumulativeBallotInvalid', data: { reason: 'OVER_ALLOCATION' } });
  });

  it('counts only the shares a proxy represents', () => {
    const history = inPoll(EGM, [
      electionTabled(EGM, E),
      attended(EGM, 'A1', 'PROXY', { proxyId: 'p1', shares: 250 }),
    ]);
    const [event] = givenElection(proposed, history)
      .when(cast('A1', { [c(1)]: 500 }))
      .events();
    expect(event.data).toMatchObject({ shares: 250, available: 500, castBy: 'PROXY', proxyId: 'p1' });
  });

  it.each([
    ['before the poll opens', opened(EGM, attending()), 'PollNotOpen', 'payload.meetingId'],
    ['after the poll closed', afterPoll(EGM, attending()), 'PollNotOpen', 'payload.meetingId'],
  ])('refuses a ballot %s', (_when, history, rule, field) => {
    givenElection(proposed, history)
      .when(cast('A1', { [c(1)]: 1 }))
      .thenRefused(rule, field);
  });

  it('refuses a late ballot once the poll closed on the election, before the meeting records it', () => {
    const closedHere = [
      ...proposed,
      {
        type: 'PollClosedOnElection',
        data: { electionId: E, meetingId: M, at: '2023-11-23T15:30:00+08:00' },
      } as const,
    ];
    givenElection(closedHere, polling)
      .when(cast('A1', { [c(1)]: 1 }))
      .thenRefused('PollNotOpen', 'payload.meetingId');
  });

  it('refuses a ballot while the meeting stands adjourned, as a vote on a resolution is', () => {
    const adjourned = [
      ...polling,
      meetingAdjourned(EGM, '2023-12-07T14:00:00+08:00', '2023-12-06T14:00:00+08:00'),
    ];
    givenElection(proposed, adjourned)
      .when(cast('A1', { [c(1)]: 1 }))
      .thenRefused('MeetingAdjourned', 'payload.meetingId');
  });

  it('refuses a second ballot from a holder until a scrutineer rejects the first (no superseding)', () => {
    const first = ballot(EGM, E, 2, 'A1', { [c(1)]: 1200 });
    givenElection([...proposed, first], polling)
      .when(cast('A1', { [c(2)]: 1200 }))
      .thenRefused('AlreadyVoted', 'payload.holderId');
    const rejected = {
      type: 'CumulativeBallotRejected',
      data: {
        electionId: E,
        meetingId: M,
        holderId: 'A1',
        reason: 'Unsigned',
        rejectedBy: SCRUTINEER,
        votes: 600,
        allocation: [{ candidateId: c(1), votes: 1200 }],
        abstained: 0,
        wasInvalid: false,
      },
    } as const;
    expect(
      givenElection([...proposed, first, rejected], polling)
        .when(cast('A1', { [c(2)]: 1200 }))
        .events(),
    ).toHaveLength(1);
  });

  it.each([['an unknown candidate', { nobody: 1 }, 'UnknownCandidate', 'payload.votes[0].candidateId']])(
    'refuses %s',
    (_what, votes, rule, field) => {
      givenElection(proposed, polling).when(cast('A1', votes)).thenRefused(rule, field);
    },
  );

  it('refuses a candidate named twice on one ballot', () => {
    const twice = cmd('CastCumulativeBallot', {
      electionId: E,
      meetingId: M,
      holderId: 'A1',
      votes: [
        { candidateId: c(1), votes: 1 },
        { candidateId: c(1), votes: 2 },
      ],
    });
    givenElection(proposed, polling)
      .when(twice)
      .thenRefused('DuplicateCandidate', 'payload.votes[1].candidateId');
  });

  it('refuses holders not on the register or not attending, a wrong class, and an unknown election', () => {
    const few = inPoll(EGM, attending(EGM, ['A1']));
    givenElection(proposed, few).when(cast('X9', {})).thenRefused('HolderNotOnRegister', 'payload.holderId');
    givenElection(proposed, few).when(cast('A2', {})).thenRefused('HolderNotAttending', 'payload.holderId');
    const wrongClass = cmd('CastCumulativeBallot', {
      electionId: E,
      meetingId: M,
      holderId: 'A1',
      votes: [],
      shareClass: 'H',
    });
    givenElection(proposed, few).when(wrongClass).thenRefused('ShareClassMismatch', 'payload.shareClass');
    givenElection([], few).when(cast('A1', {})).thenRefused('UnknownElection', 'payload.electionId');
  });

  it('rejects a negative or fractional vote at the codec', () => {
    expect(() => cast('A1', { [c(1)]: -1 })).toThrow(/ShareCount/);
    expect(() => cast('A1', { [c(1)]: 1.5 })).toThrow(/ShareCount/);
  });
});

describe('RejectCumulativeBallot', () => {
  const proposed = electionProposed(EGM, E, 2, 3);
  const first = ballot(EGM, E, 2, 'A1', { [c(1)]: 1200 });
  const reject = (actor = SCRUTINEER) =>
    cmd(
      'RejectCumulativeBallot',
      { electionId: E, meetingId: M, holderId: 'A1', reason: 'Unsigned' },
      { actor },
    );

  it('takes the ballot out with the figures it removes', () => {
    givenElection([proposed, first], inPoll(EGM, attending()))
      .when(reject())
      .thenEvents([
        {
          type: 'CumulativeBallotRejected',
          data: {
            electionId: E,
            meetingId: M,
            holderId: 'A1',
            reason: 'Unsigned',
            rejectedBy: SCRUTINEER,
            votes: 600,
            allocation: [{ candidateId: c(1), votes: 1200 }],
            abstained: 0,
            wasInvalid: false,
          },
        },
      ]);
  });

  it('refuses someone not appointed scrutineer, and a holder with no ballot', () => {
    givenElection([proposed, first], inPoll(EGM, attending()))
      .when(reject('chair:test'))
      .thenRefused('NotAScrutineer', 'actor');
    givenElection([proposed], inPoll(EGM, attending()))
      .when(reject())
      .thenRefused('NoBallotToReject', 'payload.holderId');
  });
});

describe('CloseElection', () => {
  const closed = afterPoll(EGM, attending());
  const decide = (seats: number, candidates: number, ballots: Record<string, Record<string, number>>) =>
    givenElection(
      [
        electionProposed(EGM, E, seats, candidates),
        ...Object.entries(ballots).map(([h, g]) => ballot(EGM, E, seats, h, g)),
      ],
      closed,
    )
      .when(closeElection())
      .events()[0];

  it('ranks the candidates and fills the seats with those over half of the ballots’ votes', () => {
    // Ballots' votes (not cumulated): 600 + 300 + 100 = 1,000; more than half is more than 500.
    // c1 = 600 + 300 = 900, c2 = 600 + 300 = 900 (level, and both fit in the 2 seats), c3 = 200.
    const decided = decide(2, 3, {
      A1: { [c(1)]: 600, [c(2)]: 600 },
      A2: { [c(1)]: 300, [c(2)]: 300 },
      A3: { [c(3)]: 200 },
    });
    expect(decided).toEqual({
      type: 'ElectionDecided',
      data: {
        electionId: E,
        meetingId: M,
        number: 7,
        seats: 2,
        rule: BALLOTS_RULE,
        base: { kind: 'VOTES_CAST_AND_ABSTAINED', votes: 1000 },
        ranking: [
          { candidateId: c(1), number: '7.01', votes: 900, rank: 1, elected: true },
          { candidateId: c(2), number: '7.02', votes: 900, rank: 1, elected: true },
          {
            candidateId: c(3),
            number: '7.03',
            votes: 200,
            rank: 3,
            elected: false,
            notElected: 'BELOW_MAJORITY',
          },
        ],
        filled: 2,
        shortfall: 0,
        ballots: { valid: 3, invalid: 0 },
        abstained: 0,
      },
    });
  });

  it('does not elect a candidate with exactly half (more than half is required): a shortfall', () => {
    // Base 1,000; c2 = 300 + 200 = 500 = half, not more.
    const decided = decide(2, 3, {
      A1: { [c(1)]: 1200 },
      A2: { [c(2)]: 300, [c(3)]: 300 },
      A3: { [c(2)]: 200 },
    });
    expect(decided.data).toMatchObject({
      ranking: [
        { candidateId: c(1), votes: 1200, elected: true },
        { candidateId: c(2), votes: 500, elected: false, notElected: 'BELOW_MAJORITY' },
        { candidateId: c(3), votes: 300, elected: false, notElected: 'BELOW_MAJORITY' },
      ],
      filled: 1,
      shortfall: 1,
    });
  });

  it('elects none of the candidates tied across the last seat, nor anyone below them', () => {
    // 3 seats; base 600+300+100+200+100 = 1,300, more than half is 651 or more.
    // c1 800, c2 780, c3 760 = c4 760 for the one seat left, c5 700: elected c1 c2 only.
    const decided = decide(3, 5, {
      A1: { [c(1)]: 800, [c(2)]: 780, [c(5)]: 220 },
      A2: { [c(3)]: 760, [c(5)]: 140 },
      H1: { [c(4)]: 600 },
      A3: { [c(4)]: 160, [c(5)]: 140 },
      H2: { [c(5)]: 200 },
    });
    expect(decided.data).toMatchObject({
      base: { votes: 1300 },
      ranking: [
        { candidateId: c(1), votes: 800, rank: 1, elected: true },
        { candidateId: c(2), votes: 780, rank: 2, elected: true },
        { candidateId: c(3), votes: 760, rank: 3, elected: false, notElected: 'TIED_FOR_LAST_SEAT' },
        { candidateId: c(4), votes: 760, rank: 3, elected: false, notElected: 'TIED_FOR_LAST_SEAT' },
        { candidateId: c(5), votes: 700, rank: 5, elected: false, notElected: 'NO_SEAT_LEFT' },
      ],
      filled: 2,
      shortfall: 1,
      abstained: 100,
    });
  });

  it('leaves a candidate over half but ranked below the seats out: NO_SEAT_LEFT', () => {
    // 2 seats, base 600 + 300 + 100 = 1,000: c1 = 600 + 100 = 700, c2 = 600 + 50 = 650, c3 = 600;
    // all three have more than 500, two seats.
    const decided = decide(2, 3, {
      A1: { [c(1)]: 600, [c(2)]: 600 },
      A2: { [c(3)]: 600 },
      A3: { [c(1)]: 100, [c(2)]: 50 },
    });
    expect(decided.data).toMatchObject({
      ranking: [
        { candidateId: c(1), votes: 700, rank: 1, elected: true },
        { candidateId: c(2), votes: 650, rank: 2, elected: true },
        { candidateId: c(3), votes: 600, rank: 3, elected: false, notElected: 'NO_SEAT_LEFT' },
      ],
      filled: 2,
      shortfall: 0,
      abstained: 50,
    });
  });

  it('keeps an invalid ballot’s votes in the base as abstained, giving no candidate anything', () => {
    // Base: A1 600 (valid) + A2 300 (invalid) + A3 100 = 1,000. c1 = 1,200 elected; c2 = 200 below.
    const decided = decide(2, 3, { A1: { [c(1)]: 1200 }, A2: { [c(1)]: 601 }, A3: { [c(2)]: 200 } });
    expect(decided.data).toMatchObject({
      base: { votes: 1000 },
      ranking: [
        { candidateId: c(1), votes: 1200, elected: true },
        { candidateId: c(2), votes: 200 },
        { candidateId: c(3), votes: 0 },
      ],
      ballots: { valid: 2, invalid: 1 },
      abstained: 600,
      shortfall: 1,
    });
  });

  it('elects nobody when nobody voted', () => {
    expect(decide(2, 2, {}).data).toMatchObject({ filled: 0, shortfall: 2, base: { votes: 0 } });
  });

  it('measures against every attending vote where the rule says PRESENT_AND_ENTITLED', () => {
    // Present: 1,300 votes; only A1 (600) returned a ballot: c1 1,200 > 650 elected; c2 0.
    const present = { ...BALLOTS_RULE, base: 'PRESENT_AND_ENTITLED' as const };
    const [decided] = givenElection(
      [electionProposed(EGM, E, 2, 2, { rule: present }), ballot(EGM, E, 2, 'A1', { [c(1)]: 1200 })],
      closed,
    )
      .when(closeElection())
      .events();
    expect(decided.data).toMatchObject({ base: { kind: 'PRESENT_AND_ENTITLED', votes: 1300 }, filled: 1 });
  });

  it('refuses before the poll closes, and a second time', () => {
    givenElection([electionProposed(EGM, E, 2, 3)], inPoll(EGM, attending()))
      .when(closeElection())
      .thenRefused('PollNotClosed', 'payload.meetingId');
    const decided = decide(2, 3, {});
    givenElection([electionProposed(EGM, E, 2, 3), decided as never], [...closed, meetingClosed(EGM)])
      .when(closeElection())
      .thenRefused('VotingClosed', 'payload.electionId');
  });

  it('closing the poll on the election is recorded once', () => {
    givenElection([electionProposed(EGM, E, 2, 3)], inPoll(EGM, attending()))
      .when(closePollOnElection(E, M))
      .thenEvents([
        {
          type: 'PollClosedOnElection',
          data: { electionId: E, meetingId: M, at: '2023-11-23T15:30:00+08:00' },
        },
      ]);
  });
});

describe('WithdrawElection', () => {
  const proposed = electionProposed(EGM, E, 2, 3);
  const withdraw = () =>
    cmd(
      'WithdrawElection',
      { electionId: E, meetingId: M, reason: 'Nominations withdrawn by the board' },
      { actor: SECRETARY },
    );
  const withdrawn = {
    type: 'ElectionWithdrawn',
    data: {
      electionId: E,
      meetingId: M,
      reason: 'Nominations withdrawn by the board',
      withdrawnBy: SECRETARY,
    },
  } as const;

  it('withdraws the election before the poll opens', () => {
    givenElection([proposed], opened(EGM, attending())).when(withdraw()).thenEvents([withdrawn]);
  });

  it('refuses once the poll has opened', () => {
    givenElection([proposed], inPoll(EGM, attending()))
      .when(withdraw())
      .thenRefused('PollAlreadyOpened', 'payload.meetingId');
  });

  it('takes no ballot and no decision once withdrawn; closing the poll closes nothing on it', () => {
    givenElection([proposed, withdrawn], inPoll(EGM, attending()))
      .when(cast('A1', {}))
      .thenRefused('ElectionWithdrawn', 'payload.electionId');
    givenElection([proposed, withdrawn], afterPoll(EGM, attending()))
      .when(closeElection())
      .thenRefused('ElectionWithdrawn', 'payload.electionId');
    givenElection([proposed, withdrawn], inPoll(EGM, attending()))
      .when(closePollOnElection(E, M))
      .thenEvents([]);
  });
});

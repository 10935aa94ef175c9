import { isLeft } from 'fp-ts/Either';
import { GovrecCommand } from '../../src/domain/commands';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { ClosePollOnResolution } from '../../src/domain/resolution/commands';
import { foldResults, resultsView } from '../../src/projections/results/view';
import {
  A,
  afterPoll,
  attended,
  decided,
  EGM,
  H,
  holding,
  inPoll,
  meetingClosed,
  MeetingSpec,
  noticed,
  opened,
  registered,
  resolutionProposed,
  resolutionTabled,
  resolutionWithdrawn,
  ruleSet,
  SCRUTINEER,
  spec,
  voteCast,
  voteRejected,
} from './factories';
import { cmd, givenResolution } from './spec';

/**
 * A resolution may be withdrawn from a meeting's agenda until that meeting's poll opens
 * (WithdrawResolution → ResolutionWithdrawn), never after. Withdrawn, it takes no votes there, is
 * not decided there, shows in the results as withdrawn (neither passed nor failed), and has no
 * overall outcome.
 */

const R = 'R1';
const E = EGM.meetingId;
const S = ruleSet('PRC-HKEX-H').majorities.SPECIAL;
const SECRETARY = 'company-secretary:test';
const REASON = 'The board has withdrawn the proposal pending a revised circular';

const tabled = (s: MeetingSpec = EGM, number = 1): MeetingEvent[] => [
  resolutionTabled(s, R, number),
  attended(s, 'A1'),
];
const proposed = resolutionProposed(R, [{ meetingId: E, number: 1, majorityRule: S }]);
const withdraw = (meetingId = E, resolutionId = R) =>
  cmd('WithdrawResolution', { resolutionId, meetingId, reason: REASON }, { actor: SECRETARY });
const withdrawn = resolutionWithdrawn(R, EGM, REASON, SECRETARY);

/** Issued by the command handler when the chair closes the poll, never decoded from a client: built here. */
function closePollOn(payload: { resolutionId: string; meetingId: string }): GovrecCommand {
  const decoded = ClosePollOnResolution.decode({
    type: 'ClosePollOnResolution',
    commandId: 'cmd-close-poll',
    actor: 'chair:test',
    issuedAt: '2023-11-23T15:30:00+08:00',
    payload,
  });
  if (isLeft(decoded)) throw new Error('ClosePollOnResolution test command does not decode');
  return decoded.right;
}

describe('WithdrawResolution', () => {
  it.each([
    ['after notice, before the meeting opens', [...noticed(), ...tabled()]],
    ['with the register closed', [...registered(), ...tabled()]],
    ['once the meeting has opened, before the poll', opened(EGM, tabled())],
  ])('withdraws the resolution %s', (_when, history) => {
    givenResolution([proposed], { [E]: history })
      .when(withdraw())
      .thenEvents([
        {
          type: 'ResolutionWithdrawn',
          data: { resolutionId: R, meetingId: E, reason: REASON, withdrawnBy: SECRETARY },
        },
      ]);
  });

  it.each([
    ['while the poll is open', inPoll(EGM, tabled())],
    ['after the poll closed', afterPoll(EGM, tabled())],
    ['after the meeting closed', [...afterPoll(EGM, tabled()), meetingClosed(EGM)]],
  ])('refuses %s: PollAlreadyOpened', (_when, history) => {
    givenResolution([proposed], { [E]: history })
      .when(withdraw())
      .thenRefused('PollAlreadyOpened', 'payload.meetingId');
  });

  it('refuses to withdraw twice', () => {
    givenResolution([proposed, withdrawn], { [E]: opened(EGM, tabled()) })
      .when(withdraw())
      .thenRefused('ResolutionWithdrawn', 'payload.resolutionId');
  });

  it('refuses an unknown resolution, and a meeting it is not put to', () => {
    givenResolution([], { [E]: opened(EGM, tabled()) })
      .when(withdraw())
      .thenRefused('UnknownResolution', 'payload.resolutionId');
    givenResolution([proposed], { [E]: opened(EGM, tabled()) })
      .when(withdraw('another-meeting'))
      .thenRefused('ResolutionNotAtMeeting', 'payload.meetingId');
  });
});

describe('a withdrawn resolution', () => {
  const polling = { [E]: inPoll(EGM, tabled()) };
  const closed = { [E]: afterPoll(EGM, tabled()) };

  it('takes no votes once the poll opens', () => {
    givenResolution([proposed, withdrawn], polling)
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: E, holderId: 'A1', for: 600, against: 0, abstain: 0 }),
      )
      .thenRefused('ResolutionWithdrawn', 'payload.resolutionId');
  });

  it('is not decided: CloseVoting refused', () => {
    givenResolution([proposed, withdrawn], closed)
      .when(cmd('CloseVoting', { resolutionId: R, meetingId: E }))
      .thenRefused('ResolutionWithdrawn', 'payload.resolutionId');
  });

  it('has nothing for a scrutineer to reject', () => {
    givenResolution([proposed, withdrawn], polling)
      .when(
        cmd(
          'RejectVote',
          { resolutionId: R, meetingId: E, holderId: 'A1', reason: 'Not signed' },
          { actor: SCRUTINEER },
        ),
      )
      .thenRefused('ResolutionWithdrawn', 'payload.resolutionId');
  });

  it("closing the meeting's poll closes nothing on it, and does not stop the meeting's poll closing", () => {
    givenResolution([proposed, withdrawn], polling)
      .when(closePollOn({ resolutionId: R, meetingId: E }))
      .thenEvents([]);
  });
});

describe('withdrawn from one of the meetings that must pass it', () => {
  const H_CLASS: MeetingSpec = spec({
    meetingId: 'h-class-1',
    kind: 'CLASS',
    shareClasses: [H],
    startsAt: '2023-11-23T15:30:00+08:00',
    holders: [holding('H1', 'H', 200), holding('H2', 'H', 100)],
  });
  const both = resolutionProposed(R, [
    { meetingId: E, number: 1, majorityRule: S },
    { meetingId: H_CLASS.meetingId, number: 1, majorityRule: S },
  ]);
  const fromClass = resolutionWithdrawn(R, H_CLASS, REASON, SECRETARY);

  it('may still be decided at the other, but no overall outcome is determined', () => {
    givenResolution([both, fromClass, voteCast(R, EGM, 'A1', { for: 600 })], {
      [E]: afterPoll(EGM, tabled()),
      [H_CLASS.meetingId]: opened(H_CLASS, [resolutionTabled(H_CLASS, R, 1)]),
    })
      .when(cmd('CloseVoting', { resolutionId: R, meetingId: E }))
      .thenEvents([
        {
          type: 'ResolutionPassed',
          data: {
            resolutionId: R,
            meetingId: E,
            number: 1,
            majorityRule: S,
            tally: {
              votes: { for: 600, against: 0, abstain: 0 },
              shares: { for: 600, against: 0, abstain: 0 },
              voters: 1,
            },
            base: { kind: 'VOTES_CAST_AND_ABSTAINED', votes: 600 },
          },
        },
      ]);
  });

  it('is withdrawn from a class meeting whose poll has not opened while the EGM has decided', () => {
    givenResolution([both, decided(R, EGM, 1, S, true)], {
      [E]: afterPoll(EGM, tabled()),
      [H_CLASS.meetingId]: opened(H_CLASS, [resolutionTabled(H_CLASS, R, 1)]),
    })
      .when(withdraw(H_CLASS.meetingId))
      .thenEvents([resolutionWithdrawn(R, H_CLASS, REASON, SECRETARY)]);
  });
});

// ---- the results view -----------------------------------------------------------------------

describe('the results view', () => {
  const R2 = 'R2';
  const attendance = [
    resolutionTabled(EGM, R, 1),
    resolutionTabled(EGM, R2, 2),
    attended(EGM, 'A1'),
    attended(EGM, 'A2'),
  ];
  const record = [
    ...afterPoll(EGM, attendance),
    resolutionProposed(R, [{ meetingId: E, number: 1, majorityRule: S }]),
    resolutionProposed(R2, [{ meetingId: E, number: 2, majorityRule: S }]),
    resolutionWithdrawn(R2, EGM, REASON, SECRETARY),
    voteCast(R, EGM, 'A1', { for: 600 }),
    voteCast(R, EGM, 'A2', { against: 300 }),
    decided(R, EGM, 1, S, true),
    {
      type: 'ResolutionOutcomeDetermined' as const,
      data: { resolutionId: R, passed: true, meetings: [{ meetingId: E, passed: true }] },
    },
  ];

  it('shows a withdrawn resolution as withdrawn, neither passed nor failed, with no figures', () => {
    const view = resultsView(foldResults(record));
    const [first, second] = view.meetings[0].resolutions;
    expect(first).toMatchObject({ no: 1, passed: true, for: 600, against: 300 });
    expect('withdrawn' in first).toBe(false);
    expect(second).toMatchObject({
      no: 2,
      resolutionId: R2,
      withdrawn: true,
      passed: null,
      for: 0,
      against: 0,
      abstain: 0,
    });
  });

  it('gives it no overall outcome', () => {
    const view = resultsView(foldResults(record));
    expect(view.outcomes).toEqual([
      expect.objectContaining({ resolutionId: R, passed: true }),
      expect.objectContaining({ resolutionId: R2, passed: null, withdrawn: true }),
    ]);
    expect('withdrawn' in view.outcomes[0]).toBe(false);
  });

  it('leaves a rejected vote out of the figures (RejectVote → VoteRejected)', () => {
    const rejected = [
      ...afterPoll(EGM, attendance),
      resolutionProposed(R, [{ meetingId: E, number: 1, majorityRule: S }]),
      voteCast(R, EGM, 'A1', { for: 600 }),
      voteCast(R, EGM, 'A2', { against: 300 }),
      voteRejected(R, EGM, 'A1', { for: 600 }),
    ];
    const [r1] = resultsView(foldResults(rejected)).meetings[0].resolutions;
    expect(r1).toMatchObject({ for: 0, against: 300, abstain: 0, forPct: '0.0000', againstPct: '100.0000' });
  });
});

describe('weighted voting rights: results in votes and in shares (item 7.3)', () => {
  // Class B carries 10 votes a share: A1 holds 600 A (600 votes), B1 holds 50 B (500 votes).
  const WVR: MeetingSpec = spec({
    meetingId: 'egm-wvr',
    shareClasses: [A, { code: 'B', issuedShares: 100_000, votesPerShare: 10 }],
    holders: [holding('A1', 'A', 600), holding('B1', 'B', 50)],
  });
  const record = [
    ...afterPoll(WVR, [resolutionTabled(WVR, R, 1), attended(WVR, 'A1'), attended(WVR, 'B1')]),
    resolutionProposed(R, [{ meetingId: WVR.meetingId, number: 1, majorityRule: S }]),
    voteCast(R, WVR, 'A1', { against: 600 }),
    voteCast(R, WVR, 'B1', { for: 45, abstain: 5 }),
  ];

  it('given the votes of a weighted class, the view reports votes, shares beside them, and both entitlements', () => {
    const [meeting] = resultsView(foldResults(record)).meetings;
    expect(meeting).toMatchObject({
      sharesEntitledToVote: 650,
      votesEntitledToVote: 1100,
      attendingShares: 650,
      attendingVotes: 1100,
    });
    expect(meeting.resolutions[0]).toMatchObject({
      for: 450,
      against: 600,
      abstain: 50,
      // Percentages are of votes: 450 / 1,100.
      forPct: '40.9091',
      shares: { for: 45, against: 600, abstain: 5 },
    });
  });

  it('without a weighted class, no separate share figures', () => {
    const [meeting] = resultsView(
      foldResults([...afterPoll(EGM, tabled()), proposed, voteCast(R, EGM, 'A1', { for: 600 })]),
    ).meetings;
    expect('shares' in meeting.resolutions[0]).toBe(false);
    expect('votesEntitledToVote' in meeting).toBe(false);
  });
});

import { ResolutionEvent } from '../../src/domain/resolution/events';
import { MajorityRule } from '../../src/domain/rules/majority-rule';
import { foldResults, resultsView } from '../../src/projections/results/view';
import {
  A,
  afterPoll,
  attended,
  B,
  holding,
  inPoll,
  MeetingSpec,
  noticed,
  resolutionProposed,
  resolutionTabled,
  ruleSet,
  spec,
} from './factories';
import { cmd, givenResolution } from './spec';

/**
 * Votes per share by resolution (HKEX Listing Rule 8A.24): a class of weighted voting rights shares
 * (B, 10 votes a share) carries one vote a share on a reserved matter, declared when the resolution
 * is proposed. Tallies, bases and attendance in votes follow the resolution's weights.
 */
const WVR: MeetingSpec = spec({
  meetingId: 'wvr-agm',
  ruleSetId: 'HK-CAP622',
  shareClasses: [A, B],
  holders: [holding('A1', 'A', 600), holding('A2', 'A', 300), holding('B1', 'B', 50)],
});
const R = 'R-articles';
const M = WVR.meetingId;
const SPECIAL: MajorityRule = ruleSet('HK-CAP622').majorities.SPECIAL;
const ONE_VOTE_FOR_B = [{ shareClass: 'B', votesPerShare: 1 }];

const attendance = [attended(WVR, 'A1'), attended(WVR, 'A2'), attended(WVR, 'B1')];
const tabled = [resolutionTabled(WVR, R, 1)];
const reserved = (weights = ONE_VOTE_FOR_B) =>
  resolutionProposed(R, [{ meetingId: M, number: 1, majorityRule: SPECIAL }], [], 'SPECIAL', weights);

/** A vote cast on the reserved matter, as recorded: B's 50 shares carry 50 votes. */
const cast = (
  holderId: string,
  shareClass: string,
  split: { for?: number; against?: number },
  weight: number,
) => {
  const shares = { for: split.for ?? 0, against: split.against ?? 0, abstain: 0 };
  return {
    type: 'VoteCast' as const,
    data: {
      resolutionId: R,
      meetingId: M,
      holderId,
      shareClass,
      castBy: 'IN_PERSON' as const,
      instructed: shares,
      shares,
      votes: { for: shares.for * weight, against: shares.against * weight, abstain: 0 },
    },
  };
};

describe('ProposeResolution with votes per share of its own', () => {
  it('records the weights with the proposal', () => {
    givenResolution([], { [M]: [...noticed(WVR), ...tabled] })
      .when(
        cmd('ProposeResolution', {
          resolutionId: R,
          title: 'To adopt the amended articles of association',
          kind: 'SPECIAL',
          meetings: [{ meetingId: M, number: 1 }],
          votesPerShare: ONE_VOTE_FOR_B,
        }),
      )
      .thenEvents([
        {
          type: 'ResolutionProposed',
          data: {
            resolutionId: R,
            title: 'To adopt the amended articles of association',
            kind: 'SPECIAL',
            meetings: [{ meetingId: M, number: 1, label: '1', majorityRule: SPECIAL }],
            requiredToAbstain: [],
            votesPerShare: ONE_VOTE_FOR_B,
          },
        },
      ]);
  });

  it('refuses a weight for a class none of its meetings has, naming it', () => {
    givenResolution([], { [M]: [...noticed(WVR), ...tabled] })
      .when(
        cmd('ProposeResolution', {
          resolutionId: R,
          title: 'To adopt the amended articles of association',
          kind: 'SPECIAL',
          meetings: [{ meetingId: M, number: 1 }],
          votesPerShare: [{ shareClass: 'Z', votesPerShare: 1 }],
        }),
      )
      .thenRefused('UnknownShareClass', 'payload.votesPerShare[0].shareClass');
  });

  it('refuses a class weighted twice', () => {
    givenResolution([], { [M]: [...noticed(WVR), ...tabled] })
      .when(
        cmd('ProposeResolution', {
          resolutionId: R,
          title: 'To adopt the amended articles of association',
          kind: 'SPECIAL',
          meetings: [{ meetingId: M, number: 1 }],
          votesPerShare: [...ONE_VOTE_FOR_B, { shareClass: 'B', votesPerShare: 2 }],
        }),
      )
      .thenRefused('DuplicateShareClass', 'payload.votesPerShare');
  });
});

describe('CastVote on a reserved matter', () => {
  const poll = inPoll(WVR, [...tabled, ...attendance]);

  it('counts a WVR share as one vote', () => {
    givenResolution([reserved()], { [M]: poll })
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: M, holderId: 'B1', for: 50, against: 0, abstain: 0 }),
      )
      .thenEvents([cast('B1', 'B', { for: 50 }, 1)]);
  });

  it('counts it as ten on a resolution that declares no weights', () => {
    givenResolution([reserved([])], { [M]: poll })
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: M, holderId: 'B1', for: 50, against: 0, abstain: 0 }),
      )
      .thenEvents([cast('B1', 'B', { for: 50 }, 10)]);
  });
});

describe('CloseVoting on a reserved matter', () => {
  const closed = afterPoll(WVR, [...tabled, ...attendance]);
  // A1 and A2 (900 votes) against, B1 for: with ten votes a share B1's 500 would fall short of 75% of
  // 1,400; with one, 50 of 950 fails as well; the base in votes must be B's shares at one vote.
  const votes: ResolutionEvent[] = [cast('A1', 'A', { against: 600 }, 1), cast('A2', 'A', { for: 300 }, 1)];

  it('measures the base in the resolution’s votes: present and entitled counts B at one vote a share', () => {
    const presentRule: MajorityRule = { ...SPECIAL, base: 'PRESENT_AND_ENTITLED' };
    const history = [
      resolutionProposed(
        R,
        [{ meetingId: M, number: 1, majorityRule: presentRule }],
        [],
        'SPECIAL',
        ONE_VOTE_FOR_B,
      ),
      ...votes,
      cast('B1', 'B', { for: 50 }, 1),
    ];
    const [decision] = givenResolution(history, { [M]: closed })
      .when(cmd('CloseVoting', { resolutionId: R, meetingId: M }))
      .events();
    expect(decision.type).toBe('ResolutionFailed');
    // 600 + 300 + 50 × 1, not 50 × 10.
    expect((decision.data as { base: unknown }).base).toEqual({ kind: 'PRESENT_AND_ENTITLED', votes: 950 });
  });

  it('and the results view states the weights, the votes entitled and attending on that resolution', () => {
    const events = [...closed, reserved(), ...votes, cast('B1', 'B', { for: 50 }, 1)];
    const view = resultsView(foldResults(events)).meetings[0];
    const r = view.resolutions[0];
    expect(r.weights).toEqual({
      votesPerShare: { A: 1, B: 1 },
      votesEntitledToVote: 950,
      attendingVotes: 950,
    });
    expect([r.for, r.against]).toEqual([350, 600]);
    // The meeting's own figures keep B's ten votes a share.
    expect(view.votesEntitledToVote).toBe(1_400);
    expect(r.classes!.find((c) => c.shareClass === 'B')).toMatchObject({
      for: 50,
      shares: { for: 50, against: 0, abstain: 0 },
    });
  });
});

import { MajorityRule } from '../../src/domain/rules/majority-rule';
import { ResolutionEvent } from '../../src/domain/resolution/events';
import { foldResults, resultsView } from '../../src/projections/results/view';
import {
  afterPoll,
  attended,
  Ballot,
  EGM,
  holding,
  inPoll,
  MeetingSpec,
  proxyLodged,
  resolutionProposed,
  resolutionTabled,
  ruleSet,
  SCRUTINEER,
  spec,
  voteCast,
  voteRejected,
} from './factories';
import { cmd, givenResolution } from './spec';

/**
 * Broker non-votes (DE-DGCL: REPORTED_NOT_COUNTED): shares a broker returns without instructions on a
 * non-routine matter. They are recorded with the vote and reported, but they are not FOR, AGAINST or
 * ABSTAIN, and they stay out of the present-and-entitled base (the broker is not entitled to vote
 * them on the matter). OUTSTANDING is the register's figure and keeps them, as it keeps absent shares.
 */

const R = 'R1';
const COM = { code: 'COM', issuedShares: 10_000, votesPerShare: 1 };
// The factories appoint SCRUTINEER to every meeting; at a Delaware meeting, the inspector of elections.
const INSPECTOR = SCRUTINEER;
const DE: MeetingSpec = spec({
  meetingId: 'de-agm',
  kind: 'AGM',
  shareClasses: [COM],
  startsAt: '2024-06-20T10:00:00-04:00',
  ruleSetId: 'DE-DGCL',
  holders: [
    holding('H1', 'COM', 4000),
    holding('H2', 'COM', 3000),
    holding('H3', 'COM', 2000),
    holding('H4', 'COM', 1000),
  ],
});
const M = DE.meetingId;
const DGCL = ruleSet('DE-DGCL').majorities;

// H1 (4,000) in person; H2 (3,000, Cede & Co.) by its broker's proxy; 7,000 present of 10,000.
const attendance = [
  resolutionTabled(DE, R, 1, 'ORDINARY'),
  attended(DE, 'H1'),
  proxyLodged(DE, 'P1', 'H2', 3000, { lodgedAt: '2024-06-19T23:59:00-04:00' }),
  attended(DE, 'H2', 'PROXY', { proxyId: 'P1', shares: 3000 }),
];
const polling = inPoll(DE, attendance);
const closed = afterPoll(DE, attendance);
const proposed = (majorityRule: MajorityRule = DGCL.ORDINARY) =>
  resolutionProposed(R, [{ meetingId: M, number: 1, majorityRule }], [], 'ORDINARY');

const vote = (holderId: string, b: Ballot) =>
  cmd('CastVote', {
    resolutionId: R,
    meetingId: M,
    holderId,
    for: b.for ?? 0,
    against: b.against ?? 0,
    abstain: b.abstain ?? 0,
    ...(b.brokerNonVote !== undefined ? { brokerNonVote: b.brokerNonVote } : {}),
  });

// 2,000 FOR, 1,000 AGAINST, 1,000 ABSTAIN in person; the broker: 1,000 FOR and 2,000 uninstructed.
const H1_VOTE = voteCast(R, DE, 'H1', { for: 2000, against: 1000, abstain: 1000 });
const BROKER: Ballot = { for: 1000, brokerNonVote: 2000 };
const BROKER_VOTE = voteCast(R, DE, 'H2', BROKER, { proxyId: 'P1' });

describe('CastVote with broker non-votes', () => {
  it('DE-DGCL: records them beside the counted split, instructed and counted', () => {
    givenResolution([proposed()], { [M]: polling })
      .when(vote('H2', BROKER))
      .thenEvents([BROKER_VOTE]);
    expect(BROKER_VOTE.data).toMatchObject({
      shares: { for: 1000, against: 0, abstain: 0 },
      brokerNonVotes: { instructed: 2000, shares: 2000, votes: 2000 },
    });
  });

  it('a ballot of broker non-votes only is a ballot', () => {
    const [cast] = givenResolution([proposed()], { [M]: polling })
      .when(vote('H2', { brokerNonVote: 3000 }))
      .events();
    expect(cast.data).toMatchObject({
      shares: { for: 0, against: 0, abstain: 0 },
      brokerNonVotes: { shares: 3000 },
    });
  });

  it('refuses non-votes and votes together beyond the shares represented (DE-DGCL rejects over-votes)', () => {
    givenResolution([proposed()], { [M]: polling })
      .when(vote('H2', { for: 1001, brokerNonVote: 2000 }))
      .thenRefused('OverVote', 'payload.for');
  });

  it('PRC-HKEX-H does not recognise them: refused on payload.brokerNonVote', () => {
    const prc = inPoll(EGM, [resolutionTabled(EGM, R, 1), attended(EGM, 'A1')]);
    const proposal = resolutionProposed(R, [
      { meetingId: EGM.meetingId, number: 1, majorityRule: ruleSet('PRC-HKEX-H').majorities.SPECIAL },
    ]);
    const error = givenResolution([proposal], { [EGM.meetingId]: prc })
      .when(
        cmd('CastVote', {
          resolutionId: R,
          meetingId: EGM.meetingId,
          holderId: 'A1',
          for: 100,
          against: 0,
          abstain: 0,
          brokerNonVote: 1,
        }),
      )
      .thenRefused('BrokerNonVotesNotRecognised', 'payload.brokerNonVote');
    expect(error.message).toMatch(/PRC-HKEX-H/);
  });

  it('a rejection takes the non-votes out with the vote', () => {
    givenResolution([proposed(), BROKER_VOTE], { [M]: polling })
      .when(
        cmd(
          'RejectVote',
          { resolutionId: R, meetingId: M, holderId: 'H2', reason: 'Not signed' },
          { actor: INSPECTOR },
        ),
      )
      .thenEvents([
        {
          type: 'VoteRejected',
          data: {
            resolutionId: R,
            meetingId: M,
            holderId: 'H2',
            reason: 'Not signed',
            rejectedBy: INSPECTOR,
            shares: { for: 1000, against: 0, abstain: 0 },
            votes: { for: 1000, against: 0, abstain: 0 },
            brokerNonVotes: { shares: 2000, votes: 2000 },
          },
        },
      ]);
  });
});

describe('CloseVoting: broker non-votes in no base', () => {
  const close = (history: ResolutionEvent[]) =>
    givenResolution(history, { [M]: closed }).when(cmd('CloseVoting', { resolutionId: R, meetingId: M }));
  const tally = { for: 3000, against: 1000, abstain: 1000 };

  it('DE-DGCL ordinary: 3,000 FOR of 5,000 present and entitled (7,000 present less 2,000 non-votes) passes', () => {
    const [decision] = close([proposed(), H1_VOTE, BROKER_VOTE]).events();
    expect(decision).toMatchObject({
      type: 'ResolutionPassed',
      data: { tally: { votes: tally, voters: 2 }, base: { kind: 'PRESENT_AND_ENTITLED', votes: 5000 } },
    });
  });

  it('counted against, as abstentions are, they would have failed it: 3,000 of 7,000', () => {
    const abstaining = voteCast(R, DE, 'H2', { for: 1000, abstain: 2000 }, { proxyId: 'P1' });
    const [decision] = close([proposed(), H1_VOTE, abstaining]).events();
    expect(decision).toMatchObject({ type: 'ResolutionFailed', data: { base: { votes: 7000 } } });
  });

  it('once the broker’s vote is rejected, its non-votes return to the base with its shares present', () => {
    const rejected = voteRejected(R, DE, 'H2', BROKER);
    const [decision] = close([proposed(), H1_VOTE, BROKER_VOTE, rejected]).events();
    expect(decision).toMatchObject({
      type: 'ResolutionFailed',
      data: { tally: { votes: { for: 2000, against: 1000, abstain: 1000 } }, base: { votes: 7000 } },
    });
  });

  it('VOTES_CAST: FOR + AGAINST only (4,000)', () => {
    const cast: MajorityRule = { ...DGCL.ORDINARY, base: 'VOTES_CAST' };
    const [decision] = close([proposed(cast), H1_VOTE, BROKER_VOTE]).events();
    expect(decision).toMatchObject({ data: { base: { kind: 'VOTES_CAST', votes: 4000 } } });
  });

  it('DE-DGCL special (§242, OUTSTANDING): the register’s 10,000, uninstructed shares as absent ones', () => {
    const [decision] = close([proposed(DGCL.SPECIAL), H1_VOTE, BROKER_VOTE]).events();
    expect(decision).toMatchObject({
      type: 'ResolutionFailed',
      data: { base: { kind: 'OUTSTANDING', votes: 10_000 } },
    });
  });
});

describe('the results view reports broker non-votes outside the percentages', () => {
  it('2,000 non-votes beside 3,000 / 1,000 / 1,000; percentages of FOR + AGAINST + ABSTAIN', () => {
    const view = resultsView(foldResults([...closed, proposed(), H1_VOTE, BROKER_VOTE]));
    expect(view.meetings[0].resolutions[0]).toMatchObject({
      for: 3000,
      against: 1000,
      abstain: 1000,
      forPct: '60.0000',
      brokerNonVotes: 2000,
      passed: null,
    });
  });

  it('a rejected vote takes its non-votes out of the report', () => {
    const view = resultsView(
      foldResults([...closed, proposed(), H1_VOTE, BROKER_VOTE, voteRejected(R, DE, 'H2', BROKER)]),
    );
    expect(view.meetings[0].resolutions[0]).toMatchObject({ for: 2000, brokerNonVotes: 0 });
  });

  it('no broker non-votes: no field', () => {
    const view = resultsView(foldResults([...closed, proposed(), H1_VOTE]));
    expect('brokerNonVotes' in view.meetings[0].resolutions[0]).toBe(false);
  });
});

import { isRight } from 'fp-ts/Either';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { RuleSet } from '../../src/domain/rules/rule-set';
import {
  attended,
  EGM,
  inPoll,
  noticed,
  opened,
  registered,
  resolutionProposed,
  ruleSet,
  spec,
  tableCommand,
} from './factories';
import { meetingPostponed, proposalSubmitted, supplementaryNoticed } from './adjournment-factories';
import { cmd, givenMeeting, givenResolution } from './spec';

/**
 * Holders' provisional proposals (PRC Company Law 2023 art. 115: 1 % or more, 10 days before the
 * meeting, a supplementary notice within 2 days): the threshold is exact over the issued shares of the
 * meeting's classes (A 1,000,000 + H 500,000 = 1,500,000 here, so 1 % is 15,000), the days are
 * counted by the rule set, the notice is recorded late rather than refused, and no vote is taken on
 * the resolution that puts the proposal until the notice is issued.
 */
const PRC = spec({ ruleSetId: 'PRC-CL' });
const E = EGM.meetingId;
const ISSUED = 1_500_000;
const SECRETARY = { actor: 'company-secretary:test', issuedAt: '2023-11-13T17:00:00+08:00' };
const TOGETHER = [
  { holderId: 'A1', shareClass: 'A', shares: 10_000 },
  { holderId: 'H1', shareClass: 'H', shares: 5_000 },
];

const submit = (overrides: Record<string, unknown> = {}) =>
  cmd(
    'SubmitShareholderProposal',
    {
      meetingId: E,
      proposalId: 'SP1',
      submittedOn: '2023-11-13',
      title: 'To approve the increase in the annual cash dividend',
      kind: 'ORDINARY',
      proposers: TOGETHER,
      ...overrides,
    },
    SECRETARY,
  );
const submitted = proposalSubmitted(PRC, 'SP1', TOGETHER, '2023-11-13', '2023-11-15', ISSUED);

describe('SubmitShareholderProposal', () => {
  it('accepts holders of 1 % together, 10 days before the meeting; the notice is due 2 days after receipt', () => {
    givenMeeting(noticed(PRC)).when(submit()).thenEvents([submitted]);
  });

  it('refuses proposers one share short of 1 %', () => {
    const short = [TOGETHER[0], { ...TOGETHER[1], shares: 4_999 }];
    givenMeeting(noticed(PRC))
      .when(submit({ proposers: short }))
      .thenRefused('ProposersBelowThreshold', 'payload.proposers');
  });

  it('refuses a proposal 9 days before the meeting', () => {
    givenMeeting(noticed(PRC))
      .when(submit({ submittedOn: '2023-11-14' }))
      .thenRefused('ProposalTooLate', 'payload.submittedOn');
  });

  it('counts the days to the date the meeting was postponed to', () => {
    const postponed = [
      ...noticed(PRC),
      meetingPostponed(PRC, '2023-11-30T14:00:00+08:00', '2023-11-29T14:00:00+08:00'),
    ];
    const events = givenMeeting(postponed)
      .when(submit({ submittedOn: '2023-11-20' }))
      .events();
    expect(events[0].data).toMatchObject({
      submittedOn: '2023-11-20',
      supplementaryNoticeDueBy: '2023-11-22',
    });
  });

  it('takes the threshold from the rule set: 3 % under the 2018 text (PRC-HKEX-H)', () => {
    const hkex = spec({ ruleSetId: 'PRC-HKEX-H' });
    givenMeeting(noticed(hkex)).when(submit()).thenRefused('ProposersBelowThreshold');
    const enough = [{ holderId: 'A1', shareClass: 'A', shares: 45_000 }];
    const events = givenMeeting(noticed(hkex))
      .when(submit({ proposers: enough }))
      .events();
    expect(events[0].data).toMatchObject({ sharesHeld: 45_000, sharesIssued: ISSUED });
  });

  it('is refused under a rule set without provisional proposals (HK: members’ resolutions are another regime)', () => {
    givenMeeting(noticed(spec({ ruleSetId: 'HK-CAP622' })))
      .when(submit())
      .thenRefused('ShareholderProposalsNotProvided');
  });

  it.each([
    [
      'a holder named twice',
      { proposers: [TOGETHER[0], TOGETHER[0]] },
      'DuplicateProposer',
      'payload.proposers[1].holderId',
    ],
    [
      'a class not at the meeting',
      { proposers: [{ holderId: 'B1', shareClass: 'B', shares: 20_000 }] },
      'ShareClassNotAtMeeting',
      'payload.proposers[0].shareClass',
    ],
    [
      'more shares than the class has issued',
      { proposers: [{ holderId: 'H1', shareClass: 'H', shares: 500_001 }] },
      'ProposerExceedsIssuedShares',
      'payload.proposers[0].shares',
    ],
  ])('refuses %s', (_what, overrides, rule, field) => {
    givenMeeting(noticed(PRC)).when(submit(overrides)).thenRefused(rule, field);
  });

  it('refuses the same proposal twice, and any once the meeting has opened', () => {
    givenMeeting([...noticed(PRC), submitted])
      .when(submit())
      .thenRefused('DuplicateProposal', 'payload.proposalId');
    givenMeeting(opened(PRC)).when(submit()).thenRefused('MeetingAlreadyOpened');
  });
});

describe('IssueSupplementaryNotice', () => {
  const notice = (issuedOn: string, proposalId = 'SP1') =>
    cmd('IssueSupplementaryNotice', { meetingId: E, proposalId, issuedOn }, SECRETARY);
  const history = [...noticed(PRC), submitted];

  it('records the notice within 2 days of receipt as on time', () => {
    givenMeeting(history)
      .when(notice('2023-11-15'))
      .thenEvents([supplementaryNoticed(PRC, 'SP1', '2023-11-15')]);
  });

  it('records a notice later than that, marked late', () => {
    givenMeeting(history)
      .when(notice('2023-11-16'))
      .thenEvents([supplementaryNoticed(PRC, 'SP1', '2023-11-16', true)]);
  });

  it.each([
    ['an unknown proposal', history, '2023-11-14', 'SP9', 'UnknownProposal'],
    ['a notice before the proposal was received', history, '2023-11-12', 'SP1', 'NoticeBeforeProposal'],
    ['a notice on the meeting day', history, '2023-11-23', 'SP1', 'SupplementaryNoticeAfterMeeting'],
    [
      'a second notice',
      [...history, supplementaryNoticed(PRC, 'SP1', '2023-11-14')],
      '2023-11-15',
      'SP1',
      'NoticeAlreadyIssued',
    ],
  ])('refuses %s', (_what, given, issuedOn, proposalId, rule) => {
    givenMeeting(given as MeetingEvent[])
      .when(notice(issuedOn, proposalId))
      .thenRefused(rule);
  });
});

describe('a proposal on the agenda', () => {
  const history = [...registered(PRC), submitted];
  const table = (overrides: Record<string, unknown> = {}) =>
    tableCommand({
      meetingId: E,
      resolutionId: 'R9',
      number: 9,
      kind: 'ORDINARY',
      proposalId: 'SP1',
      ...overrides,
    } as never);

  it('is tabled as a resolution that names it', () => {
    givenMeeting(history)
      .when(table())
      .thenEvents([
        {
          type: 'ResolutionTabled',
          data: {
            meetingId: E,
            resolutionId: 'R9',
            number: 9,
            label: '9',
            title: 'Resolution R9',
            kind: 'ORDINARY',
            proposalId: 'SP1',
          },
        },
      ]);
  });

  it.each([
    ['for an unknown proposal', { proposalId: 'SP9' }, [], 'UnknownProposal'],
    ['of another kind than submitted', { kind: 'SPECIAL' }, [], 'ProposalKindMismatch'],
    [
      'a second time, as another resolution',
      { resolutionId: 'R10', number: 10 },
      [
        {
          type: 'ResolutionTabled',
          data: {
            meetingId: E,
            resolutionId: 'R9',
            number: 9,
            label: '9',
            title: 'R9',
            kind: 'ORDINARY',
            proposalId: 'SP1',
          },
        },
      ],
      'ProposalAlreadyTabled',
    ],
  ])('is refused %s', (_what, overrides, more, rule) => {
    givenMeeting([...history, ...(more as MeetingEvent[])])
      .when(table(overrides))
      .thenRefused(rule);
  });

  describe('votes on it', () => {
    const O = ruleSet('PRC-CL').majorities.ORDINARY;
    const tabled: MeetingEvent = {
      type: 'ResolutionTabled',
      data: {
        meetingId: E,
        resolutionId: 'R9',
        number: 9,
        label: '9',
        title: 'R9',
        kind: 'ORDINARY',
        proposalId: 'SP1',
      },
    };
    const proposed = resolutionProposed('R9', [{ meetingId: E, number: 9, majorityRule: O }], [], 'ORDINARY');
    const vote = cmd('CastVote', {
      resolutionId: 'R9',
      meetingId: E,
      holderId: 'A2',
      for: 300,
      against: 0,
      abstain: 0,
    });
    const poll = (notices: MeetingEvent[]) =>
      inPoll(PRC, [submitted, ...notices, tabled, attended(PRC, 'A2')]);

    it('wait for the supplementary notice', () => {
      givenResolution([proposed], { [E]: poll([]) })
        .when(vote)
        .thenRefused('SupplementaryNoticeNotIssued', 'payload.resolutionId');
    });

    it('are taken once it is issued', () => {
      const events = givenResolution([proposed], {
        [E]: poll([supplementaryNoticed(PRC, 'SP1', '2023-11-14')]),
      })
        .when(vote)
        .events();
      expect(events.map((e) => e.type)).toEqual(['VoteCast']);
    });
  });
});

describe('the shareholderProposals section of a rule set', () => {
  const base = ruleSet('PRC-CL');
  const decode = (shareholderProposals: unknown) => RuleSet.decode({ ...base, shareholderProposals });
  const valid = {
    minFraction: { numerator: 1, denominator: 100 },
    minDaysBeforeMeeting: 10,
    counting: 'DAYS_BEFORE',
    supplementaryNoticeWithinDays: 2,
  };

  it.each([
    ['as shipped', true, valid],
    ['a fraction above one', false, { ...valid, minFraction: { numerator: 101, denominator: 100 } }],
    ['an unknown day counting', false, { ...valid, counting: 'WORKING_DAYS' }],
    ['a missing field', false, { ...valid, supplementaryNoticeWithinDays: undefined }],
    ['a misspelt field', false, { ...valid, minDays: 10 }],
  ])('%s decodes: %s', (_what, ok, section) => {
    expect(isRight(decode(JSON.parse(JSON.stringify(section))))).toBe(ok);
  });

  it('is carried by the PRC rule sets only', () => {
    expect(ruleSet('PRC-CL').shareholderProposals?.minFraction).toEqual({ numerator: 1, denominator: 100 });
    expect(ruleSet('PRC-HKEX-H').shareholderProposals?.minFraction).toEqual({
      numerator: 3,
      denominator: 100,
    });
    for (const id of ['HK-CAP622', 'UK-CA2006', 'DE-DGCL'])
      expect(ruleSet(id).shareholderProposals).toBeUndefined();
    expect(RuleSet.is(base)).toBe(true);
  });
});

import { isRight } from 'fp-ts/Either';
import { RuleSet } from '../../src/domain/rules/rule-set';
import { MeetingEvent } from '../../src/domain/meeting/events';
import {
  attended,
  EGM,
  inPerson,
  inPoll,
  noticed,
  opened,
  proxyLodged,
  registered,
  resolutionProposed,
  resolutionTabled,
  ruleSet,
  spec,
  voteCast,
  withRecordDate,
} from './factories';
import {
  meetingAdjourned,
  meetingPostponed,
  meetingResumed,
  resumptionNoticed,
} from './adjournment-factories';
import { cmd, givenMeeting, givenResolution, meetingStateOf } from './spec';
import { summarise } from '../../src/projections/audit/summary';

/**
 * Postponement (before the meeting opens) and adjournment (after, or for want of a quorum at its
 * time): proxies stay valid and a new deadline runs from the new time; the rule set says whether a
 * resumption needs a notice and how long; the quorum is checked again on resumption; votes cast
 * before an adjournment stand and the poll continues.
 */
const E = EGM.meetingId;
const UK = spec({ ruleSetId: 'UK-CA2006' });
const HK = spec({ ruleSetId: 'HK-CAP622' });
const DE = spec({ ruleSetId: 'DE-DGCL', kind: 'AGM' });
const SECRETARY = { actor: 'company-secretary:test', issuedAt: '2023-11-20T09:00:00+08:00' };
const CHAIR = (issuedAt: string) => ({ actor: 'chair:test', issuedAt });

describe('PostponeMeeting', () => {
  const postpone = (startsAt: string, extra = SECRETARY) =>
    cmd('PostponeMeeting', { meetingId: E, startsAt, reason: 'Typhoon signal No. 8' }, extra);

  it('moves a meeting not yet opened to a later time; notice, record date and proxies stand', () => {
    givenMeeting(registered())
      .when(postpone('2023-11-30T14:00:00+08:00'))
      .thenEvents([meetingPostponed(EGM, '2023-11-30T14:00:00+08:00', '2023-11-29T14:00:00+08:00')]);
  });

  it.each([
    ['an opened meeting', opened(), SECRETARY, 'MeetingAlreadyOpened', 'payload.meetingId'],
    [
      'a meeting whose time has come',
      registered(),
      { ...SECRETARY, issuedAt: '2023-11-23T14:00:00+08:00' },
      'MeetingTimeReached',
      'issuedAt',
    ],
  ])('refuses to postpone %s', (_what, history, extra, rule, field) => {
    givenMeeting(history).when(postpone('2023-11-30T14:00:00+08:00', extra)).thenRefused(rule, field);
  });

  it('refuses to bring a meeting forward', () => {
    givenMeeting(registered())
      .when(postpone('2023-11-22T14:00:00+08:00'))
      .thenRefused('NotAPostponement', 'payload.startsAt');
  });

  it('refuses a postponement that would leave the record date outside the window (DGCL §213: 60 days)', () => {
    const de = spec({ ruleSetId: 'DE-DGCL', kind: 'AGM' });
    const history = [
      ...withRecordDate(de).slice(0, 2),
      { type: 'RecordDateFixed', data: { meetingId: E, recordDate: '2023-11-01' } } as MeetingEvent,
    ];
    givenMeeting(history)
      .when(postpone('2024-01-05T14:00:00+08:00', { ...SECRETARY, issuedAt: '2023-11-10T09:00:00+08:00' }))
      .thenRefused('RecordDateOutsideWindow', 'payload.startsAt');
  });

  it('keeps the notice when the rule set still admits it for the new date, and drops it when not (DGCL: at most 60 days)', () => {
    // Noticed on 2023-11-06 for the 23rd (17 days before): postponed to 2024-01-04 it would be 59, to the 6th 61.
    const at = { ...SECRETARY, issuedAt: '2023-11-10T09:00:00+08:00' };
    const history = noticed(DE);
    const within = givenMeeting(history).when(postpone('2024-01-04T14:00:00+08:00', at)).events();
    expect(within[0].data).toMatchObject({ noticeStands: true, proxyDeadline: '2024-01-04T14:00:00+08:00' });
    const beyond = givenMeeting(history).when(postpone('2024-01-06T14:00:00+08:00', at)).events();
    expect(beyond[0].data).toMatchObject({ noticeStands: false });
    // Without a notice standing, a new one is needed for the new date, counted to it.
    const after = [...history, ...beyond] as MeetingEvent[];
    givenMeeting(after)
      .when(cmd('IssueNotice', { meetingId: E, issuedOn: '2023-12-01' }, at))
      .thenEvents([{ type: 'NoticeIssued', data: { meetingId: E, issuedOn: '2023-12-01', clearDays: 35 } }]);
  });

  it('lets proxies be lodged until the deadline before the new time, and not after', () => {
    const history = [
      ...registered(),
      meetingPostponed(EGM, '2023-11-30T14:00:00+08:00', '2023-11-29T14:00:00+08:00'),
    ];
    const lodge = (lodgedAt: string) =>
      cmd('LodgeProxy', { meetingId: E, proxyId: 'P9', holderId: 'A2', proxyName: 'The chairman', lodgedAt });
    // After the first deadline (2023-11-22 14:00), within the new one.
    givenMeeting(history)
      .when(lodge('2023-11-25T10:00:00+08:00'))
      .thenEvents([
        {
          type: 'ProxyLodged',
          data: {
            meetingId: E,
            proxyId: 'P9',
            holderId: 'A2',
            proxyName: 'The chairman',
            lodgedAt: '2023-11-25T10:00:00+08:00',
            shares: 300,
          },
        },
      ]);
    givenMeeting(history)
      .when(lodge('2023-11-29T14:00:01+08:00'))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
  });
});

describe('AdjournMeeting', () => {
  const adjourn = (resumesAt: string, issuedAt = '2023-11-23T15:10:00+08:00', cause = 'BY_RESOLUTION') =>
    cmd(
      'AdjournMeeting',
      {
        meetingId: E,
        cause,
        reason: 'The meeting resolved to adjourn to consider the revised circular',
        resumesAt,
      },
      CHAIR(issuedAt),
    );

  it('adjourns an open meeting; the proxy deadline runs from the resumption', () => {
    givenMeeting(opened(UK))
      .when(adjourn('2023-12-07T14:00:00+08:00'))
      .thenEvents([meetingAdjourned(UK, '2023-12-07T14:00:00+08:00', '2023-12-05T14:00:00+08:00')]);
  });

  it.each([
    // UK model articles: notice only when resumed more than 14 days later.
    ['UK-CA2006', '2023-12-07T14:00:00+08:00', false],
    ['UK-CA2006', '2023-12-08T14:00:00+08:00', true],
    // Table A reg. 57 (HK): adjourned for 30 days or more.
    ['HK-CAP622', '2023-12-22T14:00:00+08:00', false],
    ['HK-CAP622', '2023-12-23T14:00:00+08:00', true],
    // DGCL §222(c): more than 30 days.
    ['DE-DGCL', '2023-12-23T14:00:00+08:00', false],
    ['DE-DGCL', '2023-12-24T14:00:00+08:00', true],
    // CSRC: a resumption on a later day is announced; the same day it is not.
    ['PRC-HKEX-H', '2023-11-23T17:00:00+08:00', false],
    ['PRC-HKEX-H', '2023-11-24T10:00:00+08:00', true],
  ])('under %s, resuming at %s needs notice: %s', (ruleSetId, resumesAt, required) => {
    const s = spec({ ruleSetId });
    const events = givenMeeting(opened(s, inPerson(s, 'A1', 'A2')))
      .when(adjourn(resumesAt))
      .events();
    expect(events[0].data).toMatchObject({ noticeRequired: required });
  });

  it('without an adjournment section, a rule set requires no notice of the resumption', () => {
    const { adjournment: _none, ...rules } = ruleSet('UK-CA2006');
    const s = spec({ ruleSetId: 'X-NO-ADJ', rules: { ...rules, id: 'X-NO-ADJ' } as RuleSet });
    const events = givenMeeting(opened(s)).when(adjourn('2024-06-01T14:00:00+08:00')).events();
    expect(events[0].data).toMatchObject({ noticeRequired: false });
  });

  it('adjourns a meeting without a quorum at its time (HK: two holders), which never opened', () => {
    const history = [...registered(HK), attended(HK, 'A1')];
    givenMeeting(history)
      .when(adjourn('2023-11-30T14:00:00+08:00', '2023-11-23T14:30:00+08:00', 'QUORUM_NOT_PRESENT'))
      .thenEvents([
        meetingAdjourned(HK, '2023-11-30T14:00:00+08:00', '2023-11-28T14:00:00+08:00', {
          at: '2023-11-23T14:30:00+08:00',
          cause: 'QUORUM_NOT_PRESENT',
          found: { holdersPresent: 1, sharesPresent: 600, votesPresent: 600 },
        }),
      ]);
    const [adjourned] = givenMeeting(history)
      .when(adjourn('2023-11-30T14:00:00+08:00', '2023-11-23T14:30:00+08:00', 'QUORUM_NOT_PRESENT'))
      .events();
    expect(summarise(adjourned)).toContain('(no quorum: 1 holders present of 5 entitled; 2 required)');
  });

  it.each([
    [
      'before its time, a meeting not opened',
      [...registered(HK), attended(HK, 'A1')],
      '2023-11-23T13:59:00+08:00',
      'QUORUM_NOT_PRESENT',
      'MeetingNotOpen',
      'payload.meetingId',
    ],
    [
      'a quorate meeting that has not opened',
      [...registered(HK), ...inPerson(HK, 'A1', 'A2')],
      '2023-11-23T14:30:00+08:00',
      'QUORUM_NOT_PRESENT',
      'MeetingNotOpen',
      'payload.meetingId',
    ],
    [
      'a meeting not opened, for another cause',
      [...registered(HK), attended(HK, 'A1')],
      '2023-11-23T14:30:00+08:00',
      'BY_CHAIR',
      'MeetingNotOpen',
      'payload.cause',
    ],
    [
      'a meeting whose poll has closed',
      [
        ...inPoll(HK, inPerson(HK, 'A1', 'A2')),
        { type: 'PollClosed', data: { meetingId: E, at: '2023-11-23T15:00:00+08:00' } } as MeetingEvent,
      ],
      '2023-11-23T15:10:00+08:00',
      'BY_CHAIR',
      'MeetingNotOpen',
      'payload.meetingId',
    ],
  ])('refuses to adjourn %s', (_what, history, issuedAt, cause, rule, field) => {
    givenMeeting(history)
      .when(adjourn('2023-11-30T14:00:00+08:00', issuedAt, cause))
      .thenRefused(rule, field);
  });

  it('refuses a resumption that is not after the adjournment', () => {
    givenMeeting(opened(UK))
      .when(adjourn('2023-11-23T15:00:00+08:00'))
      .thenRefused('ResumptionNotLater', 'payload.resumesAt');
  });

  it('refuses to adjourn a meeting already adjourned and not yet due to resume', () => {
    const history = [
      ...opened(UK),
      meetingAdjourned(UK, '2023-12-07T14:00:00+08:00', '2023-12-05T14:00:00+08:00'),
    ];
    givenMeeting(history)
      .when(adjourn('2023-12-10T14:00:00+08:00', '2023-11-24T10:00:00+08:00'))
      .thenRefused('MeetingNotOpen');
  });
});

describe('while adjourned', () => {
  const resumesAt = '2023-12-07T14:00:00+08:00';
  const adjourned = [
    ...inPoll(UK, [proxyLodged(UK, 'P1', 'A1'), attended(UK, 'A2')]),
    meetingAdjourned(UK, resumesAt, '2023-12-05T14:00:00+08:00'),
  ];

  it.each(['OpenPoll', 'ClosePoll', 'CloseMeeting', 'OpenMeeting'])('refuses %s', (type) => {
    givenMeeting(adjourned)
      .when(cmd(type, { meetingId: E }, CHAIR('2023-11-24T10:00:00+08:00')))
      .thenRefused('MeetingAdjourned');
  });

  it('refuses votes until the meeting resumes', () => {
    const R = 'R1';
    const S = ruleSet('UK-CA2006').majorities.SPECIAL;
    givenResolution([resolutionProposed(R, [{ meetingId: E, number: 1, majorityRule: S }])], {
      [E]: [...adjourned, resolutionTabled(UK, R, 1)],
    })
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: E, holderId: 'A2', for: 300, against: 0, abstain: 0 }),
      )
      .thenRefused('MeetingAdjourned');
  });

  it('keeps proxies lodged for the original meeting in force, and admits new ones until the new deadline', () => {
    const state = meetingStateOf(adjourned);
    expect(state.status === 'SCHEDULED' && state.proxyInForce.get('A1')).toBe('P1');
    givenMeeting(adjourned)
      .when(cmd('RecordAttendance', { meetingId: E, holderId: 'A1', mode: 'PROXY' }))
      .thenEvents([attended(UK, 'A1', 'PROXY', { proxyId: 'P1', shares: 600 })]);
    const lodge = (lodgedAt: string) =>
      cmd('LodgeProxy', { meetingId: E, proxyId: 'P3', holderId: 'A3', proxyName: 'The chairman', lodgedAt });
    expect(givenMeeting(adjourned).when(lodge('2023-12-05T14:00:00+08:00')).events()[0].type).toBe(
      'ProxyLodged',
    );
    givenMeeting(adjourned)
      .when(lodge('2023-12-05T14:00:01+08:00'))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
  });
});

describe('IssueResumptionNotice', () => {
  const notice = (issuedOn: string) => cmd('IssueResumptionNotice', { meetingId: E, issuedOn }, SECRETARY);
  const ukAdjourned = [
    ...opened(UK),
    meetingAdjourned(UK, '2023-12-15T14:00:00+08:00', '2023-12-13T14:00:00+08:00', { noticeRequired: true }),
  ];

  it("gives the rule set's notice of the resumption (UK: 7 clear days)", () => {
    givenMeeting(ukAdjourned)
      .when(notice('2023-12-07'))
      .thenEvents([resumptionNoticed(UK, '2023-12-07', '2023-12-15T14:00:00+08:00', 7)]);
  });

  it('refuses a notice too short for the resumption', () => {
    givenMeeting(ukAdjourned).when(notice('2023-12-08')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('counts the original meeting’s period where the rule set says so (HK Table A: as an original EGM, 14 clear days)', () => {
    const history = [
      ...opened(HK, inPerson(HK, 'A1', 'A2')),
      meetingAdjourned(HK, '2023-12-31T14:00:00+08:00', '2023-12-29T14:00:00+08:00', {
        noticeRequired: true,
      }),
    ];
    givenMeeting(history).when(notice('2023-12-17')).thenRefused('NoticeTooShort');
    expect(givenMeeting(history).when(notice('2023-12-16')).events()[0].data).toMatchObject({
      clearDays: 14,
    });
  });

  it.each([
    ['a meeting not adjourned', opened(UK), '2023-11-24', 'MeetingNotAdjourned'],
    ['a notice dated before the adjournment', ukAdjourned, '2023-11-22', 'NoticeBeforeAdjournment'],
    [
      'a second notice',
      [...ukAdjourned, resumptionNoticed(UK, '2023-12-07', '2023-12-15T14:00:00+08:00', 7)],
      '2023-12-07',
      'NoticeAlreadyIssued',
    ],
  ])('refuses %s', (_what, history, issuedOn, rule) => {
    givenMeeting(history).when(notice(issuedOn)).thenRefused(rule);
  });
});

describe('ResumeMeeting', () => {
  const resume = (issuedAt: string) => cmd('ResumeMeeting', { meetingId: E }, CHAIR(issuedAt));
  const resumesAt = '2023-12-15T14:00:00+08:00';

  it('refuses to resume before the time fixed', () => {
    const history = [...opened(UK), meetingAdjourned(UK, resumesAt, '2023-12-13T14:00:00+08:00')];
    givenMeeting(history)
      .when(resume('2023-12-15T13:59:00+08:00'))
      .thenRefused('ResumedTooEarly', 'issuedAt');
  });

  it('refuses to resume without the notice the rule set required', () => {
    const history = [
      ...opened(UK),
      meetingAdjourned(UK, resumesAt, '2023-12-13T14:00:00+08:00', { noticeRequired: true }),
    ];
    givenMeeting(history).when(resume(resumesAt)).thenRefused('ResumptionNoticeNotIssued');
  });

  it('resumes, with its quorum checked again, once noticed', () => {
    const history = [
      ...opened(UK, inPerson(UK, 'A1', 'A2')),
      meetingAdjourned(UK, resumesAt, '2023-12-13T14:00:00+08:00', { noticeRequired: true }),
      resumptionNoticed(UK, '2023-12-07', resumesAt, 7),
    ];
    givenMeeting(history)
      .when(resume(resumesAt))
      .thenEvents([
        meetingResumed(UK, resumesAt, { holdersPresent: 2, sharesPresent: 900, votesPresent: 900 }),
      ]);
  });

  it('refuses to resume without a quorum (HK: two holders), and opens a meeting adjourned for want of one once there is', () => {
    const adjourned = [
      ...registered(HK),
      attended(HK, 'A1'),
      meetingAdjourned(HK, '2023-11-30T14:00:00+08:00', '2023-11-28T14:00:00+08:00', {
        at: '2023-11-23T14:30:00+08:00',
        cause: 'QUORUM_NOT_PRESENT',
      }),
    ];
    givenMeeting(adjourned).when(resume('2023-11-30T14:00:00+08:00')).thenRefused('QuorumNotMet');
    const resumed = [
      ...adjourned,
      attended(HK, 'H1'),
      meetingResumed(HK, '2023-11-30T14:05:00+08:00', {
        holdersPresent: 2,
        sharesPresent: 800,
        votesPresent: 800,
      }),
    ];
    const state = meetingStateOf(resumed);
    expect(state.status === 'SCHEDULED' && state.phase).toBe('OPEN');
    givenMeeting(resumed)
      .when(cmd('OpenPoll', { meetingId: E }, CHAIR('2023-11-30T14:10:00+08:00')))
      .thenEvents([{ type: 'PollOpened', data: { meetingId: E, at: '2023-11-30T14:10:00+08:00' } }]);
  });

  it('continues the poll: votes cast before the adjournment stand, and the rest are taken after', () => {
    const R = 'R1';
    const S = ruleSet('UK-CA2006').majorities.SPECIAL;
    const history = [
      ...inPoll(UK, [resolutionTabled(UK, R, 1), proxyLodged(UK, 'P1', 'A1'), attended(UK, 'A2')]),
      meetingAdjourned(UK, '2023-12-07T14:00:00+08:00', '2023-12-05T14:00:00+08:00'),
      attended(UK, 'A1', 'PROXY', { proxyId: 'P1', shares: 600 }),
      meetingResumed(UK, '2023-12-07T14:00:00+08:00', {
        holdersPresent: 2,
        sharesPresent: 900,
        votesPresent: 900,
      }),
    ];
    const proposed = resolutionProposed(R, [{ meetingId: E, number: 1, majorityRule: S }]);
    const before = voteCast(R, UK, 'A2', { for: 300 });
    givenResolution([proposed, before], { [E]: history })
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: E, holderId: 'A1', for: 0, against: 600, abstain: 0 }),
      )
      .thenEvents([voteCast(R, UK, 'A1', { against: 600 }, { proxyId: 'P1' })]);
    givenResolution([proposed, before], { [E]: history })
      .when(
        cmd('CastVote', { resolutionId: R, meetingId: E, holderId: 'A2', for: 300, against: 0, abstain: 0 }),
      )
      .thenRefused('AlreadyVoted');
  });
});

describe('the adjournment section of a rule set', () => {
  const base = ruleSet('UK-CA2006');
  const decode = (adjournment: unknown) => RuleSet.decode({ ...base, adjournment });

  it.each([
    [
      'a notice period',
      true,
      {
        noticeIfAdjournedFor: { days: 14, comparator: 'MORE_THAN' },
        notice: { counting: 'CLEAR_DAYS', minDays: 7 },
      },
    ],
    [
      'the original meeting’s period',
      true,
      { noticeIfAdjournedFor: { days: 30, comparator: 'AT_LEAST' }, notice: 'AS_ORIGINAL_MEETING' },
    ],
    [
      'an unknown comparator',
      false,
      { noticeIfAdjournedFor: { days: 14, comparator: 'ABOUT' }, notice: 'AS_ORIGINAL_MEETING' },
    ],
    [
      'a misspelt field',
      false,
      {
        noticeIfAdjournedFor: { days: 14, comparator: 'MORE_THAN' },
        notice: 'AS_ORIGINAL_MEETING',
        noticeDay: 7,
      },
    ],
    [
      'negative days',
      false,
      { noticeIfAdjournedFor: { days: -1, comparator: 'MORE_THAN' }, notice: 'AS_ORIGINAL_MEETING' },
    ],
    [
      'a maximum below the minimum',
      false,
      {
        noticeIfAdjournedFor: { days: 14, comparator: 'MORE_THAN' },
        notice: { counting: 'CLEAR_DAYS', minDays: 7, maxDays: 6 },
      },
    ],
  ])('with %s decodes: %s', (_what, ok, adjournment) => {
    expect(isRight(decode(adjournment))).toBe(ok);
  });

  it('is carried by every shipped rule set', () => {
    for (const id of ['PRC-HKEX-H', 'PRC-CL', 'HK-CAP622', 'UK-CA2006', 'DE-DGCL'])
      expect(ruleSet(id).adjournment).toBeDefined();
  });
});

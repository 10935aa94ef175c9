import { ShareClass } from '../../src/domain/shared/share-class';
import {
  A,
  afterPoll,
  attended,
  B,
  COMPANY,
  EGM,
  entitlementsRecorded,
  holding,
  inPerson,
  inPoll,
  meetingClosed,
  MeetingSpec,
  noticed,
  opened,
  recordDateFixed,
  proxyLodged,
  proxyRevoked,
  registered,
  registerClosed,
  resolutionTabled,
  resultsCertified,
  ruleSet,
  scheduled,
  scrutineersAppointed,
  SCRUTINEER,
  spec,
  tableCommand,
  withRecordDate,
  withRegister,
  H,
} from './factories';
import { cmd, givenMeeting, SEAL } from './spec';

const M = EGM.meetingId;
const ISSUED_AT = '2023-11-23T14:00:00+08:00';

const scheduleCmd = (
  overrides: Partial<{
    meetingId: string;
    kind: string;
    shareClasses: readonly ShareClass[];
    startsAt: string;
    ruleSetId: string;
  }> = {},
) =>
  cmd('ScheduleMeeting', {
    meetingId: M,
    company: COMPANY,
    kind: 'EGM',
    title: 'The first extraordinary general meeting of 2023',
    shareClasses: [A, H],
    startsAt: EGM.startsAt,
    place: 'Ganzhou',
    ruleSetId: 'PRC-HKEX-H',
    ...overrides,
  });

/** A one-class meeting (class A, or weighted class B) with its own holders. */
const CLASS_A: MeetingSpec = spec({
  meetingId: 'a-class-1',
  kind: 'CLASS',
  shareClasses: [A],
  holders: [holding('A1', 'A', 600), holding('A2', 'A', 300)],
});
const WEIGHTED: MeetingSpec = spec({
  meetingId: 'egm-wvr',
  shareClasses: [A, B],
  holders: [holding('A1', 'A', 600), holding('B1', 'B', 50)],
});
const HK: MeetingSpec = spec({ meetingId: 'hk-egm', ruleSetId: 'HK-CAP622' });
const UK: MeetingSpec = spec({ meetingId: 'uk-gm', ruleSetId: 'UK-CA2006' });

describe('ScheduleMeeting', () => {
  it('records MeetingScheduled carrying the whole rule set instead of its id', () => {
    givenMeeting([])
      .when(scheduleCmd())
      .thenEvents([
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: M,
            company: COMPANY,
            kind: 'EGM',
            title: 'The first extraordinary general meeting of 2023',
            shareClasses: [A, H],
            startsAt: EGM.startsAt,
            place: 'Ganzhou',
            ruleSet: ruleSet('PRC-HKEX-H'),
            presentation: ruleSet('PRC-HKEX-H').presentation!,
          },
        },
      ]);
  });

  it("records the rule set's presentation with the meeting's own choices over it", () => {
    givenMeeting([])
      .when(
        cmd('ScheduleMeeting', {
          meetingId: M,
          company: COMPANY,
          kind: 'AGM',
          title: 'Annual General Meeting',
          shareClasses: [A],
          startsAt: EGM.startsAt,
          place: 'London',
          ruleSetId: 'UK-CA2006',
          presentation: { decimals: 6 },
        }),
      )
      .thenEvents([
        {
          type: 'MeetingScheduled',
          data: {
            meetingId: M,
            company: COMPANY,
            kind: 'AGM',
            title: 'Annual General Meeting',
            shareClasses: [A],
            startsAt: EGM.startsAt,
            place: 'London',
            ruleSet: ruleSet('UK-CA2006'),
            presentation: {
              percentageBase: 'VOTES_CAST',
              decimals: 6,
              abstentions: 'WITHHELD',
              dateStyle: 'DAY_MONTH_YEAR',
              numbering: 'NUMBERED',
              form: 'UK_RESULT_OF_MEETING',
            },
          },
        },
      ]);
  });

  it('refuses a presentation field it does not know, naming it', () => {
    expect(() =>
      cmd('ScheduleMeeting', {
        meetingId: M,
        company: COMPANY,
        kind: 'AGM',
        title: 'Annual General Meeting',
        shareClasses: [A],
        startsAt: EGM.startsAt,
        place: 'London',
        ruleSetId: 'UK-CA2006',
        presentation: { decimal: 6 },
      }),
    ).toThrow(/presentation/);
  });

  it.each(['PRC-HKEX-H', 'HK-CAP622', 'UK-CA2006'])('copies every field of shipped rule set %s', (id) => {
    const [event] = givenMeeting([])
      .when(scheduleCmd({ ruleSetId: id }))
      .events();
    expect(event.type).toBe('MeetingScheduled');
    expect(event.data).not.toHaveProperty('ruleSetId');
    expect((event.data as { ruleSet: unknown }).ruleSet).toEqual(ruleSet(id));
  });

  it('refuses an unknown rule set', () => {
    givenMeeting([])
      .when(scheduleCmd({ ruleSetId: 'DE-AKTG' }))
      .thenRefused('UnknownRuleSet', 'payload.ruleSetId');
  });

  it('refuses a share class named twice', () => {
    givenMeeting([])
      .when(scheduleCmd({ shareClasses: [A, H, { ...A, issuedShares: 5 }] }))
      .thenRefused('DuplicateShareClass', 'payload.shareClasses');
  });

  it('refuses a class meeting of two classes', () => {
    givenMeeting([])
      .when(scheduleCmd({ kind: 'CLASS', shareClasses: [A, H] }))
      .thenRefused('ClassMeetingNeedsOneClass', 'payload.shareClasses');
  });

  it('schedules a class meeting of one class', () => {
    const [event] = givenMeeting([])
      .when(scheduleCmd({ meetingId: 'a-class-1', kind: 'CLASS', shareClasses: [A] }))
      .events();
    expect(event).toMatchObject({
      type: 'MeetingScheduled',
      data: { meetingId: 'a-class-1', kind: 'CLASS', shareClasses: [A] },
    });
  });

  it('refuses to schedule a meeting twice', () => {
    givenMeeting(scheduled()).when(scheduleCmd()).thenRefused('MeetingAlreadyScheduled', 'payload.meetingId');
  });

  it.each([
    ['IssueNotice', { meetingId: M, issuedOn: '2023-11-06' }],
    ['FixRecordDate', { meetingId: M, recordDate: '2023-11-17' }],
    ['OpenMeeting', { meetingId: M }],
    ['RecordAttendance', { meetingId: M, holderId: 'A1', mode: 'IN_PERSON' }],
  ])('refuses %s for a meeting never scheduled', (type, payload) => {
    givenMeeting([]).when(cmd(type, payload)).thenRefused('UnknownMeeting', 'payload.meetingId');
  });
});

describe('IssueNotice (clear days: neither the day of notice nor the meeting day counts)', () => {
  const notice = (issuedOn: string, meetingId = M) =>
    cmd('IssueNotice', { meetingId, issuedOn, circular: { title: 'Circular', date: issuedOn } });

  it('PRC EGM: notice on 2023-11-06 for 2023-11-23 gives 16 clear days', () => {
    givenMeeting(scheduled())
      .when(notice('2023-11-06'))
      .thenEvents([
        {
          type: 'NoticeIssued',
          data: {
            meetingId: M,
            issuedOn: '2023-11-06',
            clearDays: 16,
            circular: { title: 'Circular', date: '2023-11-06' },
          },
        },
      ]);
  });

  it('PRC EGM: 2023-11-07 gives exactly the 15 clear days required', () => {
    givenMeeting(scheduled())
      .when(cmd('IssueNotice', { meetingId: M, issuedOn: '2023-11-07' }))
      .thenEvents([{ type: 'NoticeIssued', data: { meetingId: M, issuedOn: '2023-11-07', clearDays: 15 } }]);
  });

  it('PRC EGM: 2023-11-08 gives 14 clear days: NoticeTooShort on payload.issuedOn', () => {
    givenMeeting(scheduled()).when(notice('2023-11-08')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('PRC AGM needs 20 clear days', () => {
    const agm = spec({ kind: 'AGM' });
    expect(givenMeeting(scheduled(agm)).when(notice('2023-11-02')).events()).toMatchObject([
      { data: { clearDays: 20 } },
    ]);
    givenMeeting(scheduled(agm)).when(notice('2023-11-03')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('a special general meeting (SGM) is noticed as an EGM: 15 clear days', () => {
    const sgm = spec({ kind: 'SGM' });
    givenMeeting(scheduled(sgm))
      .when(cmd('IssueNotice', { meetingId: sgm.meetingId, issuedOn: '2023-11-07' }))
      .thenEvents([
        { type: 'NoticeIssued', data: { meetingId: sgm.meetingId, issuedOn: '2023-11-07', clearDays: 15 } },
      ]);
    givenMeeting(scheduled(sgm)).when(notice('2023-11-08')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('PRC class meeting needs 15 clear days', () => {
    expect(
      givenMeeting(scheduled(CLASS_A)).when(notice('2023-11-07', CLASS_A.meetingId)).events(),
    ).toMatchObject([{ data: { clearDays: 15 } }]);
    givenMeeting(scheduled(CLASS_A))
      .when(notice('2023-11-08', CLASS_A.meetingId))
      .thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('HK AGM needs 21 clear days: 2023-11-01 is enough, 2023-11-02 is not', () => {
    const agm = spec({ kind: 'AGM', ruleSetId: 'HK-CAP622' });
    expect(givenMeeting(scheduled(agm)).when(notice('2023-11-01')).events()).toMatchObject([
      { type: 'NoticeIssued', data: { clearDays: 21 } },
    ]);
    givenMeeting(scheduled(agm)).when(notice('2023-11-02')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('HK EGM needs 14 clear days: 2023-11-08 is enough, 2023-11-09 is not', () => {
    expect(givenMeeting(scheduled(HK)).when(notice('2023-11-08', HK.meetingId)).events()).toMatchObject([
      { data: { clearDays: 14 } },
    ]);
    givenMeeting(scheduled(HK))
      .when(notice('2023-11-09', HK.meetingId))
      .thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('counts across the end of a leap February', () => {
    const march = spec({ startsAt: '2024-03-01T10:00:00+08:00' });
    // 15 Feb … 29 Feb 2024 are 15 clear days.
    expect(givenMeeting(scheduled(march)).when(notice('2024-02-14')).events()).toMatchObject([
      { data: { clearDays: 15 } },
    ]);
    givenMeeting(scheduled(march))
      .when(notice('2024-02-15'))
      .thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('counts to the civil date of the meeting in its own offset, not its UTC date', () => {
    // 07:00 +08:00 on 23 Nov is still 22 Nov in UTC; the meeting day is the 23rd.
    const early = spec({ startsAt: '2023-11-23T07:00:00+08:00' });
    expect(givenMeeting(scheduled(early)).when(notice('2023-11-07')).events()).toMatchObject([
      { data: { clearDays: 15 } },
    ]);
  });

  it('refuses notice given on or after the meeting day', () => {
    givenMeeting(scheduled()).when(notice('2023-11-23')).thenRefused('NoticeTooShort', 'payload.issuedOn');
    givenMeeting(scheduled()).when(notice('2023-11-30')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('refuses notice issued twice', () => {
    givenMeeting(noticed())
      .when(notice('2023-11-06'))
      .thenRefused('NoticeAlreadyIssued', 'payload.meetingId');
  });
});

describe('FixRecordDate', () => {
  const fix = (recordDate: string) => cmd('FixRecordDate', { meetingId: M, recordDate });

  it('fixes the record date', () => {
    givenMeeting(noticed())
      .when(fix('2023-11-17'))
      .thenEvents([{ type: 'RecordDateFixed', data: { meetingId: M, recordDate: '2023-11-17' } }]);
  });

  it('accepts the meeting day itself', () => {
    givenMeeting(noticed())
      .when(fix('2023-11-23'))
      .thenEvents([{ type: 'RecordDateFixed', data: { meetingId: M, recordDate: '2023-11-23' } }]);
  });

  it('refuses a record date after the meeting', () => {
    givenMeeting(noticed())
      .when(fix('2023-11-24'))
      .thenRefused('RecordDateAfterMeeting', 'payload.recordDate');
  });

  it('may be moved while no entitlements are recorded', () => {
    givenMeeting(withRecordDate())
      .when(fix('2023-11-16'))
      .thenEvents([{ type: 'RecordDateFixed', data: { meetingId: M, recordDate: '2023-11-16' } }]);
  });

  it('is locked once entitlements are recorded', () => {
    givenMeeting(withRegister())
      .when(fix('2023-11-16'))
      .thenRefused('RecordDateLocked', 'payload.recordDate');
  });
});

describe('RecordEntitlements', () => {
  const record = (batch: number, holders: readonly unknown[], meetingId = M) =>
    cmd('RecordEntitlements', { meetingId, batch, holders });

  it('records a batch of the register', () => {
    const holders = [
      { holderId: 'A1', shareClass: 'A', shares: 600, name: 'Controlling shareholder' },
      { holderId: 'H1', shareClass: 'H', shares: 200 },
    ];
    givenMeeting(withRecordDate())
      .when(record(1, holders))
      .thenEvents([{ type: 'EntitlementsRecorded', data: { meetingId: M, batch: 1, holders } }]);
  });

  it('refuses entitlements before the record date is fixed', () => {
    givenMeeting(noticed())
      .when(record(1, [{ holderId: 'A1', shareClass: 'A', shares: 600 }]))
      .thenRefused('RecordDateNotFixed', 'payload.meetingId');
  });

  it('accepts the next batch in sequence', () => {
    const holders = [{ holderId: 'A9', shareClass: 'A', shares: 5 }];
    givenMeeting(withRegister())
      .when(record(2, holders))
      .thenEvents([{ type: 'EntitlementsRecorded', data: { meetingId: M, batch: 2, holders } }]);
  });

  it.each([
    ['a first batch numbered 2', false, 2],
    ['a skipped batch', true, 3],
    ['a re-sent batch', true, 1],
  ])('refuses %s: BatchOutOfSequence', (_name, afterFirst, batch) => {
    givenMeeting(afterFirst ? withRegister() : withRecordDate())
      .when(record(batch, [{ holderId: 'A9', shareClass: 'A', shares: 5 }]))
      .thenRefused('BatchOutOfSequence', 'payload.batch');
  });

  it('refuses a holder twice in one batch, naming the second', () => {
    givenMeeting(withRecordDate())
      .when(
        record(1, [
          { holderId: 'A1', shareClass: 'A', shares: 600 },
          { holderId: 'A1', shareClass: 'A', shares: 10 },
        ]),
      )
      .thenRefused('DuplicateHolder', 'payload.holders[1].holderId');
  });

  it('refuses a holder already recorded in an earlier batch', () => {
    givenMeeting(withRegister())
      .when(
        record(2, [
          { holderId: 'A9', shareClass: 'A', shares: 1 },
          { holderId: 'H2', shareClass: 'H', shares: 1 },
        ]),
      )
      .thenRefused('DuplicateHolder', 'payload.holders[1].holderId');
  });

  it("refuses an H holder on an A class meeting's register", () => {
    givenMeeting(withRecordDate(CLASS_A))
      .when(
        record(
          1,
          [
            { holderId: 'A1', shareClass: 'A', shares: 600 },
            { holderId: 'H1', shareClass: 'H', shares: 200 },
          ],
          CLASS_A.meetingId,
        ),
      )
      .thenRefused('ShareClassNotAtMeeting', 'payload.holders[1].shareClass');
  });

  it('refuses a holding of zero shares', () => {
    givenMeeting(withRecordDate())
      .when(
        record(1, [
          { holderId: 'A1', shareClass: 'A', shares: 600 },
          { holderId: 'A2', shareClass: 'A', shares: 1 },
          { holderId: 'A3', shareClass: 'A', shares: 0 },
        ]),
      )
      .thenRefused('EmptyHolding', 'payload.holders[2].shares');
  });

  it('refuses entitlements once the register is closed', () => {
    givenMeeting(registered())
      .when(record(2, [{ holderId: 'A9', shareClass: 'A', shares: 5 }]))
      .thenRefused('RegisterClosed', 'payload.batch');
  });
});

describe('CloseRegister', () => {
  const close = (controlTotals?: readonly { shareClass: string; shares: number }[], meetingId = M) =>
    cmd('CloseRegister', controlTotals ? { meetingId, controlTotals } : { meetingId });

  it('closes with the holders, shares and votes of each class', () => {
    givenMeeting(withRegister())
      .when(close())
      .thenEvents([
        {
          type: 'RegisterClosed',
          data: {
            meetingId: M,
            batches: 1,
            totals: [
              { shareClass: 'A', holders: 3, shares: 1000, votes: 1000 },
              { shareClass: 'H', holders: 2, shares: 300, votes: 300 },
            ],
          },
        },
      ]);
  });

  it('counts every batch', () => {
    const history = [
      ...withRegister(),
      entitlementsRecorded(EGM, 2, [holding('A9', 'A', 7)]),
      entitlementsRecorded(EGM, 3, [holding('H9', 'H', 3)]),
    ];
    givenMeeting(history)
      .when(close())
      .thenEvents([
        {
          type: 'RegisterClosed',
          data: {
            meetingId: M,
            batches: 3,
            totals: [
              { shareClass: 'A', holders: 4, shares: 1007, votes: 1007 },
              { shareClass: 'H', holders: 3, shares: 303, votes: 303 },
            ],
          },
        },
      ]);
  });

  it('weights votes: shares × votes per share', () => {
    givenMeeting(withRegister(WEIGHTED))
      .when(close(undefined, WEIGHTED.meetingId))
      .thenEvents([
        {
          type: 'RegisterClosed',
          data: {
            meetingId: WEIGHTED.meetingId,
            batches: 1,
            totals: [
              { shareClass: 'A', holders: 1, shares: 600, votes: 600 },
              { shareClass: 'B', holders: 1, shares: 50, votes: 500 },
            ],
          },
        },
      ]);
  });

  it('shows a class with nobody on the register as zero', () => {
    const onlyA = spec({ holders: [holding('A1', 'A', 600)] });
    expect(givenMeeting(withRegister(onlyA)).when(close()).events()).toEqual([
      {
        type: 'RegisterClosed',
        data: {
          meetingId: M,
          batches: 1,
          totals: [
            { shareClass: 'A', holders: 1, shares: 600, votes: 600 },
            { shareClass: 'H', holders: 0, shares: 0, votes: 0 },
          ],
        },
      },
    ]);
  });

  it('closes when the control totals agree', () => {
    expect(
      givenMeeting(withRegister())
        .when(
          close([
            { shareClass: 'A', shares: 1000 },
            { shareClass: 'H', shares: 300 },
          ]),
        )
        .events(),
    ).toEqual([registerClosed(EGM)]);
  });

  it('refuses when a control total disagrees, naming that total', () => {
    givenMeeting(withRegister())
      .when(
        close([
          { shareClass: 'A', shares: 1000 },
          { shareClass: 'H', shares: 301 },
        ]),
      )
      .thenRefused('ControlTotalMismatch', 'payload.controlTotals[1].shares');
  });

  it('refuses a control total for a class not at the meeting', () => {
    givenMeeting(withRegister(CLASS_A))
      .when(close([{ shareClass: 'H', shares: 0 }], CLASS_A.meetingId))
      .thenRefused('ControlTotalMismatch', 'payload.controlTotals[0].shares');
  });

  it('refuses a register holding more shares than the class has issued', () => {
    const over = spec({ holders: [holding('H1', 'H', 400_000), holding('H2', 'H', 100_001)] });
    givenMeeting(withRegister(over))
      .when(close())
      .thenRefused('RegisterExceedsIssuedShares', 'payload.meetingId');
  });

  it('accepts a register holding exactly the issued shares', () => {
    const full = spec({ holders: [holding('H1', 'H', 400_000), holding('H2', 'H', 100_000)] });
    expect(givenMeeting(withRegister(full)).when(close()).events()).toEqual([registerClosed(full)]);
  });

  it('refuses to close an empty register', () => {
    givenMeeting(withRecordDate()).when(close()).thenRefused('RegisterEmpty', 'payload.meetingId');
  });

  it('refuses to close twice', () => {
    givenMeeting(registered()).when(close()).thenRefused('RegisterClosed', 'payload.meetingId');
  });
});

describe('AppointScrutineers and RecordDirectorsPresent', () => {
  const scrutineers = [{ name: SCRUTINEER, capacity: 'H share registrar' }];

  it('records the scrutineers', () => {
    givenMeeting(noticed())
      .when(cmd('AppointScrutineers', { meetingId: M, scrutineers }))
      .thenEvents([{ type: 'ScrutineersAppointed', data: { meetingId: M, scrutineers } }]);
  });

  it('records the directors present', () => {
    const directors = [
      { name: 'Cai Baogui', designation: 'Chairman', present: true, means: 'IN_PERSON' as const },
    ];
    givenMeeting(noticed())
      .when(cmd('RecordDirectorsPresent', { meetingId: M, directors }))
      .thenEvents([{ type: 'DirectorsPresentRecorded', data: { meetingId: M, directors } }]);
  });

  it('refuses both once results are certified', () => {
    const certified = [...afterPoll(), meetingClosed(EGM), resultsCertified(EGM)];
    givenMeeting(certified)
      .when(cmd('AppointScrutineers', { meetingId: M, scrutineers }))
      .thenRefused('ResultsCertified', 'payload.meetingId');
    givenMeeting(certified)
      .when(
        cmd('RecordDirectorsPresent', {
          meetingId: M,
          directors: [{ name: 'Cai Baogui', designation: 'Chairman', present: true }],
        }),
      )
      .thenRefused('ResultsCertified', 'payload.meetingId');
  });
});

describe('LodgeProxy and RevokeProxy', () => {
  // PRC-HKEX-H: 24 hours before 2023-11-23T14:00+08:00.
  const DEADLINE = '2023-11-22T14:00:00+08:00';
  const lodge = (p: Record<string, unknown>, meetingId = M) =>
    cmd('LodgeProxy', {
      meetingId,
      proxyId: 'P1',
      holderId: 'H1',
      proxyName: 'The chairman',
      lodgedAt: DEADLINE,
      ...p,
    });
  const revoke = (proxyId: string) => cmd('RevokeProxy', { meetingId: M, proxyId });

  it('accepts a proxy lodged exactly at the deadline, for the whole holding by default', () => {
    givenMeeting(registered())
      .when(lodge({}))
      .thenEvents([
        {
          type: 'ProxyLodged',
          data: {
            meetingId: M,
            proxyId: 'P1',
            holderId: 'H1',
            proxyName: 'The chairman',
            shares: 200,
            lodgedAt: DEADLINE,
          },
        },
      ]);
  });

  it('refuses a proxy lodged one second after the deadline', () => {
    givenMeeting(registered())
      .when(lodge({ lodgedAt: '2023-11-22T14:00:01+08:00' }))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
  });

  it('compares instants, whatever offset the lodging time is written in', () => {
    expect(
      givenMeeting(registered())
        .when(lodge({ lodgedAt: '2023-11-22T06:00:00Z' }))
        .events(),
    ).toHaveLength(1);
    givenMeeting(registered())
      .when(lodge({ lodgedAt: '2023-11-22T06:00:01Z' }))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
  });

  it('refuses a proxy lodged a fraction of a millisecond after the deadline', () => {
    // The codec accepts up to nine fractional digits; the comparison must not truncate them to ms.
    givenMeeting(registered())
      .when(lodge({ lodgedAt: '2023-11-22T14:00:00.0009+08:00' }))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
    givenMeeting(registered())
      .when(lodge({ lodgedAt: '2023-11-22T14:00:00.000000001+08:00' }))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
  });

  it('accepts a proxy lodged a fraction of a millisecond before the deadline', () => {
    expect(
      givenMeeting(registered())
        .when(lodge({ lodgedAt: '2023-11-22T13:59:59.999999999+08:00' }))
        .events(),
    ).toHaveLength(1);
  });

  it('applies the 48-hour deadline of HK-CAP622', () => {
    expect(
      givenMeeting(registered(HK))
        .when(lodge({ lodgedAt: '2023-11-21T14:00:00+08:00' }, HK.meetingId))
        .events(),
    ).toHaveLength(1);
    givenMeeting(registered(HK))
      .when(lodge({ lodgedAt: '2023-11-21T14:00:01+08:00' }, HK.meetingId))
      .thenRefused('ProxyAfterDeadline', 'payload.lodgedAt');
  });

  it('may be lodged for part of the holding', () => {
    givenMeeting(registered())
      .when(lodge({ shares: 150, proxyName: 'The chairman of the meeting' }))
      .thenEvents([proxyLodged(EGM, 'P1', 'H1', 150, { lodgedAt: DEADLINE })]);
  });

  it('refuses a proxy for more shares than held', () => {
    givenMeeting(registered())
      .when(lodge({ shares: 201 }))
      .thenRefused('ProxyExceedsHolding', 'payload.shares');
  });

  it('refuses a proxy for zero shares', () => {
    givenMeeting(registered())
      .when(lodge({ shares: 0 }))
      .thenRefused('ProxyExceedsHolding', 'payload.shares');
  });

  it('refuses a proxy from a holder not on the register', () => {
    givenMeeting(registered())
      .when(lodge({ holderId: 'H99' }))
      .thenRefused('HolderNotOnRegister', 'payload.holderId');
  });

  it('refuses a proxy id already used', () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'A1')])
      .when(lodge({}))
      .thenRefused('DuplicateProxyId', 'payload.proxyId');
  });

  it('refuses a proxy from a holder already attending', () => {
    givenMeeting([...registered(), attended(EGM, 'H1')])
      .when(lodge({}))
      .thenRefused('HolderAlreadyAttending', 'payload.holderId');
  });

  it('a later proxy supersedes the earlier one', () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'H1')])
      .when(lodge({ proxyId: 'P2', shares: 120 }))
      .thenEvents([
        {
          type: 'ProxyLodged',
          data: {
            meetingId: M,
            proxyId: 'P2',
            holderId: 'H1',
            proxyName: 'The chairman',
            shares: 120,
            lodgedAt: DEADLINE,
            supersedes: 'P1',
          },
        },
      ]);
  });

  it('a superseded proxy can no longer be revoked', () => {
    givenMeeting([
      ...registered(),
      proxyLodged(EGM, 'P1', 'H1'),
      proxyLodged(EGM, 'P2', 'H1', 200, { supersedes: 'P1' }),
    ])
      .when(revoke('P1'))
      .thenRefused('ProxyNotInForce', 'payload.proxyId');
  });

  it('revokes the proxy in force', () => {
    givenMeeting([
      ...registered(),
      proxyLodged(EGM, 'P1', 'H1'),
      proxyLodged(EGM, 'P2', 'H1', 200, { supersedes: 'P1' }),
    ])
      .when(revoke('P2'))
      .thenEvents([
        {
          type: 'ProxyRevoked',
          data: { meetingId: M, proxyId: 'P2', holderId: 'H1', reason: 'REVOKED_BY_HOLDER' },
        },
      ]);
  });

  it('refuses to revoke a proxy twice', () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'H1'), proxyRevoked(EGM, 'P1', 'H1')])
      .when(revoke('P1'))
      .thenRefused('ProxyNotInForce', 'payload.proxyId');
  });

  it('refuses to revoke an unknown proxy', () => {
    givenMeeting(registered()).when(revoke('P404')).thenRefused('UnknownProxy', 'payload.proxyId');
  });

  it('refuses to revoke a proxy that has attended', () => {
    givenMeeting([
      ...registered(),
      proxyLodged(EGM, 'P1', 'H1'),
      attended(EGM, 'H1', 'PROXY', { proxyId: 'P1', shares: 200 }),
    ])
      .when(revoke('P1'))
      .thenRefused('ProxyAlreadyUsed', 'payload.proxyId');
  });

  it('a proxy lodged after a revocation supersedes nothing', () => {
    const [event] = givenMeeting([
      ...registered(),
      proxyLodged(EGM, 'P1', 'H1'),
      proxyRevoked(EGM, 'P1', 'H1'),
    ])
      .when(lodge({ proxyId: 'P2' }))
      .events();
    expect(event.data).not.toHaveProperty('supersedes');
  });
});

describe('RecordAttendance', () => {
  const attend = (holderId: string, mode: string, extra: Record<string, unknown> = {}, meetingId = M) =>
    cmd('RecordAttendance', { meetingId, holderId, mode, ...extra });

  it('in person: the whole holding', () => {
    givenMeeting(registered())
      .when(attend('A1', 'IN_PERSON'))
      .thenEvents([
        {
          type: 'AttendanceRecorded',
          data: { meetingId: M, holderId: 'A1', shareClass: 'A', mode: 'IN_PERSON', shares: 600, votes: 600 },
        },
      ]);
  });

  it('in person revokes the proxy in force, then records the full holding', () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'H1', 50)])
      .when(attend('H1', 'IN_PERSON'))
      .thenEvents([
        {
          type: 'ProxyRevoked',
          data: { meetingId: M, proxyId: 'P1', holderId: 'H1', reason: 'ATTENDED_IN_PERSON' },
        },
        {
          type: 'AttendanceRecorded',
          data: { meetingId: M, holderId: 'H1', shareClass: 'H', mode: 'IN_PERSON', shares: 200, votes: 200 },
        },
      ]);
  });

  it('by corporate representative: named, and revoking the proxy too', () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'A2')])
      .when(attend('A2', 'CORPORATE_REPRESENTATIVE', { representative: 'Ms Li' }))
      .thenEvents([
        {
          type: 'ProxyRevoked',
          data: { meetingId: M, proxyId: 'P1', holderId: 'A2', reason: 'ATTENDED_IN_PERSON' },
        },
        {
          type: 'AttendanceRecorded',
          data: {
            meetingId: M,
            holderId: 'A2',
            shareClass: 'A',
            mode: 'CORPORATE_REPRESENTATIVE',
            shares: 300,
            votes: 300,
            representative: 'Ms Li',
          },
        },
      ]);
  });

  it("by proxy: the proxy's shares, and its id", () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'H2', 60)])
      .when(attend('H2', 'PROXY'))
      .thenEvents([
        {
          type: 'AttendanceRecorded',
          data: {
            meetingId: M,
            holderId: 'H2',
            shareClass: 'H',
            mode: 'PROXY',
            shares: 60,
            votes: 60,
            proxyId: 'P1',
          },
        },
      ]);
  });

  it('by proxy for a weighted class: votes = proxy shares × votes per share', () => {
    givenMeeting([...registered(WEIGHTED), proxyLodged(WEIGHTED, 'P1', 'B1', 20)])
      .when(attend('B1', 'PROXY', {}, WEIGHTED.meetingId))
      .thenEvents([attended(WEIGHTED, 'B1', 'PROXY', { proxyId: 'P1', shares: 20 })]);
    expect(attended(WEIGHTED, 'B1', 'PROXY', { proxyId: 'P1', shares: 20 }).data).toMatchObject({
      votes: 200,
    });
  });

  it('in person for a weighted class: votes = holding × votes per share', () => {
    givenMeeting(registered(WEIGHTED))
      .when(attend('B1', 'IN_PERSON', {}, WEIGHTED.meetingId))
      .thenEvents([
        {
          type: 'AttendanceRecorded',
          data: {
            meetingId: WEIGHTED.meetingId,
            holderId: 'B1',
            shareClass: 'B',
            mode: 'IN_PERSON',
            shares: 50,
            votes: 500,
          },
        },
      ]);
  });

  it('by proxy uses the superseding proxy', () => {
    givenMeeting([
      ...registered(),
      proxyLodged(EGM, 'P1', 'H1', 200),
      proxyLodged(EGM, 'P2', 'H1', 80, { supersedes: 'P1' }),
    ])
      .when(attend('H1', 'PROXY'))
      .thenEvents([attended(EGM, 'H1', 'PROXY', { proxyId: 'P2', shares: 80 })]);
  });

  it('refuses attendance by proxy without a proxy in force', () => {
    givenMeeting(registered()).when(attend('H1', 'PROXY')).thenRefused('NoProxyInForce', 'payload.mode');
  });

  it('refuses attendance by a revoked proxy', () => {
    givenMeeting([...registered(), proxyLodged(EGM, 'P1', 'H1'), proxyRevoked(EGM, 'P1', 'H1')])
      .when(attend('H1', 'PROXY'))
      .thenRefused('NoProxyInForce', 'payload.mode');
  });

  it('refuses a holder attending twice', () => {
    givenMeeting([...registered(), attended(EGM, 'A1')])
      .when(attend('A1', 'IN_PERSON'))
      .thenRefused('AlreadyAttending', 'payload.holderId');
  });

  it('refuses a holder not on the register', () => {
    givenMeeting(registered())
      .when(attend('X1', 'IN_PERSON'))
      .thenRefused('HolderNotOnRegister', 'payload.holderId');
  });

  it('refuses attendance before the register is closed', () => {
    givenMeeting(withRegister())
      .when(attend('A1', 'IN_PERSON'))
      .thenRefused('RegisterNotClosed', 'payload.meetingId');
  });

  it('still accepts attendance while the poll is open', () => {
    givenMeeting(inPoll())
      .when(attend('A1', 'IN_PERSON'))
      .thenEvents([attended(EGM, 'A1')]);
  });

  it('refuses attendance after the poll has closed', () => {
    givenMeeting(afterPoll())
      .when(attend('A1', 'IN_PERSON'))
      .thenRefused('AttendanceClosed', 'payload.meetingId');
  });
});

describe('TableResolution', () => {
  const table = (resolutionId: string, number: number) =>
    tableCommand({
      meetingId: M,
      resolutionId,
      number,
      title: 'Amendments to the Articles',
      kind: 'SPECIAL',
    });

  it('tables a resolution at its number', () => {
    givenMeeting(noticed())
      .when(table('R1', 1))
      .thenEvents([
        {
          type: 'ResolutionTabled',
          data: {
            meetingId: M,
            resolutionId: 'R1',
            number: 1,
            label: '1',
            title: 'Amendments to the Articles',
            kind: 'SPECIAL',
          },
        },
      ]);
  });

  it('refuses a number already taken by another resolution', () => {
    givenMeeting([...noticed(), resolutionTabled(EGM, 'R1', 1)])
      .when(table('R2', 1))
      .thenRefused('DuplicateResolutionNumber', 'payload.number');
  });

  it('tabling the same resolution at the same number again decides nothing', () => {
    givenMeeting([...noticed(), resolutionTabled(EGM, 'R1', 1)])
      .when(table('R1', 1))
      .thenEvents([]);
  });

  it('refuses the same resolution at a second number', () => {
    givenMeeting([...noticed(), resolutionTabled(EGM, 'R1', 1)])
      .when(table('R1', 2))
      .thenRefused('ResolutionAlreadyTabled', 'payload.resolutionId');
  });

  it('accepts a resolution while the meeting is open, before the poll', () => {
    expect(givenMeeting(opened()).when(table('R1', 1)).events()).toHaveLength(1);
  });

  it('refuses a new resolution once the poll has opened', () => {
    givenMeeting(inPoll()).when(table('R1', 1)).thenRefused('AgendaClosed', 'payload.meetingId');
  });
});

describe('OpenMeeting', () => {
  const open = (meetingId = M) => cmd('OpenMeeting', { meetingId }, { issuedAt: ISSUED_AT });

  it('PRC: no quorum; opens with nobody yet recorded present', () => {
    givenMeeting(registered())
      .when(open())
      .thenEvents([
        {
          type: 'MeetingOpened',
          data: {
            meetingId: M,
            openedAt: ISSUED_AT,
            quorum: {
              kind: 'NONE',
              unit: 'HOLDERS',
              present: 0,
              entitled: 5,
              required: 0,
              met: true,
              holdersPresent: 0,
              votesPresent: 0,
            },
          },
        },
      ]);
  });

  it('reports holders and votes present, weighted', () => {
    givenMeeting([...registered(WEIGHTED), ...inPerson(WEIGHTED, 'A1', 'B1')])
      .when(open(WEIGHTED.meetingId))
      .thenEvents([
        {
          type: 'MeetingOpened',
          data: {
            meetingId: WEIGHTED.meetingId,
            openedAt: ISSUED_AT,
            quorum: {
              kind: 'NONE',
              unit: 'HOLDERS',
              present: 2,
              entitled: 2,
              required: 0,
              met: true,
              holdersPresent: 2,
              votesPresent: 1100,
            },
          },
        },
      ]);
  });

  it('refuses to open before notice is issued', () => {
    const noNotice = [...scheduled(), recordDateFixed(EGM), entitlementsRecorded(EGM), registerClosed(EGM)];
    givenMeeting(noNotice).when(open()).thenRefused('NoticeNotIssued', 'payload.meetingId');
  });

  it('refuses to open before the register is closed', () => {
    givenMeeting(withRegister()).when(open()).thenRefused('RegisterNotClosed', 'payload.meetingId');
  });

  it('HK-CAP622: one holder present is no quorum', () => {
    givenMeeting([...registered(HK), ...inPerson(HK, 'A1')])
      .when(open(HK.meetingId))
      .thenRefused('QuorumNotMet', 'payload.meetingId');
  });

  it('HK-CAP622: two holders present (one by proxy) make a quorum', () => {
    givenMeeting([
      ...registered(HK),
      attended(HK, 'A1'),
      proxyLodged(HK, 'P1', 'H2', 60),
      attended(HK, 'H2', 'PROXY', { proxyId: 'P1', shares: 60 }),
    ])
      .when(open(HK.meetingId))
      .thenEvents([
        {
          type: 'MeetingOpened',
          data: {
            meetingId: HK.meetingId,
            openedAt: ISSUED_AT,
            quorum: {
              kind: 'HOLDERS_PRESENT',
              unit: 'HOLDERS',
              present: 2,
              entitled: 5,
              required: 2,
              met: true,
              holdersPresent: 2,
              votesPresent: 660,
            },
          },
        },
      ]);
  });

  it('UK-CA2006: no holder present is no quorum', () => {
    givenMeeting(registered(UK)).when(open(UK.meetingId)).thenRefused('QuorumNotMet', 'payload.meetingId');
  });

  it('refuses to open twice', () => {
    givenMeeting(opened()).when(open()).thenRefused('MeetingAlreadyOpened', 'payload.meetingId');
  });
});

describe('Poll, close, certify: in that order', () => {
  const at = { issuedAt: '2023-11-23T15:10:00+08:00' };
  const closed = [...afterPoll(), meetingClosed(EGM)];
  const certify = (scrutineer: string) => cmd('CertifyResults', { meetingId: M, scrutineer }, at);

  it('opens the poll once the meeting is open', () => {
    givenMeeting(opened())
      .when(cmd('OpenPoll', { meetingId: M }, at))
      .thenEvents([{ type: 'PollOpened', data: { meetingId: M, at: at.issuedAt } }]);
  });

  it.each([
    ['before the meeting opens', registered()],
    ['twice', inPoll()],
    ['after it closed', afterPoll()],
  ])('refuses to open the poll %s', (_name, history) => {
    givenMeeting(history)
      .when(cmd('OpenPoll', { meetingId: M }))
      .thenRefused('MeetingNotOpen', 'payload.meetingId');
  });

  it('closes the poll', () => {
    givenMeeting(inPoll())
      .when(cmd('ClosePoll', { meetingId: M }, at))
      .thenEvents([{ type: 'PollClosed', data: { meetingId: M, at: at.issuedAt } }]);
  });

  it.each([
    ['before it opened', opened()],
    ['twice', afterPoll()],
  ])('refuses to close the poll %s', (_name, history) => {
    givenMeeting(history)
      .when(cmd('ClosePoll', { meetingId: M }))
      .thenRefused('PollNotOpen', 'payload.meetingId');
  });

  it('closes the meeting after the poll', () => {
    givenMeeting(afterPoll())
      .when(cmd('CloseMeeting', { meetingId: M }, at))
      .thenEvents([{ type: 'MeetingClosed', data: { meetingId: M, at: at.issuedAt } }]);
  });

  it.each([
    ['while the poll is open', inPoll()],
    ['before the poll', opened()],
    ['twice', closed],
  ])('refuses to close the meeting %s', (_name, history) => {
    givenMeeting(history)
      .when(cmd('CloseMeeting', { meetingId: M }))
      .thenRefused('PollNotClosed', 'payload.meetingId');
  });

  it('certifies by an appointed scrutineer', () => {
    givenMeeting(closed, { seal: SEAL })
      .when(certify(SCRUTINEER))
      .thenEvents([
        {
          type: 'ResultsCertified',
          data: { meetingId: M, at: at.issuedAt, scrutineer: SCRUTINEER, seal: SEAL },
        },
      ]);
  });

  it('refuses to certify a record that was not sealed', () => {
    givenMeeting(closed).when(certify(SCRUTINEER)).thenRefused('RecordNotSealed', 'payload.meetingId');
  });

  it('certifies by a scrutineer appointed later', () => {
    givenMeeting([...closed, scrutineersAppointed(EGM, ['KPMG'])], { seal: SEAL })
      .when(certify('KPMG'))
      .thenEvents([
        { type: 'ResultsCertified', data: { meetingId: M, at: at.issuedAt, scrutineer: 'KPMG', seal: SEAL } },
      ]);
  });

  it('refuses certification by someone not appointed scrutineer', () => {
    givenMeeting(closed)
      .when(certify('Someone Else & Co'))
      .thenRefused('NotAScrutineer', 'payload.scrutineer');
  });

  it('refuses certification before the meeting closed', () => {
    givenMeeting(afterPoll()).when(certify(SCRUTINEER)).thenRefused('MeetingNotClosed', 'payload.meetingId');
  });

  it('refuses a second certification as certified already, not as a meeting not closed', () => {
    givenMeeting([...closed, resultsCertified(EGM)], { seal: SEAL })
      .when(certify(SCRUTINEER))
      .thenRefused('ResultsCertified', 'payload.meetingId');
  });
});

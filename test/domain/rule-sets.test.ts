import { isLeft, isRight } from 'fp-ts/Either';
import { parseRuleSets, RULE_SETS, ruleSetById, ruleSetsWith } from '../../src/domain/rules/rule-sets';
import { RuleSet } from '../../src/domain/rules/rule-set';
import {
  afterPoll,
  attended,
  COMPANY,
  holding,
  MeetingSpec,
  resolutionProposed,
  resolutionTabled,
  ruleSet,
  scheduled,
  spec,
  voteCast,
} from './factories';
import { cmd, givenMeeting, givenResolution } from './spec';

/**
 * Rule sets are data: the shipped ones (PRC-HKEX-H, PRC-CL, HK-CAP622, UK-CA2006, DE-DGCL) and those a
 * registrar loads from a JSON file through the same codec (parseRuleSets).
 */

const COM = { code: 'COM', issuedShares: 10_000, votesPerShare: 1 };
/** A Delaware annual meeting on 20 June 2024. */
export const DE: MeetingSpec = spec({
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

/** An issuer's charter lowering Delaware's quorum to one-third, as a registrar would write it. */
const charterLowered = (fraction: { numerator: number; denominator: number }, id = 'DE-ACME') => ({
  ...ruleSet('DE-DGCL'),
  id,
  name: 'Acme Corp.: DGCL with the quorum its charter sets',
  quorum: { ...ruleSet('DE-DGCL').quorum, fraction, comparator: 'AT_LEAST' },
  sources: ['Delaware General Corporation Law §216', 'Acme Corp. certificate of incorporation art. VII'],
});

describe('the shipped rule sets', () => {
  it('all decode through the RuleSet codec and include Delaware and the strict PRC rule set', () => {
    expect([...RULE_SETS.keys()]).toEqual(['PRC-HKEX-H', 'PRC-CL', 'HK-CAP622', 'UK-CA2006', 'DE-DGCL']);
    for (const r of RULE_SETS.values()) expect(isRight(RuleSet.decode(r))).toBe(true);
  });

  it('DE-DGCL: majority of present and entitled, 10–60 days, quorum a majority never below a third', () => {
    const de = ruleSet('DE-DGCL');
    expect(de.majorities.ORDINARY).toEqual({
      threshold: { numerator: 1, denominator: 2 },
      comparator: 'MORE_THAN',
      base: 'PRESENT_AND_ENTITLED',
    });
    expect(de.notice.AGM).toEqual({ counting: 'DAYS_BEFORE', minDays: 10, maxDays: 60 });
    expect(de.recordDate).toEqual({ minDaysBefore: 10, maxDaysBefore: 60 });
    expect(de.quorum).toEqual({
      kind: 'SHARES_PRESENT',
      measure: 'SHARES',
      fraction: { numerator: 1, denominator: 2 },
      comparator: 'MORE_THAN',
      floor: { numerator: 1, denominator: 3 },
    });
    expect(de.brokerNonVotes).toBe('REPORTED_NOT_COUNTED');
  });

  it('PRC-CL differs from PRC-HKEX-H in the ordinary comparator alone, and pro-rates over-votes', () => {
    const strict = ruleSet('PRC-CL');
    const articles = ruleSet('PRC-HKEX-H');
    expect(strict.majorities.ORDINARY).toEqual({ ...articles.majorities.ORDINARY, comparator: 'MORE_THAN' });
    expect(strict.majorities.SPECIAL).toEqual(articles.majorities.SPECIAL);
    expect(strict.overVotePolicy).toBe('PRO_RATE');
    expect(articles.overVotePolicy).toBe('REJECT');
  });
});

describe('an ordinary resolution at exactly one half (500 FOR, 500 AGAINST)', () => {
  const at = (ruleSetId: string) => {
    const s = spec({
      meetingId: `egm-${ruleSetId.toLowerCase()}`,
      ruleSetId,
      holders: [holding('A1', 'A', 500), holding('A2', 'A', 500)],
    });
    const history = afterPoll(s, [
      resolutionTabled(s, 'R1', 1, 'ORDINARY'),
      attended(s, 'A1'),
      attended(s, 'A2'),
    ]);
    const proposed = resolutionProposed(
      'R1',
      [{ meetingId: s.meetingId, number: 1, majorityRule: ruleSet(ruleSetId).majorities.ORDINARY }],
      [],
      'ORDINARY',
    );
    const votes = [voteCast('R1', s, 'A1', { for: 500 }), voteCast('R1', s, 'A2', { against: 500 })];
    return givenResolution([proposed, ...votes], { [s.meetingId]: history }).when(
      cmd('CloseVoting', { resolutionId: 'R1', meetingId: s.meetingId }),
    );
  };

  it('passes under PRC-HKEX-H ("no less than" one half)', () => {
    expect(at('PRC-HKEX-H').events()[0].type).toBe('ResolutionPassed');
  });

  it('fails under PRC-CL ("more than" one half, 过半数)', () => {
    expect(at('PRC-CL').events()[0].type).toBe('ResolutionFailed');
  });
});

describe('parseRuleSets: extra rule sets from a JSON file', () => {
  it('accepts an issuer whose charter lowers the quorum to one-third, the floor', () => {
    const parsed = parseRuleSets({ ruleSets: [charterLowered({ numerator: 1, denominator: 3 })] });
    expect(isRight(parsed) && parsed.right.map((r) => r.id)).toEqual(['DE-ACME']);
  });

  it('refuses a quorum below its floor, naming the rule set and field', () => {
    const parsed = parseRuleSets({ ruleSets: [charterLowered({ numerator: 1, denominator: 4 })] });
    expect(isLeft(parsed) && parsed.left).toMatchObject({
      rule: 'InvalidRuleSet',
      field: 'ruleSets[0].quorum',
    });
    expect(isLeft(parsed) && parsed.left.message).toMatch(/QuorumNotBelowFloor/);
  });

  it.each([
    ['an unknown field (misspelt)', { overvotePolicy: 'REJECT' }, 'ruleSets[0].overvotePolicy'],
    ['an unknown over-vote policy', { overVotePolicy: 'IGNORE' }, 'ruleSets[0].overVotePolicy'],
    ['an unknown quorum kind', { quorum: { kind: 'MEMBERS' } }, 'ruleSets[0].quorum.kind'],
    [
      'a notice maximum below its minimum',
      { notice: { ...ruleSet('DE-DGCL').notice, EGM: { counting: 'DAYS_BEFORE', minDays: 10, maxDays: 5 } } },
      'ruleSets[0].notice.EGM',
    ],
    [
      'a record date window upside down',
      { recordDate: { minDaysBefore: 10, maxDaysBefore: 9 } },
      'ruleSets[0].recordDate',
    ],
    [
      'a majority of 3/2',
      {
        majorities: {
          ...ruleSet('DE-DGCL').majorities,
          SPECIAL: {
            threshold: { numerator: 3, denominator: 2 },
            comparator: 'AT_LEAST',
            base: 'OUTSTANDING',
          },
        },
      },
      'ruleSets[0].majorities.SPECIAL.threshold',
    ],
  ])('refuses %s', (_name, change, field) => {
    const parsed = parseRuleSets({
      ruleSets: [{ ...charterLowered({ numerator: 1, denominator: 2 }), ...change }],
    });
    expect(isLeft(parsed) && parsed.left).toMatchObject({ rule: 'InvalidRuleSet', field });
  });

  it('refuses a field missing, and a file that is not { ruleSets: [...] }', () => {
    const { brokerNonVotes: _, ...missing } = charterLowered({ numerator: 1, denominator: 2 });
    expect(parseRuleSets({ ruleSets: [missing] })).toMatchObject({
      left: { rule: 'InvalidRuleSet', field: 'ruleSets[0].brokerNonVotes' },
    });
    expect(parseRuleSets([missing])).toMatchObject({ left: { rule: 'InvalidRuleSet', field: '(root)' } });
    expect(parseRuleSets(null)).toMatchObject({ left: { rule: 'InvalidRuleSet' } });
  });

  it('refuses an id twice in the file, and an id that would redefine a shipped rule set', () => {
    const acme = charterLowered({ numerator: 1, denominator: 2 });
    expect(parseRuleSets({ ruleSets: [acme, acme] })).toMatchObject({
      left: { rule: 'DuplicateRuleSet', field: 'ruleSets[1].id' },
    });
    expect(parseRuleSets({ ruleSets: [{ ...acme, id: 'DE-DGCL' }] })).toMatchObject({
      left: { rule: 'ShippedRuleSet', field: 'ruleSets[0].id' },
    });
  });

  it('a meeting scheduled under a loaded rule set keeps a copy of it', () => {
    const parsed = parseRuleSets({ ruleSets: [charterLowered({ numerator: 1, denominator: 3 })] });
    if (isLeft(parsed)) throw new Error(parsed.left.message);
    const lookup = ruleSetsWith(parsed.right);
    expect(lookup('DE-DGCL')).toBe(ruleSetById('DE-DGCL'));
    const [scheduledEvent] = givenMeeting([], { ruleSet: lookup })
      .when(
        cmd('ScheduleMeeting', {
          meetingId: 'acme-agm',
          company: COMPANY,
          kind: 'AGM',
          title: 'Annual meeting',
          shareClasses: [COM],
          startsAt: DE.startsAt,
          place: 'Wilmington',
          ruleSetId: 'DE-ACME',
        }),
      )
      .events();
    expect(scheduledEvent).toMatchObject({ type: 'MeetingScheduled', data: { ruleSet: parsed.right[0] } });
  });

  it('without the extra rule sets, the same meeting names an unknown rule set', () => {
    givenMeeting([])
      .when(
        cmd('ScheduleMeeting', {
          meetingId: 'acme-agm',
          company: COMPANY,
          kind: 'AGM',
          title: 'Annual meeting',
          shareClasses: [COM],
          startsAt: DE.startsAt,
          place: 'Wilmington',
          ruleSetId: 'DE-ACME',
        }),
      )
      .thenRefused('UnknownRuleSet', 'payload.ruleSetId');
  });
});

describe('notice and record date under DE-DGCL (days before the meeting, 10 to 60)', () => {
  const M = DE.meetingId;
  const notice = (issuedOn: string) => cmd('IssueNotice', { meetingId: M, issuedOn });
  const fix = (recordDate: string) => cmd('FixRecordDate', { meetingId: M, recordDate });

  it.each([
    ['2024-06-10', 9],
    ['2024-04-21', 59],
  ])('accepts notice on %s (the meeting day counted: 10 or 60 days before)', (issuedOn, clearDays) => {
    givenMeeting(scheduled(DE))
      .when(notice(issuedOn))
      .thenEvents([{ type: 'NoticeIssued', data: { meetingId: M, issuedOn, clearDays } }]);
  });

  it('refuses notice 9 days before the meeting: NoticeTooShort', () => {
    givenMeeting(scheduled(DE)).when(notice('2024-06-11')).thenRefused('NoticeTooShort', 'payload.issuedOn');
  });

  it('refuses notice 61 days before the meeting: NoticeTooEarly', () => {
    givenMeeting(scheduled(DE)).when(notice('2024-04-20')).thenRefused('NoticeTooEarly', 'payload.issuedOn');
  });

  it.each(['2024-06-10', '2024-04-21'])(
    'accepts a record date of %s (10 or 60 days before)',
    (recordDate) => {
      givenMeeting(scheduled(DE))
        .when(fix(recordDate))
        .thenEvents([{ type: 'RecordDateFixed', data: { meetingId: M, recordDate } }]);
    },
  );

  it.each([
    ['2024-06-11', 'RecordDateTooLate'],
    ['2024-06-20', 'RecordDateTooLate'],
    ['2024-04-20', 'RecordDateTooEarly'],
    ['2024-06-21', 'RecordDateAfterMeeting'],
  ])('refuses a record date of %s: %s', (recordDate, rule) => {
    givenMeeting(scheduled(DE)).when(fix(recordDate)).thenRefused(rule, 'payload.recordDate');
  });

  it('PRC-HKEX-H sets no maximum: notice a year ahead is notice', () => {
    givenMeeting(scheduled())
      .when(cmd('IssueNotice', { meetingId: 'egm-1', issuedOn: '2022-11-23' }))
      .thenEvents([
        { type: 'NoticeIssued', data: { meetingId: 'egm-1', issuedOn: '2022-11-23', clearDays: 364 } },
      ]);
  });
});

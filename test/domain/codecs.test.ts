import { isLeft, isRight } from 'fp-ts/Either';
import { decodeCommand } from '../../src/application/validation';
import { DomainError } from '../../src/domain/shared/errors';

const MAX = Number.MAX_SAFE_INTEGER;

const envelope = { commandId: 'cmd-1', actor: 'registrar:test', issuedAt: '2023-11-23T14:00:00+08:00' };

/** A well-formed command of each kind tested here; each case breaks exactly one field of one of them. */
const VALID: Record<string, Record<string, unknown>> = {
  ScheduleMeeting: {
    meetingId: 'egm-1',
    company: { name: 'JL MAG RARE-EARTH CO., LTD.', stockCode: '6680' },
    kind: 'EGM',
    title: 'The first extraordinary general meeting of 2023',
    shareClasses: [
      { code: 'A', issuedShares: 1141794851, votesPerShare: 1 },
      { code: 'H', issuedShares: 200745600, votesPerShare: 1 },
    ],
    startsAt: '2023-11-23T14:00:00+08:00',
    place: 'Ganzhou',
    ruleSetId: 'PRC-HKEX-H',
  },
  IssueNotice: {
    meetingId: 'egm-1',
    issuedOn: '2023-11-06',
    circular: { title: 'Circular', date: '2023-11-06' },
  },
  FixRecordDate: { meetingId: 'egm-1', recordDate: '2023-11-17' },
  RecordEntitlements: {
    meetingId: 'egm-1',
    batch: 1,
    holders: [
      { holderId: 'A-0001', shareClass: 'A', shares: 500000000 },
      { holderId: 'A-0002', shareClass: 'A', shares: 20000000, name: 'Institutional investor' },
    ],
  },
  CloseRegister: { meetingId: 'egm-1', controlTotals: [{ shareClass: 'A', shares: 520000000 }] },
  LodgeProxy: {
    meetingId: 'egm-1',
    proxyId: 'P1',
    holderId: 'H-0001',
    proxyName: 'The chairman',
    lodgedAt: '2023-11-22T14:00:00+08:00',
    shares: 100,
  },
  RecordAttendance: { meetingId: 'egm-1', holderId: 'A-0001', mode: 'IN_PERSON' },
  ProposeResolution: {
    resolutionId: 'R1',
    title: 'Amendments to the Articles of Association',
    kind: 'SPECIAL',
    meetings: [{ meetingId: 'egm-1', number: 2 }],
    majorityRule: {
      threshold: { numerator: 2, denominator: 3 },
      comparator: 'AT_LEAST',
      base: 'VOTES_CAST_AND_ABSTAINED',
    },
    requiredToAbstain: [{ holderId: 'A-0001', scope: 'IN_FAVOUR' }],
  },
  CastVote: { resolutionId: 'R1', meetingId: 'egm-1', holderId: 'A-0001', for: 10, against: 0, abstain: 0 },
  OpenMeeting: { meetingId: 'egm-1' },
};

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// Cases reach into the raw JSON freely: it is untyped input by design.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

/** The valid command of `type` with one change made to it (by the `change` function, on a copy). */
function commandWith(type: string, change: (c: Raw) => void = () => {}): unknown {
  const c: Raw = { ...clone(envelope), type, payload: clone(VALID[type]) };
  change(c);
  return c;
}

function refusal(raw: unknown): DomainError {
  const decoded = decodeCommand(raw);
  if (isRight(decoded)) throw new Error(`Expected a refusal, got ${JSON.stringify(decoded.right)}`);
  return decoded.left;
}

const expectRefused = (raw: unknown, rule: string, field: string) => {
  const error = refusal(raw);
  expect({ rule: error.rule, field: error.field }).toEqual({ rule, field });
  expect(error.message).toContain(field);
};

describe('decodeCommand: well-formed commands', () => {
  it.each(Object.keys(VALID))('decodes a valid %s', (type) => {
    const decoded = decodeCommand(commandWith(type));
    expect(isRight(decoded)).toBe(true);
  });

  it('accepts 2^53 − 1 shares, the largest exact count', () => {
    expect(isRight(decodeCommand(commandWith('CastVote', (c) => (c.payload.for = MAX))))).toBe(true);
  });

  it('accepts 29 February in a leap year and a Z offset', () => {
    expect(
      isRight(decodeCommand(commandWith('IssueNotice', (c) => (c.payload.issuedOn = '2024-02-29')))),
    ).toBe(true);
    expect(
      isRight(decodeCommand(commandWith('LodgeProxy', (c) => (c.payload.lodgedAt = '2023-11-22T06:00:00Z')))),
    ).toBe(true);
  });
});

describe('decodeCommand: share counts name the field and the codec', () => {
  it.each([
    ['negative', -1],
    ['fractional', 1.5],
    ['beyond 2^53 − 1', MAX + 1],
    ['a string', '100'],
    ['missing', undefined],
    ['not finite', Number.POSITIVE_INFINITY],
  ])('%s shares in the second holder of a batch', (_name, shares) => {
    expectRefused(
      commandWith('RecordEntitlements', (c) => (c.payload.holders[1].shares = shares)),
      'Invalid:ShareCount',
      'payload.holders[1].shares',
    );
  });

  it.each([
    ['for', -5],
    ['against', 0.25],
    ['abstain', 2 ** 53],
  ])('CastVote %s', (field, value) => {
    expectRefused(
      commandWith('CastVote', (c) => (c.payload[field] = value)),
      'Invalid:ShareCount',
      `payload.${field}`,
    );
  });

  it('fractional shares on a proxy', () => {
    expectRefused(
      commandWith('LodgeProxy', (c) => (c.payload.shares = 99.5)),
      'Invalid:ShareCount',
      'payload.shares',
    );
  });

  it('a negative control total', () => {
    expectRefused(
      commandWith('CloseRegister', (c) => (c.payload.controlTotals[0].shares = -5)),
      'Invalid:ShareCount',
      'payload.controlTotals[0].shares',
    );
  });

  it('issued shares beyond 2^53 − 1', () => {
    expectRefused(
      commandWith('ScheduleMeeting', (c) => (c.payload.shareClasses[1].issuedShares = 2 ** 60)),
      'Invalid:ShareCount',
      'payload.shareClasses[1].issuedShares',
    );
  });

  it('zero votes per share', () => {
    expectRefused(
      commandWith('ScheduleMeeting', (c) => (c.payload.shareClasses[0].votesPerShare = 0)),
      'Invalid:PositiveInt',
      'payload.shareClasses[0].votesPerShare',
    );
  });

  it('batch 0', () => {
    expectRefused(
      commandWith('RecordEntitlements', (c) => (c.payload.batch = 0)),
      'Invalid:PositiveInt',
      'payload.batch',
    );
  });

  it('resolution number 0 at a meeting', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.meetings[0].number = 0)),
      'Invalid:PositiveInt',
      'payload.meetings[0].number',
    );
  });
});

describe('decodeCommand: identifiers, dates and instants', () => {
  it('missing meetingId', () => {
    expectRefused(
      commandWith('FixRecordDate', (c) => delete c.payload.meetingId),
      'Invalid:Id',
      'payload.meetingId',
    );
  });

  it('an id with a space', () => {
    expectRefused(
      commandWith('RecordAttendance', (c) => (c.payload.holderId = 'A 0001')),
      'Invalid:Id',
      'payload.holderId',
    );
  });

  it('a meeting id inside the list of meetings', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.meetings[0].meetingId = '')),
      'Invalid:Id',
      'payload.meetings[0].meetingId',
    );
  });

  it.each(['2023-02-30', '2023-02-29', '2023-13-01', '2023-11-6', '06/11/2023'])('bad date %s', (date) => {
    expectRefused(
      commandWith('IssueNotice', (c) => (c.payload.issuedOn = date)),
      'Invalid:IsoDate',
      'payload.issuedOn',
    );
  });

  it('a bad date nested in the circular', () => {
    expectRefused(
      commandWith('IssueNotice', (c) => (c.payload.circular.date = '2023-02-30')),
      'Invalid:IsoDate',
      'payload.circular.date',
    );
  });

  it('a record date written as an instant', () => {
    expectRefused(
      commandWith('FixRecordDate', (c) => (c.payload.recordDate = '2023-11-17T00:00:00Z')),
      'Invalid:IsoDate',
      'payload.recordDate',
    );
  });

  it.each(['2023-11-22T14:00:00', '2023-11-22 14:00:00+08:00', '2023-11-22', '2023-02-30T14:00:00+08:00'])(
    'lodgedAt %s: a datetime needs a valid date and an explicit offset',
    (at) => {
      expectRefused(
        commandWith('LodgeProxy', (c) => (c.payload.lodgedAt = at)),
        'Invalid:IsoDateTime',
        'payload.lodgedAt',
      );
    },
  );

  it('startsAt without an offset', () => {
    expectRefused(
      commandWith('ScheduleMeeting', (c) => (c.payload.startsAt = '2023-11-23T14:00:00')),
      'Invalid:IsoDateTime',
      'payload.startsAt',
    );
  });

  it('issuedAt of the envelope without an offset', () => {
    expectRefused(
      commandWith('RecordAttendance', (c) => (c.issuedAt = '2023-11-23T14:00:00')),
      'Invalid:IsoDateTime',
      'issuedAt',
    );
  });
});

describe('decodeCommand: strings, enums and rules', () => {
  it.each(['', '   '])('empty title %j', (title) => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.title = title)),
      'Invalid:NonEmptyString',
      'payload.title',
    );
  });

  it('empty actor', () => {
    expectRefused(
      commandWith('CastVote', (c) => (c.actor = '')),
      'Invalid:NonEmptyString',
      'actor',
    );
  });

  it('empty company name', () => {
    expectRefused(
      commandWith('ScheduleMeeting', (c) => (c.payload.company.name = '')),
      'Invalid:NonEmptyString',
      'payload.company.name',
    );
  });

  it('bad majority rule: numerator > denominator', () => {
    expectRefused(
      commandWith(
        'ProposeResolution',
        (c) => (c.payload.majorityRule.threshold = { numerator: 3, denominator: 2 }),
      ),
      'Invalid:Threshold (numerator ≤ denominator)',
      'payload.majorityRule.threshold',
    );
  });

  it('bad majority rule: denominator 0', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.majorityRule.threshold.denominator = 0)),
      'Invalid:PositiveInt',
      'payload.majorityRule.threshold.denominator',
    );
  });

  it('bad majority rule: unknown comparator', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.majorityRule.comparator = 'AT_MOST')),
      'Invalid:"AT_LEAST" | "MORE_THAN"',
      'payload.majorityRule.comparator',
    );
  });

  it('bad majority rule: unknown base', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.majorityRule.base = 'SHARES_ISSUED')),
      'Invalid:"VOTES_CAST" | "VOTES_CAST_AND_ABSTAINED" | "PRESENT_AND_ENTITLED" | "OUTSTANDING"',
      'payload.majorityRule.base',
    );
  });

  it('an unknown abstention scope', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.requiredToAbstain[0].scope = 'AGAINST')),
      'Invalid:"ALL" | "IN_FAVOUR"',
      'payload.requiredToAbstain[0].scope',
    );
  });

  it('an unknown attendance mode', () => {
    expectRefused(
      commandWith('RecordAttendance', (c) => (c.payload.mode = 'BY_POST')),
      'Invalid:"IN_PERSON" | "PROXY" | "CORPORATE_REPRESENTATIVE" | "ONLINE"',
      'payload.mode',
    );
  });

  it('an unknown meeting kind', () => {
    expectRefused(
      commandWith('ScheduleMeeting', (c) => (c.payload.kind = 'AGMX')),
      'Invalid:"AGM" | "EGM" | "SGM" | "CLASS"',
      'payload.kind',
    );
  });

  it('a share class code with punctuation', () => {
    expectRefused(
      commandWith('CastVote', (c) => (c.payload.shareClass = 'H-1')),
      'Invalid:ShareClassCode',
      'payload.shareClass',
    );
  });

  it('an empty batch of holders', () => {
    expectRefused(
      commandWith('RecordEntitlements', (c) => (c.payload.holders = [])),
      'Invalid:EntitlementBatch',
      'payload.holders',
    );
  });

  it('a resolution put to no meeting', () => {
    expectRefused(
      commandWith('ProposeResolution', (c) => (c.payload.meetings = [])),
      'Invalid:ResolutionMeetings',
      'payload.meetings',
    );
  });
});

describe('decodeCommand: command types and unknown fields', () => {
  it.each([
    ['an unknown type', { ...envelope, type: 'DeleteMeeting', payload: { meetingId: 'egm-1' } }],
    ['no type', { ...envelope, payload: { meetingId: 'egm-1' } }],
    ['a type that is not a string', { ...envelope, type: 42, payload: { meetingId: 'egm-1' } }],
    [
      'TableResolution, which only the command handler issues',
      {
        ...envelope,
        type: 'TableResolution',
        payload: { meetingId: 'egm-1', resolutionId: 'R1', number: 1, title: 'x', kind: 'SPECIAL' },
      },
    ],
  ])('refuses %s', (_name, raw) => {
    const error = refusal(raw);
    expect({ rule: error.rule, field: error.field }).toEqual({ rule: 'UnknownCommandType', field: 'type' });
  });

  it.each([null, 42, 'OpenMeeting', []])('refuses %j as a command', (raw) => {
    expect(refusal(raw)).toMatchObject({ rule: 'UnknownCommandType', field: 'type' });
  });

  it('refuses a missing payload', () => {
    const error = refusal(commandWith('FixRecordDate', (c) => delete c.payload));
    expect(error.field).toBe('payload');
    expect(error.rule.startsWith('Invalid:')).toBe(true);
  });

  it('refuses a client trying to set what the domain decides (supersedes)', () => {
    expectRefused(
      commandWith('LodgeProxy', (c) => (c.payload.supersedes = 'P0')),
      'Invalid:UnknownField',
      'payload.supersedes',
    );
  });

  it('refuses a misspelt optional field rather than dropping it', () => {
    expectRefused(
      commandWith('LodgeProxy', (c) => (c.payload.share = 100)),
      'Invalid:UnknownField',
      'payload.share',
    );
  });

  it('refuses an unknown field inside a holder', () => {
    expectRefused(
      commandWith('RecordEntitlements', (c) => (c.payload.holders[1].votes = 999)),
      'Invalid:UnknownField',
      'payload.holders[1].votes',
    );
  });

  it('refuses an unknown field of the envelope', () => {
    const error = refusal(commandWith('OpenMeeting', (c) => (c.priority = 1)));
    expect({ rule: error.rule, field: error.field }).toEqual({
      rule: 'Invalid:UnknownField',
      field: 'priority',
    });
  });

  it('never throws on garbage: every refusal is a DomainError', () => {
    for (const raw of [undefined, {}, { type: 'CastVote' }, { type: 'CastVote', payload: 'x' }]) {
      const decoded = decodeCommand(raw);
      expect(isLeft(decoded)).toBe(true);
    }
  });
});

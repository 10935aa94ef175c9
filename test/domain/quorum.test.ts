import fc from 'fast-check';
import { checkQuorum } from '../../src/domain/rules/quorum';
import { Quorum, RuleSet } from '../../src/domain/rules/rule-set';
import { reaches } from '../../src/domain/shared/exact';
import {
  attended,
  B,
  holding,
  inPerson,
  MeetingSpec,
  proxyLodged,
  registered,
  ruleSet,
  spec,
} from './factories';
import { cmd, givenMeeting } from './spec';

/**
 * Quorum per rule set, checked when the meeting opens and recorded in MeetingOpened. An inquorate
 * opening is refused (QuorumNotMet, with the figures), not recorded: the meeting has not opened and
 * can transact no business, and holders may still arrive before the chair tries again.
 */

const COM = { code: 'COM', issuedShares: 10_000, votesPerShare: 1 };
const DE: MeetingSpec = spec({
  meetingId: 'de-agm',
  kind: 'AGM',
  shareClasses: [COM],
  startsAt: '2024-06-20T10:00:00-04:00',
  ruleSetId: 'DE-DGCL',
  holders: [
    holding('H1', 'COM', 4000),
    holding('H2', 'COM', 1000),
    holding('H3', 'COM', 1),
    holding('H4', 'COM', 4999),
  ],
});
const open = (meetingId: string) =>
  cmd('OpenMeeting', { meetingId }, { issuedAt: '2024-06-20T10:00:00-04:00' });

/**
 * A charter quorum of one-third (the DGCL floor), no less than: the rule set a registrar would load. The
 * meeting decides on the copy MeetingScheduled keeps, so no lookup of it is needed once scheduled.
 */
const THIRD: RuleSet = {
  ...ruleSet('DE-DGCL'),
  id: 'DE-ACME',
  quorum: {
    kind: 'SHARES_PRESENT',
    measure: 'SHARES',
    fraction: { numerator: 1, denominator: 3 },
    comparator: 'AT_LEAST',
    floor: { numerator: 1, denominator: 3 },
  },
};
const ACME: MeetingSpec = { ...DE, meetingId: 'acme-agm', ruleSetId: 'DE-ACME', rules: THIRD };

describe('OpenMeeting under DE-DGCL: a majority of the shares entitled, present', () => {
  it('refuses at exactly one half (5,000 of 10,000): a majority is more than half', () => {
    const error = givenMeeting([...registered(DE), ...inPerson(DE, 'H1', 'H2')])
      .when(open(DE.meetingId))
      .thenRefused('QuorumNotMet', 'payload.meetingId');
    expect(error.message).toBe('5000 shares present of 10000 entitled; 5001 required under DE-DGCL');
  });

  it('opens with 5,001 present, recording present, entitled, required and met in shares', () => {
    givenMeeting([...registered(DE), ...inPerson(DE, 'H1', 'H2', 'H3')])
      .when(open(DE.meetingId))
      .thenEvents([
        {
          type: 'MeetingOpened',
          data: {
            meetingId: DE.meetingId,
            openedAt: '2024-06-20T10:00:00-04:00',
            quorum: {
              kind: 'SHARES_PRESENT',
              unit: 'SHARES',
              present: 5001,
              entitled: 10_000,
              required: 5001,
              met: true,
              holdersPresent: 3,
              votesPresent: 5001,
            },
          },
        },
      ]);
  });

  it('counts shares represented by proxy, not the whole holding of a partial proxy', () => {
    const partial = [
      attended(DE, 'H4'),
      proxyLodged(DE, 'P1', 'H2', 1, { lodgedAt: '2024-06-19T10:00:00-04:00' }),
      attended(DE, 'H2', 'PROXY', { proxyId: 'P1', shares: 1 }),
    ];
    givenMeeting([...registered(DE), ...partial])
      .when(open(DE.meetingId))
      .thenRefused('QuorumNotMet', 'payload.meetingId');
    givenMeeting([...registered(DE), ...partial, attended(DE, 'H3')])
      .when(open(DE.meetingId))
      .thenEvents([expect.objectContaining({ type: 'MeetingOpened' }) as never]);
  });

  it('no one present: refused', () => {
    givenMeeting(registered(DE)).when(open(DE.meetingId)).thenRefused('QuorumNotMet', 'payload.meetingId');
  });
});

describe('a charter lowering the quorum to one-third (never below the DGCL floor)', () => {
  it('refuses 3,333 of 10,000 present', () => {
    const few: MeetingSpec = {
      ...ACME,
      holders: [holding('H1', 'COM', 3333), holding('H2', 'COM', 6667)],
    };
    const error = givenMeeting([...registered(few), attended(few, 'H1')])
      .when(open(few.meetingId))
      .thenRefused('QuorumNotMet', 'payload.meetingId');
    expect(error.message).toBe('3333 shares present of 10000 entitled; 3334 required under DE-ACME');
  });

  it('opens with 4,999 present, which DE-DGCL itself would refuse', () => {
    givenMeeting([...registered(DE), attended(DE, 'H4')])
      .when(open(DE.meetingId))
      .thenRefused('QuorumNotMet', 'payload.meetingId');
    const [opened] = givenMeeting([...registered(ACME), attended(ACME, 'H4')])
      .when(open(ACME.meetingId))
      .events();
    expect(opened).toMatchObject({ data: { quorum: { present: 4999, required: 3334, met: true } } });
  });

  it('opens with 3,334 present: at least one-third', () => {
    const enough: MeetingSpec = {
      ...ACME,
      holders: [holding('H1', 'COM', 3334), holding('H2', 'COM', 6666)],
    };
    const [opened] = givenMeeting([...registered(enough), attended(enough, 'H1')])
      .when(open(enough.meetingId))
      .events();
    expect(opened).toMatchObject({ data: { quorum: { present: 3334, required: 3334, met: true } } });
  });
});

describe('a quorum measured in votes, with a weighted class', () => {
  const VOTES: RuleSet = {
    ...THIRD,
    id: 'WVR-VOTES',
    quorum: { ...(THIRD.quorum as Extract<Quorum, { kind: 'SHARES_PRESENT' }>), measure: 'VOTES' },
  };
  // 900 A shares (900 votes) and 50 B shares at 10 votes (500 votes): 1,400 votes entitled.
  const WVR: MeetingSpec = spec({
    meetingId: 'wvr-agm',
    ruleSetId: 'WVR-VOTES',
    rules: VOTES,
    shareClasses: [{ code: 'A', issuedShares: 1000, votesPerShare: 1 }, B],
    holders: [holding('A1', 'A', 900), holding('B1', 'B', 50)],
  });

  it('50 B shares are 500 votes of 1,400: more than a third of the votes, though 5% of the shares', () => {
    const [opened] = givenMeeting([...registered(WVR), attended(WVR, 'B1')])
      .when(open(WVR.meetingId))
      .events();
    expect(opened).toMatchObject({
      data: { quorum: { unit: 'VOTES', present: 500, entitled: 1400, required: 467, met: true } },
    });
  });
});

describe('checkQuorum (property): required is the least count that reaches the fraction', () => {
  const fraction = fc
    .tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }))
    .map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }));
  const count = fc.nat({ max: Number.MAX_SAFE_INTEGER });

  it('met exactly when the present count reaches the fraction of the entitled, by cross-multiplication', () => {
    fc.assert(
      fc.property(
        fraction,
        fc.constantFrom('AT_LEAST' as const, 'MORE_THAN' as const),
        count,
        count,
        (f, comparator, a, b) => {
          const entitled = Math.max(a, b);
          const present = Math.min(a, b);
          const quorum: Quorum = { kind: 'SHARES_PRESENT', measure: 'SHARES', fraction: f, comparator };
          const figures = { HOLDERS: 0, SHARES: present, VOTES: 0 };
          const found = checkQuorum(quorum, {
            present: figures,
            entitled: { HOLDERS: 0, SHARES: entitled, VOTES: 0 },
          });
          expect(found.met).toBe(reaches(present, entitled, f, comparator));
          // required reaches, and one fewer does not: it is the least.
          expect(reaches(found.required, entitled, f, comparator)).toBe(true);
          if (found.required > 0) expect(reaches(found.required - 1, entitled, f, comparator)).toBe(false);
        },
      ),
    );
  });
});

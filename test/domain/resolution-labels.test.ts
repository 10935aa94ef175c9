import { isLeft } from 'fp-ts/Either';
import { decodeCommand } from '../../src/application/validation';
import { toDomainEvent } from '../../src/application/stored-events';
import { RecordedEvent } from '../../src/application/event-store';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { EGM, noticed, resolutionTabled, ruleSet, tableCommand } from './factories';
import { cmd, givenMeeting, givenResolution } from './spec';

/**
 * A resolution's label is how its notice prints it ("2(a)", "(b)"); its number is its place in the
 * notice's order. Both are taken on the agenda, and neither may be taken twice there.
 */
const M = EGM.meetingId;
const PRC = ruleSet('PRC-HKEX-H').majorities;
const labelled = (resolutionId: string, number: number, label: string): MeetingEvent => {
  const tabled = resolutionTabled(EGM, resolutionId, number);
  return { ...tabled, data: { ...tabled.data, label } } as MeetingEvent;
};
const table = (resolutionId: string, number: number, label?: string) =>
  tableCommand({ meetingId: M, resolutionId, number, ...(label ? { label } : {}) });

describe('TableResolution with a label', () => {
  it('records the label the notice gives the resolution', () => {
    givenMeeting(noticed())
      .when(table('R2a', 2, '2(a)'))
      .thenEvents([
        {
          type: 'ResolutionTabled',
          data: {
            meetingId: M,
            resolutionId: 'R2a',
            number: 2,
            label: '2(a)',
            title: 'Resolution R2a',
            kind: 'SPECIAL',
          },
        },
      ]);
  });

  it('refuses a label another resolution on the agenda has', () => {
    givenMeeting([...noticed(), labelled('R2a', 2, '2(a)')])
      .when(table('R2b', 3, '2(a)'))
      .thenRefused('DuplicateResolutionLabel', 'payload.label');
  });

  it('refuses a number whose own label another resolution has', () => {
    givenMeeting([...noticed(), labelled('R1', 1, '2')])
      .when(table('R2', 2))
      .thenRefused('DuplicateResolutionLabel', 'payload.number');
  });

  it('accepts sub-labels of one number one after the other', () => {
    givenMeeting([...noticed(), labelled('R2a', 2, '2(a)'), labelled('R2b', 3, '2(b)')])
      .when(table('R3', 4, '3'))
      .thenEvents([
        {
          type: 'ResolutionTabled',
          data: {
            meetingId: M,
            resolutionId: 'R3',
            number: 4,
            label: '3',
            title: 'Resolution R3',
            kind: 'SPECIAL',
          },
        },
      ]);
  });
});

describe('ProposeResolution with a label', () => {
  const R = 'R2a';
  it('records the label with its number at each meeting', () => {
    givenResolution([], { [M]: [...noticed(), labelled(R, 2, '2(a)')] })
      .when(
        cmd('ProposeResolution', {
          resolutionId: R,
          title: 'To re-elect a director',
          kind: 'ORDINARY',
          meetings: [{ meetingId: M, number: 2, label: '2(a)' }],
        }),
      )
      .thenEvents([
        {
          type: 'ResolutionProposed',
          data: {
            resolutionId: R,
            title: 'To re-elect a director',
            kind: 'ORDINARY',
            meetings: [{ meetingId: M, number: 2, label: '2(a)', majorityRule: PRC.ORDINARY }],
            requiredToAbstain: [],
            votesPerShare: [],
          },
        },
      ]);
  });
});

describe('a bad label is refused by the codec, naming the field and the rule', () => {
  const propose = (label: unknown) =>
    decodeCommand({
      type: 'ProposeResolution',
      commandId: 'cmd-1',
      actor: 'company-secretary:test',
      issuedAt: '2023-11-06T18:00:00+08:00',
      payload: {
        resolutionId: 'R1',
        title: 'Amendments',
        kind: 'SPECIAL',
        meetings: [{ meetingId: M, number: 1, label }],
      },
    });
  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', '1'.repeat(33)],
    ['a line break', '2\n(a)'],
    ['a bidirectional override', '2(\u202ea)'],
    ['a leading space', ' 2(a)'],
    ['not text', 2],
  ])('%s', (_, label) => {
    const decoded = propose(label);
    expect(isLeft(decoded) && decoded.left).toMatchObject({
      rule: 'Invalid:ResolutionLabel',
      field: 'payload.meetings[0].label',
    });
  });
  it('accepts the labels notices print', () => {
    for (const label of ['1', '2(a)', '(b)', 'Ordinary Resolution 3', '1'.repeat(32)])
      expect(isLeft(propose(label))).toBe(false);
  });
});

describe('events written before labels, upcast', () => {
  const stored = (type: string, schemaVersion: number, data: unknown): RecordedEvent =>
    ({
      eventId: 'e1',
      type,
      schemaVersion,
      data,
      metadata: {},
      streamName: 's',
      revision: 0,
      position: 1,
    }) as unknown as RecordedEvent;
  it('ResolutionTabled@1: the number is the label', () => {
    const data = { meetingId: M, resolutionId: 'R1', number: 7, title: 'T', kind: 'ORDINARY' };
    expect(toDomainEvent(stored('ResolutionTabled', 1, data)).data).toEqual({ ...data, label: '7' });
  });
  it('ResolutionProposed@2: each meeting’s number is its label', () => {
    const data = {
      resolutionId: 'R1',
      title: 'T',
      kind: 'ORDINARY',
      meetings: [{ meetingId: M, number: 4, majorityRule: PRC.ORDINARY }],
      requiredToAbstain: [],
      votesPerShare: [],
    };
    const { meetings } = toDomainEvent(stored('ResolutionProposed', 2, data)).data as { meetings: unknown };
    expect(meetings).toEqual([{ meetingId: M, number: 4, label: '4', majorityRule: PRC.ORDINARY }]);
  });
});

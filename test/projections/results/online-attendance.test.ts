import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../../src/application/event-store';
import { toDomainEvent } from '../../../src/application/stored-events';
import { GovrecCommand } from '../../../src/domain/commands';
import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { publishedCommands, PublishedMeeting } from '../../golden/published/scenario-builder';
import { recordedEvents } from '../recorded';

/**
 * A PRC meeting where one holder votes online (the A-share network vote): it attends, is counted by
 * mode, and the announcement says how many shares were represented online.
 */
const EGM: PublishedMeeting = {
  id: 'online-egm',
  company: { name: 'Network Vote Co., Ltd.', stockCode: '000001' },
  kind: 'EGM',
  title: 'The first extraordinary general meeting of 2024',
  ruleSetId: 'PRC-CL',
  shareClasses: [{ code: 'A', issuedShares: 10_000, votesPerShare: 1 }],
  startsAt: '2024-06-20T14:30:00+08:00',
  place: 'Shenzhen',
  noticeOn: '2024-06-01',
  recordDate: '2024-06-14',
  holders: [
    { holderId: 'ON-SITE', shareClass: 'A', shares: 5_000, attends: true },
    { holderId: 'ONLINE-1', shareClass: 'A', shares: 1_250, attends: true },
    { holderId: 'AWAY', shareClass: 'A', shares: 3_750, attends: false },
  ],
  resolutions: [
    {
      id: 'r1',
      number: 1,
      title: 'To approve the annual report',
      kind: 'ORDINARY',
      votes: [
        ['ON-SITE', 5_000, 0, 0],
        ['ONLINE-1', 0, 1_250, 0],
      ],
    },
  ],
};

/** The scenario's commands, with ONLINE-1's attendance recorded as an online vote. */
const withOnlineVote = (commands: GovrecCommand[]): GovrecCommand[] =>
  commands.map((c) =>
    c.type === 'RecordAttendance' && c.payload.holderId === 'ONLINE-1'
      ? { ...c, payload: { ...c.payload, mode: 'ONLINE' as const } }
      : c,
  );

let events: RecordedDomainEvent[];
beforeAll(async () => {
  events = await recordedEvents(withOnlineVote(publishedCommands(EGM)));
});

describe('holders voting online', () => {
  it('are counted by mode in the attendance read model, and among those attending', () => {
    const models = foldResults(events);
    const byMode = models.attendance.get(EGM.id)?.byMode;
    expect(byMode?.ONLINE).toEqual({ holders: 1, shares: 1_250, votes: 1_250 });
    expect(byMode?.IN_PERSON).toEqual({ holders: 1, shares: 5_000, votes: 5_000 });
    const meeting = resultsView(models).meetings[0];
    expect(meeting.attendingShares).toBe(6_250);
    expect(meeting.attendingOnline).toEqual({ holders: 1, shares: 1_250, percent: '12.5000' });
    // Their votes count: AGAINST 1,250 of the 6,250 attending.
    expect([meeting.resolutions[0].against, meeting.resolutions[0].againstPct]).toEqual([1_250, '20.0000']);
  });

  it('are said in the announcement’s attendance sentence, in English and in Chinese', () => {
    expect(announcementText(announcementFromEvents(events))).toContain(
      'attending the EGM in person, by proxy or by online voting was 6,250 Shares, representing approximately 62.5000% of the total number of Shares, of which 1,250 Shares (approximately 12.5000% of the total number of Shares) were represented by 1 holder voting online.',
    );
    expect(announcementText(announcementFromEvents(events, {}, undefined, 'zh-Hant'))).toContain(
      '親身、委派代表或通過網絡投票出席',
    );
    expect(announcementText(announcementFromEvents(events, {}, undefined, 'zh-Hant'))).toContain(
      '其中通過網絡投票的1名股東所代表的股份為1,250股',
    );
  });

  it('leave the sentence as it was where nobody voted online', async () => {
    const inPerson = await recordedEvents(publishedCommands(EGM));
    const text = announcementText(announcementFromEvents(inPerson));
    expect(text).toContain('attending the EGM in person or by proxy was 6,250 Shares');
    expect(resultsView(foldResults(inPerson)).meetings[0].attendingOnline).toBeUndefined();
  });
});

describe('a stored record with a holder voting online (MeetingScheduled 4, AttendanceRecorded 2, VoteCast 3, CumulativeBallotCast 2)', () => {
  it('reads back with the online holder among those attending', () => {
    const stored = readFileSync(
      join(__dirname, '..', '..', 'fixtures', 'stored-events', 'online-voting.v4.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => toDomainEvent(JSON.parse(line) as RecordedEvent));
    const models = foldResults(stored);
    expect(models.attendance.get('prc-agm-2026')?.byMode.ONLINE?.holders).toBe(1);
    expect(stored.some((e) => e.type === 'VoteCast' && e.data.castBy === 'ONLINE')).toBe(true);
    expect(stored.some((e) => e.type === 'CumulativeBallotCast' && e.data.castBy === 'ONLINE')).toBe(true);
  });
});

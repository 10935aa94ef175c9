import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/application/event-store';
import { toDomainEvent } from '../../src/application/stored-events';
import { evolveMeeting, initialMeetingState, MeetingState } from '../../src/domain/meeting/state';
import { isMeetingEvent } from '../../src/domain/events';
import { summarise } from '../../src/projections/audit/summary';
import { foldResults, resultsView } from '../../src/projections/results/view';

/**
 * The events of postponement, adjournment and holders' proposals as they were first stored (a PRC-CL
 * EGM postponed, adjourned after its poll opened, and resumed, with a resolution put by holders): read
 * back, folded to the meeting's state, its results, and its audit lines.
 */
const stored = (file: string) =>
  readFileSync(join(__dirname, '..', 'fixtures', 'stored-events', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => toDomainEvent(JSON.parse(line) as RecordedEvent));
const events = stored('adjournment-and-proposals.v1.jsonl');

describe('the stored adjournment-and-proposals record', () => {
  it('folds to a meeting held at its postponed time and resumed, its proxies carried, its proposal noticed', () => {
    const state: MeetingState = events.filter(isMeetingEvent).reduce(evolveMeeting, initialMeetingState());
    if (state.status !== 'SCHEDULED') throw new Error('Not scheduled');
    expect(state.startsAt).toBe('2024-06-27T14:00:00+08:00');
    expect(state.resumedAt).toBe('2024-07-02T14:00:00+08:00');
    expect(state.adjourned).toBeUndefined();
    expect(state.phase).toBe('CERTIFIED');
    expect([...state.attendance.entries()].filter(([, a]) => a.mode === 'PROXY').map(([id]) => id)).toEqual([
      'A-02',
      'H-02',
    ]);
    expect(state.proposals.get('example-2024-sp1')).toMatchObject({
      resolutionId: 'example-2024-r2',
      supplementaryNoticeOn: '2024-06-10',
    });
  });

  it('gives results dated the day the meeting resumed, with the votes cast before the adjournment and by the carried proxies', () => {
    const [meeting] = resultsView(foldResults(events)).meetings;
    expect(meeting.heldOn).toBe('2024-07-02');
    expect(meeting.attendingShares).toBe(662_000);
    expect(
      meeting.resolutions.map(({ no, for: f, against, passed, proposedByHolders }) => ({
        no,
        f,
        against,
        passed,
        proposedByHolders,
      })),
    ).toEqual([
      { no: 1, f: 612_000, against: 50_000, passed: true, proposedByHolders: undefined },
      { no: 2, f: 462_000, against: 200_000, passed: true, proposedByHolders: true },
    ]);
  });

  it('reads in the audit trail', () => {
    const lines = events.map(summarise);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Meeting postponed from 2024-06-20T14:00:00+08:00 to 2024-06-27T14:00:00+08:00: Black rainstorm warning forecast for the day of the meeting; the notice given stands; proxies lodged stay valid, new ones until 2024-06-26T14:00:00+08:00',
        'Meeting adjourned (by resolution of the meeting) to 2024-07-02T14:00:00+08:00: A power failure at the venue stopped the counting of the poll; notice of the resumption required; proxies lodged stay valid, new ones until 2024-07-01T14:00:00+08:00',
        'Notice of the resumption at 2024-07-02T14:00:00+08:00 issued on 2024-06-28 (3 clear days)',
        'Meeting resumed at 2024-07-02T14:00:00+08:00 with 4 holders present (quorum 0)',
        "Holders' proposal example-2024-sp1 (ordinary) received on 2024-06-08 from A-01 (12,000 A), H-01 (4,000 H): 16,000 of 1,500,000 shares; supplementary notice due by 2024-06-10: To consider and approve the increase of the interim cash dividend",
        "Supplementary notice of holders' proposal example-2024-sp1 issued on 2024-06-10",
        "Resolution example-2024-r2 tabled as No. 2 (ordinary), putting holders' proposal example-2024-sp1: To consider and approve the increase of the interim cash dividend",
      ]),
    );
  });
});

describe('the stored record of an adjournment for want of a quorum and a late supplementary notice', () => {
  const second = stored('adjournment-quorum-and-late-notice.v1.jsonl');
  const stateOf = (meetingId: string): MeetingState =>
    second
      .filter(isMeetingEvent)
      .filter((e) => (e.data as { meetingId: string }).meetingId === meetingId)
      .reduce(evolveMeeting, initialMeetingState());

  it('keeps the quorum found when the meeting stood adjourned, and opens it on resumption', () => {
    const adjourned = second.find((e) => e.type === 'MeetingAdjourned');
    expect(adjourned?.data).toMatchObject({
      cause: 'QUORUM_NOT_PRESENT',
      noticeRequired: true,
      quorum: { kind: 'HOLDERS_PRESENT', present: 1, required: 2, met: false },
    });
    const state = stateOf('fixture-hk-egm-2024');
    if (state.status !== 'SCHEDULED') throw new Error('Not scheduled');
    expect(state.phase).toBe('OPEN');
    // Lodged after the first deadline, within that of the postponed meeting, and attending the resumption.
    expect(state.attendance.get('M-2')).toMatchObject({ mode: 'PROXY', proxyId: 'PX-2', shares: 3000 });
  });

  it('keeps a supplementary notice given late, marked late', () => {
    const state = stateOf('fixture-prc-egm-2024b');
    if (state.status !== 'SCHEDULED') throw new Error('Not scheduled');
    expect(state.proposals.get('fixture-sp2')).toMatchObject({
      supplementaryNoticeDueBy: '2024-06-07',
      supplementaryNoticeOn: '2024-06-09',
    });
    expect(second.find((e) => e.type === 'SupplementaryNoticeIssued')?.data).toMatchObject({ late: true });
  });
});

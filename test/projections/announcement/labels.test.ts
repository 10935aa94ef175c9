import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { resultsCsv } from '../../../src/projections/results/csv';
import { foldResults, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { publishedCommands, PublishedMeeting } from '../../golden/published/scenario-builder';
import { recordedEvents } from '../recorded';

/**
 * An AGM whose notice labels its resolutions 1, 2(a), 2(b), 2(c) and 3 (numbers 1 to 5, its order):
 * X may not vote on 2(a) and 2(b), and 2(c) fails. Every output prints the notice's labels.
 */
const ID = 'labels-agm';
const at = (number: number, label?: string) => ({
  meetings: [{ meetingId: ID, number, ...(label ? { label } : {}) }],
});
const AGM: PublishedMeeting = {
  id: ID,
  company: { name: 'Label Holdings Limited', stockCode: '9999' },
  kind: 'AGM',
  title: 'The annual general meeting of 2024',
  ruleSetId: 'HK-CAP622',
  presentation: { decimals: 2 },
  shareClasses: [{ code: 'ORD', issuedShares: 10_000, votesPerShare: 1 }],
  startsAt: '2024-06-20T10:00:00+08:00',
  place: 'Hong Kong',
  noticeOn: '2024-05-20',
  recordDate: '2024-06-14',
  holders: [
    { holderId: 'N1', shareClass: 'ORD', shares: 6_000, attends: true },
    { holderId: 'N2', shareClass: 'ORD', shares: 3_000, attends: true },
    { holderId: 'X', shareClass: 'ORD', shares: 1_000, attends: true },
  ],
  resolutions: [
    // Proposed out of order: the outputs follow the notice's order, not the order of proposal.
    {
      id: 'r3',
      number: 5,
      title: 'To re-appoint the auditors',
      kind: 'ORDINARY',
      extra: at(5, '3'),
      votes: [['N1', 6_000, 0, 0]],
    },
    {
      id: 'r1',
      number: 1,
      title: 'To receive the accounts',
      kind: 'ORDINARY',
      extra: at(1),
      votes: [
        ['N1', 6_000, 0, 0],
        ['X', 1_000, 0, 0],
      ],
    },
    ...(['a', 'b'] as const).map((sub, i) => ({
      id: `r2${sub}`,
      number: 2 + i,
      title: `To re-elect director ${sub.toUpperCase()}`,
      kind: 'ORDINARY' as const,
      extra: { ...at(2 + i, `2(${sub})`), requiredToAbstain: [{ holderId: 'X', scope: 'ALL' }] },
      votes: [
        ['N1', 6_000, 0, 0],
        ['N2', 0, 3_000, 0],
      ] as const,
    })),
    {
      id: 'r2c',
      number: 4,
      title: 'To re-elect director C',
      kind: 'ORDINARY',
      extra: at(4, '2(c)'),
      votes: [
        ['N1', 0, 6_000, 0],
        ['N2', 3_000, 0, 0],
      ],
    },
  ],
};

let events: RecordedDomainEvent[];
beforeAll(async () => {
  events = await recordedEvents(publishedCommands(AGM));
});

describe('resolutions labelled as the notice labels them', () => {
  it('are in the results in the notice’s order, each with its label', () => {
    const meeting = resultsView(foldResults(events)).meetings[0];
    expect(meeting.resolutions.map((r) => [r.no, r.label, r.passed])).toEqual([
      [1, '1', true],
      [2, '2(a)', true],
      [3, '2(b)', true],
      [4, '2(c)', false],
      [5, '3', true],
    ]);
    const csv = resultsCsv(resultsView(foldResults(events)));
    expect(csv).toContain(',resolution,2(a),r2a,');
  });

  it('are cited by label in the announcement’s tables and sentences', () => {
    const text = announcementText(announcementFromEvents(events));
    expect(text).toMatch(/^1\.\tTo receive the accounts\t/m);
    expect(text).toMatch(/^2\(a\)\tTo re-elect director A\t/m);
    expect(text).toContain(
      'was 10,000 Shares, save for resolutions No. 2(a) and 2(b), in respect of which it was 9,000 Shares (approximately 90.00% of the issued Shares).',
    );
    expect(text).toContain('The above resolutions No. 1, 2(a), 2(b) and 3 are ordinary resolutions');
    expect(text).toContain(
      'The above resolution No. 2(c) is an ordinary resolution, which has not been passed',
    );
  });

  it('are cited by label in the Chinese announcement', () => {
    const text = announcementText(announcementFromEvents(events, {}, undefined, 'zh-Hant'));
    expect(text).toContain('第2(a)及2(b)項決議案');
    expect(text).toContain('上述第2(c)項決議案');
  });

  it('are cited by label in the UK result of meeting', () => {
    const text = announcementText(announcementFromEvents(events, { form: 'UK_RESULT_OF_MEETING' }));
    expect(text).toContain(
      'resolutions No. 1, 2(a), 2(b) and 3 were passed and resolution No. 2(c) was not passed',
    );
    expect(text).toMatch(/^2\(c\)\tTo re-elect director C\t/m);
  });
});

import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, MeetingView, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { recordedEvents } from '../../projections/recorded';
import { publishedCommands, PublishedMeeting } from './scenario-builder';

/**
 * An HK special general meeting with a holder required to abstain, as published: Huanxi Media Group
 * Limited, poll results of the SGM held on 12 June 2019 (one ordinary resolution, a connected
 * transaction). Source: https://www.marketscreener.com/news/Huanxi-Media-POLL-RESULTS-OF-THE-SPECIAL-GENERAL-MEETING-HELD-ON-12-JUNE-2019-in-PDF--28744003/
 *
 * Published: 3,154,655,408 Shares in issue; Tairong Holdings, holding 438,625,528 Shares
 * (approximately 13.90% of the issued Shares), required to abstain; the Independent Shareholders'
 * 2,716,029,880 Shares (approximately 86.10%) entitled to vote. The stored copy of the release does
 * not hold the vote counts, so the votes here are synthetic (and the resolution is made to fail, a
 * case the release does not show): only the published abstention figures are checked against it.
 * A search of the stored pages for this release's vote counts (by company, date, resolution and
 * figures) found no copy that holds them. Real failed resolutions with a holder required to abstain,
 * every figure published: hk-failed-abstention-pku-resources-2020.test.ts.
 */
const ISSUED = 3_154_655_408;
const TAIRONG = 438_625_528;

const HUANXI_2019: PublishedMeeting = {
  id: 'huanxi-2019-sgm',
  company: { name: 'Huanxi Media Group Limited', stockCode: '1003', incorporation: 'Bermuda' },
  kind: 'SGM',
  title: 'The special general meeting',
  ruleSetId: 'HK-CAP622',
  presentation: { dateStyle: 'DAY_MONTH_YEAR' },
  shareClasses: [{ code: 'ORD', issuedShares: ISSUED, votesPerShare: 1 }],
  startsAt: '2019-06-12T10:00:00+08:00',
  place: 'Hong Kong',
  noticeOn: '2019-05-24',
  recordDate: '2019-06-06',
  holders: [
    { holderId: 'TAIRONG', shareClass: 'ORD', shares: TAIRONG, attends: true },
    { holderId: 'HKSCC', shareClass: 'ORD', shares: 1_500_000_000, attends: true },
    { holderId: 'OTHERS', shareClass: 'ORD', shares: ISSUED - TAIRONG - 1_500_000_000, attends: false },
  ],
  resolutions: [
    {
      id: 'huanxi-2019-r1',
      number: 1,
      title: 'To approve the connected transaction and the transactions contemplated thereunder',
      kind: 'ORDINARY',
      extra: { requiredToAbstain: [{ holderId: 'TAIRONG', scope: 'ALL' }] },
      votes: [['HKSCC', 600_000_000, 900_000_000, 0]],
    },
  ],
};

let events: RecordedDomainEvent[];
let meeting: MeetingView;

beforeAll(async () => {
  events = await recordedEvents(publishedCommands(HUANXI_2019));
  meeting = resultsView(foldResults(events)).meetings[0];
});

describe('Huanxi Media Group Limited, SGM of 12 June 2019 (a holder required to abstain)', () => {
  it('states the abstaining holding and the independent shares as published', () => {
    expect(meeting.kind).toBe('SGM');
    expect(meeting.sharesEntitledToVote).toBe(ISSUED);
    expect(meeting.resolutions[0].requiredToAbstain).toEqual({
      holders: 1,
      shares: 438_625_528,
      percentOfIssued: '13.90',
      independentShares: 2_716_029_880,
    });
  });

  it('announces them, with the independent shares as a percentage of the issued shares', () => {
    const text = announcementText(announcementFromEvents(events));
    expect(text).toContain(
      'The total number of Shares entitling the holders to attend and vote on resolution No. 1 at the SGM was 2,716,029,880 Shares (approximately 86.10% of the issued Shares).',
    );
    expect(text).toContain(
      'The holder of 438,625,528 Shares (approximately 13.90% of the issued Shares) was required to abstain from voting on resolution No. 1 at the SGM',
    );
    expect(text).toContain('POLL RESULTS OF THE SPECIAL GENERAL MEETING HELD ON 12 JUNE 2019');
  });

  it('decides the resolution on the independent holders’ votes alone: it fails', () => {
    const r = meeting.resolutions[0];
    expect([r.for, r.against, r.forPct, r.againstPct, r.passed]).toEqual([
      600_000_000,
      900_000_000,
      '40.00',
      '60.00',
      false,
    ]);
    const text = announcementText(announcementFromEvents(events));
    expect(text).toContain('which has not been passed');
  });
});

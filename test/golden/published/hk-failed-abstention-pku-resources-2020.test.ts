import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, MeetingView, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { recordedEvents } from '../../projections/recorded';
import { publishedCommands, PublishedMeeting } from './scenario-builder';

/**
 * An HK meeting with failed resolutions and a holder required to abstain, as published: Peking
 * University Resources (Holdings) Company Limited (Bermuda, stock code 00618), poll results of the
 * special general meeting held on 12 March 2020 (postponed from 13 February 2020), two ordinary
 * resolutions on continuing connected transactions (the 2019 Master Purchase Agreement and the 2019
 * Master Sales Agreement) with Founder Information, the controlling shareholder. Source:
 * https://www.marketscreener.com/PEKING-UNIVERSITY-RESOURC-6170556/news/Peking-University-Resources-POLL-RESULTS-OF-THE-SPECIAL-GENERAL-MEETING-HELD-ON-12-MARCH-2020-30148600/?utm_medium=RSS&utm_content=20200312
 * (date, time, venue and the notice's date: the postponement announcement of 11 February 2020,
 * https://www.marketscreener.com/PEKING-UNIVERSITY-RESOURC-6170556/news/Peking-University-Resources-POSTPONEMENT-OF-SPECIAL-GENERAL-MEETING-RE-OPENING-OF-REGISTER-OF-MEM-29977532/).
 *
 * Published, for each resolution: FOR 13,585,580 (1.81%), AGAINST 735,003,000 (98.19%), of the votes
 * cast, to 2 decimals, no ABSTAIN column. Issued Shares 6,416,155,647; Founder Information, holding
 * 3,850,134,407 Shares (approximately 60.01% of the issued share capital), required to abstain and
 * did; the Independent Shareholders' 2,566,021,240 Shares entitled to vote. The stored copy holds the
 * table and the abstention paragraph but not the sentence stating the outcome: "not passed" follows
 * from the published figures (98.19% against). Not published: the record date (the scenario's is
 * synthetic), the attendance, the scrutineer. The register is synthetic: two nominees whose votes are
 * the published counts, Founder Information, and holders who stayed away.
 */
const ISSUED = 6_416_155_647;
const FOUNDER = 3_850_134_407;
const FOR = 13_585_580;
const AGAINST = 735_003_000;

const PKU_2020: PublishedMeeting = {
  id: 'pku-resources-2020-sgm',
  company: {
    name: 'Peking University Resources (Holdings) Company Limited',
    stockCode: '00618',
    incorporation: 'Bermuda',
  },
  kind: 'SGM',
  title: 'The special general meeting',
  ruleSetId: 'HK-CAP622',
  // As published: FOR and AGAINST of the votes cast, to 2 decimals (the rule set's), no ABSTAIN
  // column, and the independent holders' shares as a number alone.
  presentation: { dateStyle: 'DAY_MONTH_YEAR', abstentions: 'NOT_SHOWN', independentShareOfIssued: false },
  shareClasses: [{ code: 'ORD', issuedShares: ISSUED, votesPerShare: 1 }],
  startsAt: '2020-03-12T11:30:00+08:00',
  place: 'Unit 1408, 14th Floor, Cable TV Tower, 9 Hoi Shing Road, Tsuen Wan, New Territories, Hong Kong',
  noticeOn: '2020-01-24',
  recordDate: '2020-03-06',
  holders: [
    {
      holderId: 'FOUNDER-INFORMATION',
      shareClass: 'ORD',
      shares: FOUNDER,
      attends: false,
      name: 'Founder Information',
    },
    { holderId: 'NOMINEE-A', shareClass: 'ORD', shares: FOR, attends: true },
    { holderId: 'NOMINEE-B', shareClass: 'ORD', shares: AGAINST, attends: true },
    { holderId: 'OTHERS', shareClass: 'ORD', shares: ISSUED - FOUNDER - FOR - AGAINST, attends: false },
  ],
  resolutions: [1, 2].map((no) => ({
    id: `pku-2020-r${no}`,
    number: no,
    title: `To approve the transactions contemplated under the 2019 Master ${no === 1 ? 'Purchase' : 'Sales'} Agreement, the Proposed Annual Caps in relation thereto for the three years ending 31 December 2022 and the authorisation to any one Director in relation thereto`,
    kind: 'ORDINARY' as const,
    extra: { requiredToAbstain: [{ holderId: 'FOUNDER-INFORMATION', scope: 'ALL' }] },
    votes: [
      ['NOMINEE-A', FOR, 0, 0],
      ['NOMINEE-B', 0, AGAINST, 0],
    ],
  })),
};

let events: RecordedDomainEvent[];
let meeting: MeetingView;

beforeAll(async () => {
  events = await recordedEvents(publishedCommands(PKU_2020));
  meeting = resultsView(foldResults(events)).meetings[0];
});

const TITLES = PKU_2020.resolutions.map((r) => r.title);

describe('Peking University Resources, SGM of 12 March 2020 (failed resolutions, a holder required to abstain)', () => {
  it.each([1, 2])('resolution %i: the published votes and percentages, not passed', (no) => {
    const r = meeting.resolutions[no - 1];
    expect([r.no, r.type, r.for, r.forPct, r.against, r.againstPct, r.passed]).toEqual([
      no,
      'ordinary',
      13_585_580,
      '1.81',
      735_003_000,
      '98.19',
      false,
    ]);
  });

  it('states the abstaining holding, its share of the issued Shares and the independent Shares', () => {
    expect(meeting.kind).toBe('SGM');
    expect([meeting.sharesEntitledToVote, meeting.sharesRequiredToAbstain]).toEqual([
      6_416_155_647, 3_850_134_407,
    ]);
    for (const r of meeting.resolutions) {
      expect(r.requiredToAbstain).toEqual({
        holders: 1,
        shares: 3_850_134_407,
        percentOfIssued: '60.01',
        independentShares: 2_566_021_240,
      });
    }
  });

  it('announces every published figure and the outcome', () => {
    const text = announcementText(announcementFromEvents(events));
    expect(text).toContain('POLL RESULTS OF THE SPECIAL GENERAL MEETING HELD ON 12 MARCH 2020');
    expect(text).toContain(
      'the total number of issued shares of the Company (the “Shares”) was 6,416,155,647 Shares.',
    );
    for (const [i, title] of TITLES.entries()) {
      expect(text).toContain(`${i + 1}.\t${title}\t13,585,580 (1.81%)\t735,003,000 (98.19%)\n`);
    }
    // The issuer: "Founder Information held 3,850,134,407 Shares ..., representing approximately 60.01%
    // of the issued share capital ..., is required to, and did, abstain"; the register names the holder,
    // and govrec names it with the same figures.
    expect(text).toContain(
      'Founder Information, holding 3,850,134,407 Shares (approximately 60.01% of the issued Shares), was required to abstain from voting on resolutions No. 1 and 2 at the SGM',
    );
    // The issuer: "Independent Shareholders holding a total of 2,566,021,240 Shares were entitled to
    // attend and vote on the ordinary resolutions", the number alone (Huanxi adds its percentage).
    expect(text).toContain(
      'The total number of Shares entitling the holders to attend and vote on resolutions No. 1 and 2 at the SGM was 2,566,021,240 Shares.',
    );
    expect(text).not.toContain('ABSTAIN');
    // Both resolutions failed: the issuer opens with no "pleased to announce", nor does govrec.
    expect(text).not.toContain('pleased');
    expect(text).toContain('announces that the special general meeting');
    expect(text).toContain('The above resolutions are ordinary resolutions, none of which has been passed');
  });

  it('says the same in Chinese: the holder by name, the opening without 欣然', () => {
    const zh = announcementText(announcementFromEvents(events, {}, undefined, 'zh-Hant'));
    // No Chinese name is given, so the register's English one stands in its place.
    expect(zh).toContain('持有3,850,134,407股股份的Founder Information須根據');
    expect(zh).toContain('董事會（「董事會」）宣佈，');
    expect(zh).not.toContain('欣然');
  });
});

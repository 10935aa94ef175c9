import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, MeetingView, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { recordedEvents } from '../../projections/recorded';
import { publishedCommands, PublishedMeeting } from './scenario-builder';

/**
 * A failed special resolution at HK EGMs, as published: CLSA Premium Limited (HKG:6877, Cayman
 * Islands), formerly KVB Kunlun Financial Group, where a holder (KVB Holdings Limited, 300,000,000
 * Shares, approximately 14.75% of the issued Shares) requisitioned a special resolution to wind the
 * Company up. It needed at least 75% of the votes cast and failed at each EGM.
 *
 * The stored copies are reports of the poll results announcements, not the announcements:
 * - EGM of 28 July 2020: https://financemagnates.com/forex/brokers/clsa-shareholders-vote-against-business-wind-up/amp
 *   Published: 1,502,230,311 votes cast, 300,000,310 FOR, 1,202,230,001 AGAINST; "As at the date of
 *   the EGM, the total number of issued Shares was 2,033,290,000 Shares, which was the total number of
 *   Shares entitling the Shareholders to attend and vote for or against the Resolution at the EGM"
 *   (quoted from the announcement); no holder required to abstain; not passed. The reporter's "80
 *   percent" is no issuer figure: the percentages of this EGM are not in the stored text.
 * - EGM of 2 December 2020 (date and place: https://fxnewsgroup.com/forex-news/retail-forex/board-of-clsa-premium-urges-shareholders-to-vote-against-proposed-winding-up):
 *   https://fortunez.com/clsa-premium-dodges-wind-up-for-the-second-time/
 *   Published: 1,501,865,046 votes cast, 1,201,865,046 AGAINST (80.02%), the rest FOR (19.98%), that is
 *   300,000,000; not passed. The issued Shares at this EGM are not in the stored text: the scenario
 *   keeps the July figure (the requisitionist's 300,000,000 Shares are 14.75% of it, as published).
 *
 * Neither meeting had holders required to abstain (for failed resolutions with a required abstention,
 * see the Peking University Resources case). Resolution texts are abridged; the register is synthetic.
 */
const ISSUED = 2_033_290_000;
const REQUISITIONIST = 300_000_000;
const TITLE = 'That the Company be wound up by the Grand Court of the Cayman Islands';

const egm = (p: {
  id: string;
  startsAt: string;
  noticeOn: string;
  recordDate: string;
  place: string;
  others: number;
  against: number;
}): PublishedMeeting => ({
  id: p.id,
  company: { name: 'CLSA Premium Limited', stockCode: '6877', incorporation: 'Cayman Islands' },
  kind: 'EGM',
  title: 'The extraordinary general meeting',
  // The Companies Law (Cayman) leaves the majority of a special resolution to the articles; these ask
  // for three-quarters of the votes cast, as Cap. 622 s.564 does.
  ruleSetId: 'HK-CAP622',
  // As published: FOR and AGAINST of the votes cast, to 2 decimals, no ABSTAIN column.
  presentation: { dateStyle: 'DAY_MONTH_YEAR', abstentions: 'NOT_SHOWN' },
  shareClasses: [{ code: 'ORD', issuedShares: ISSUED, votesPerShare: 1 }],
  startsAt: p.startsAt,
  place: p.place,
  noticeOn: p.noticeOn,
  recordDate: p.recordDate,
  holders: [
    { holderId: 'KVB-HOLDINGS', shareClass: 'ORD', shares: REQUISITIONIST, attends: true },
    { holderId: 'NOMINEE', shareClass: 'ORD', shares: p.against + p.others, attends: true },
    {
      holderId: 'OTHERS',
      shareClass: 'ORD',
      shares: ISSUED - REQUISITIONIST - p.against - p.others,
      attends: false,
    },
  ],
  resolutions: [
    {
      id: `${p.id}-r1`,
      number: 1,
      title: TITLE,
      kind: 'SPECIAL',
      votes: [
        ['KVB-HOLDINGS', REQUISITIONIST, 0, 0],
        ['NOMINEE', p.others, p.against, 0],
      ],
    },
  ],
});

const JULY: PublishedMeeting = egm({
  id: 'clsa-premium-2020-07-egm',
  startsAt: '2020-07-28T10:00:00+08:00',
  noticeOn: '2020-07-10',
  recordDate: '2020-07-22',
  place: 'Hong Kong',
  others: 310,
  against: 1_202_230_001,
});

const DECEMBER: PublishedMeeting = egm({
  id: 'clsa-premium-2020-12-egm',
  startsAt: '2020-12-02T10:15:00+08:00',
  noticeOn: '2020-11-13',
  recordDate: '2020-11-26',
  place: 'Suites 7501 & 7508, 75/F., International Commerce Centre, 1 Austin Road West, Kowloon, Hong Kong',
  others: 0,
  against: 1_201_865_046,
});

interface Built {
  readonly events: RecordedDomainEvent[];
  readonly meeting: MeetingView;
  readonly text: string;
}
const built: Record<'july' | 'december', Built> = {} as never;

beforeAll(async () => {
  for (const [key, m] of [
    ['july', JULY],
    ['december', DECEMBER],
  ] as const) {
    const events = await recordedEvents(publishedCommands(m));
    built[key] = {
      events,
      meeting: resultsView(foldResults(events)).meetings[0],
      text: announcementText(announcementFromEvents(events)),
    };
  }
});

describe('CLSA Premium Limited, EGM of 28 July 2020 (a requisitioned special resolution fails)', () => {
  it('counts the published votes and fails the resolution on the 75% rule', () => {
    const { meeting } = built.july;
    const r = meeting.resolutions[0];
    expect([r.type, r.for, r.against, r.validlyCast?.votes, r.passed]).toEqual([
      'special',
      300_000_310,
      1_202_230_001,
      1_502_230_311,
      false,
    ]);
    expect([meeting.sharesEntitledToVote, meeting.sharesRequiredToAbstain]).toEqual([2_033_290_000, 0]);
    // Not published: govrec's own figures at the issuer's precision (the reporter's "80 percent").
    expect([r.forPct, r.againstPct]).toEqual(['19.97', '80.03']);
  });

  it('announces the published figures and that the resolution was not passed', () => {
    const { text } = built.july;
    expect(text).toContain('POLL RESULTS OF THE EXTRAORDINARY GENERAL MEETING HELD ON 28 JULY 2020');
    expect(text).toContain(`1.\t${TITLE}\t300,000,310 (19.97%)\t1,202,230,001 (80.03%)\n`);
    // The issuer's sentence reads "As at the date of the EGM, the total number of issued Shares was
    // 2,033,290,000 Shares, which was the total number of Shares entitling the Shareholders to attend
    // and vote for or against the Resolution at the EGM": govrec states both figures in two sentences.
    expect(text).toContain(
      'the total number of issued shares of the Company (the “Shares”) was 2,033,290,000 Shares.',
    );
    // The issuer's "the Resolution": a single resolution is "the resolution", never "the respective".
    expect(text).toContain(
      'entitling the holders to attend and vote in respect of the resolution at the EGM was 2,033,290,000 Shares.',
    );
    expect(text).toContain('and the resolution set out below was voted by way of poll.');
    expect(text).not.toMatch(/respective|pleased/);
    const zh = announcementText(announcementFromEvents(built.july.events, {}, undefined, 'zh-Hant'));
    expect(zh).toContain('，下文所載的決議案以投票方式表決。');
    expect(zh).toContain('有權出席臨時股東大會並就決議案投票的股份總數為2,033,290,000股股份。');
    expect(zh).not.toMatch(/欣然|各項|所有決議案/);
    expect(text).toContain('There were no Shareholders who were required to abstain from voting');
    expect(text).toContain('is a special resolution, which has not been passed');
  });
});

describe('CLSA Premium Limited, EGM of 2 December 2020 (the same resolution fails again)', () => {
  it('counts the published votes and percentages, to 2 decimals of the votes cast', () => {
    const { meeting } = built.december;
    const r = meeting.resolutions[0];
    expect([r.for, r.forPct, r.against, r.againstPct, r.validlyCast?.votes, r.passed]).toEqual([
      300_000_000,
      '19.98',
      1_201_865_046,
      '80.02',
      1_501_865_046,
      false,
    ]);
  });

  it('announces them, with the date as the issuer writes it', () => {
    const { text } = built.december;
    expect(text).toContain('POLL RESULTS OF THE EXTRAORDINARY GENERAL MEETING HELD ON 2 DECEMBER 2020');
    expect(text).toContain(`1.\t${TITLE}\t300,000,000 (19.98%)\t1,201,865,046 (80.02%)\n`);
    expect(text).not.toContain('ABSTAIN');
    expect(text).toContain('is a special resolution, which has not been passed');
  });
});

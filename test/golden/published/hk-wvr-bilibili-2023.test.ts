import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, MeetingView, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { recordedEvents } from '../../projections/recorded';
import { publishedCommands, PublishedMeeting } from './scenario-builder';

/**
 * An HK company with weighted voting rights, as published: Bilibili Inc. (HKEX 9626), poll results
 * of its 2023 annual general meeting, resolutions 8 and 9 (the stored copy of the release holds those).
 * Source: https://capedge.com/filing/1723690/0001193125-23-180913/BILI-6K/file/3
 *
 * Each Class Y share carries ten votes on these resolutions, each Class Z share one. The release
 * prints, per resolution, a row per class and a total: FOR, AGAINST and ABSTAIN in votes, each a
 * percentage (6 decimals) of that row's FOR + AGAINST + ABSTAIN, with the shares voted and the votes
 * they carry. Synthetic register: Y1 holds every Class Y share voted, Z1 the Class Z shares voted and
 * splits them as published, Z2 (100,000,000 Class Z shares) stays away.
 */
type Figures = readonly [number, string, number, string, number, string];
interface Published {
  readonly no: number;
  readonly title: string;
  readonly z: Figures;
  readonly y: Figures;
  readonly total: Figures;
  /** Shares voted and the votes they carry: Z, Y and in all. */
  readonly shares: readonly [number, number, number];
  readonly votes: readonly [number, number, number];
}

const Y_ROW: Figures = [837_151_140, '100.000000', 0, '0.000000', 0, '0.000000'];
const PUBLISHED: readonly Published[] = [
  {
    no: 8,
    title:
      'THAT a general mandate be granted to the Directors to repurchase Class Z ordinary shares and/or ADSs of the Company not exceeding 10% of the total number of issued Shares of the Company as of the date of passing of this resolution',
    z: [237_570_707, '99.737185', 288_272, '0.121023', 337_745, '0.141792'],
    y: Y_ROW,
    total: [1_074_721_847, '99.941785', 288_272, '0.026807', 337_745, '0.031408'],
    shares: [238_196_724, 83_715_114, 321_911_838],
    votes: [238_196_724, 837_151_140, 1_075_347_864],
  },
  {
    no: 9,
    title:
      'THAT the general mandate granted to the Directors to issue, allot, and deal with additional Shares in the capital of the Company be extended by the aggregate number of the Shares and/or Shares underlying the ADSs repurchased by the Company',
    z: [186_757_481, '78.404723', 51_170_033, '21.482257', 269_210, '0.113020'],
    y: Y_ROW,
    total: [1_023_908_621, '95.216502', 51_170_033, '4.758463', 269_210, '0.025035'],
    shares: [238_196_724, 83_715_114, 321_911_838],
    votes: [238_196_724, 837_151_140, 1_075_347_864],
  },
];

const BILIBILI_2023: PublishedMeeting = {
  id: 'bili-2023-agm',
  company: { name: 'Bilibili Inc.', stockCode: '9626', incorporation: 'Cayman Islands' },
  kind: 'AGM',
  title: 'The annual general meeting of 2023',
  ruleSetId: 'HK-CAP622',
  // As this issuer publishes: every figure of FOR + AGAINST + ABSTAIN, 6 decimals, a row per class.
  presentation: { percentageBase: 'VOTES_CAST_AND_ABSTAINED', decimals: 6, classRows: true },
  shareClasses: [
    { code: 'Z', issuedShares: 338_196_724, votesPerShare: 1 },
    { code: 'Y', issuedShares: 83_715_114, votesPerShare: 10 },
  ],
  startsAt: '2023-06-30T16:30:00+08:00',
  place: 'Shanghai',
  noticeOn: '2023-05-15',
  recordDate: '2023-05-31',
  holders: [
    { holderId: 'Z1', shareClass: 'Z', shares: 238_196_724, attends: true },
    { holderId: 'Z2', shareClass: 'Z', shares: 100_000_000, attends: false },
    { holderId: 'Y1', shareClass: 'Y', shares: 83_715_114, attends: true },
  ],
  resolutions: PUBLISHED.map((p) => ({
    id: `bili-2023-r${p.no}`,
    number: p.no,
    title: p.title,
    kind: 'ORDINARY' as const,
    votes: [
      ['Z1', p.z[0], p.z[2], p.z[4]],
      ['Y1', p.y[0] / 10, p.y[2] / 10, p.y[4] / 10],
    ],
  })),
};

let events: RecordedDomainEvent[];
let meeting: MeetingView;

beforeAll(async () => {
  events = await recordedEvents(publishedCommands(BILIBILI_2023));
  meeting = resultsView(foldResults(events)).meetings[0];
});

const row = (r: {
  for: number;
  forPct: string;
  against: number;
  againstPct: string;
  abstain: number;
  abstainPct?: string;
}) => [r.for, r.forPct, r.against, r.againstPct, r.abstain, r.abstainPct] as const;

describe('Bilibili Inc., 2023 AGM (Class Y ten votes a share, Class Z one), as published', () => {
  it.each(PUBLISHED)('resolution $no: the total, each class, the shares voted and their votes', (p) => {
    const r = meeting.resolutions.find((x) => x.no === p.no)!;
    const [z, y] = r.classes!;
    expect([row(r), row(z), row(y)]).toEqual([p.total, p.z, p.y]);
    const sharesOf = (s: { for: number; against: number; abstain: number }) => s.for + s.against + s.abstain;
    expect([sharesOf(z.shares ?? z), sharesOf(y.shares!), sharesOf(r.shares!)]).toEqual(p.shares);
    expect([sharesOf(z), sharesOf(y), sharesOf(r)]).toEqual(p.votes);
    expect(r.passed).toBe(true);
  });

  it('attendance by class, in shares and in votes', () => {
    const [z, y] = meeting.classes!;
    expect([z.attendingShares, y.attendingShares, y.attendingVotes]).toEqual([
      238_196_724, 83_715_114, 837_151_140,
    ]);
  });

  it('announces a row per class under each total, every published figure', () => {
    const text = announcementText(announcementFromEvents(events));
    const n = (x: number) => x.toLocaleString('en-US');
    const cells = (f: Figures) => `${n(f[0])} (${f[1]}%)\t${n(f[2])} (${f[3]}%)\t${n(f[4])} (${f[5]}%)`;
    for (const p of PUBLISHED) {
      expect(text).toContain(`${p.no}.\t${p.title}\t${cells(p.total)}\n`);
      expect(text).toContain(
        `\tZ Shares\t${n(p.z[0])} (${p.z[1]}%)\t${n(p.z[2])} (${p.z[3]}%)\t${n(p.z[4])} (${p.z[5]}%)\n`,
      );
      // The weighted class gives its votes and the shares behind them.
      expect(text).toContain(
        `\tY Shares\t${n(p.y[0])} (${p.y[1]}%) [${n(p.shares[1])} shares]\t0 (0.000000%) [0 shares]\t0 (0.000000%) [0 shares]\n`,
      );
    }
  });
});

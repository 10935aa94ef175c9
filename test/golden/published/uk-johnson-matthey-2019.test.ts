import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, MeetingView, resultsView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { recordedEvents } from '../../projections/recorded';
import { publishedCommands, PublishedMeeting } from './scenario-builder';

/**
 * A UK plc's AGM as published: Johnson Matthey Plc, "Result of AGM", 17 July 2019, CA 2006 s.341(1A).
 * Source: https://cdn.financialreports.eu/financialreports/media/filings/4899/2019/DVA/4899_dva_2019-07-17_6bed58cc-50b5-403f-b3ba-dffb5b0573c4.html
 * (the stored copy holds resolutions 1 to 13 of the release; those are rebuilt and tested here).
 *
 * Published per resolution: For, For %, Against, Against % (of the votes cast, 2 decimals), Votes
 * Total (validly cast), % of Issued Share Capital, Votes Withheld (no percentage: no vote in law).
 * The release's issued share capital is not in the stored copy; the register here holds
 * 193,532,000 shares, inside the only range (193,528,614 to 193,536,027) on which every published
 * "% of Issued Share Capital" rounds as printed. Synthetic register: nominee N1 (100,000,000 shares)
 * votes all FOR; nominee N2 (50,754,194) splits the rest of each count; N3 (42,777,806) stays away.
 */
type Row = [number, string, number, string, number, string, number, string, number];
const PUBLISHED: readonly Row[] = [
  [
    1,
    "To receive the Company's accounts for the year ended 31st March 2019.",
    149_824_905,
    '99.99',
    20_984,
    '0.01',
    149_845_889,
    '77.43',
    908_282,
  ],
  [
    2,
    "To approve the directors' remuneration report, other than the part containing the directors' remuneration policy, for the year ended 31st March 2019.",
    147_872_019,
    '98.99',
    1_508_764,
    '1.01',
    149_380_783,
    '77.19',
    1_370_852,
  ],
  [
    3,
    'To declare a final dividend of 62.25 pence per share on the ordinary shares.',
    150_723_755,
    '100.00',
    156,
    '0.00',
    150_723_911,
    '77.88',
    28_399,
  ],
  [
    4,
    'To elect Ms X Liu as a director of the Company.',
    149_720_215,
    '99.35',
    986_162,
    '0.65',
    150_706_377,
    '77.87',
    47_817,
  ],
  [
    5,
    'To re-elect Mr AM Ferguson as a director of the Company.',
    148_363_542,
    '98.44',
    2_344_706,
    '1.56',
    150_708_248,
    '77.87',
    45_946,
  ],
  [
    6,
    'To re-elect Dr JV Griffiths as a director of the Company.',
    150_123_384,
    '99.61',
    586_676,
    '0.39',
    150_710_060,
    '77.87',
    44_134,
  ],
  [
    7,
    'To re-elect RJ MacLeod as a director of the Company.',
    149_542_321,
    '99.23',
    1_164_852,
    '0.77',
    150_707_173,
    '77.87',
    47_021,
  ],
  [
    8,
    'To re-elect Mrs AO Manz as a director of the Company.',
    149_461_620,
    '99.17',
    1_245_105,
    '0.83',
    150_706_725,
    '77.87',
    47_469,
  ],
  [
    9,
    'To re-elect Mr CJ Mottershead as a director of the Company',
    149_352_576,
    '99.10',
    1_356_877,
    '0.90',
    150_709_453,
    '77.87',
    44_741,
  ],
  [
    10,
    "To re-elect Mr J O'Higgins as a director of the Company.",
    149_317_108,
    '99.08',
    1_392_102,
    '0.92',
    150_709_210,
    '77.87',
    44_984,
  ],
  [
    11,
    'To re-elect Mr P Thomas as a director of the Company.',
    149_384_962,
    '99.12',
    1_324_281,
    '0.88',
    150_709_243,
    '77.87',
    44_951,
  ],
  [
    12,
    'To re-elect Mr JF Walker as a director of the Company.',
    149_483_404,
    '99.19',
    1_226_176,
    '0.81',
    150_709_580,
    '77.87',
    44_614,
  ],
  [
    13,
    'To re-appoint PricewaterhouseCoopers LLP as auditor for the forthcoming year.',
    150_418_847,
    '99.81',
    291_561,
    '0.19',
    150_710_408,
    '77.87',
    42_286,
  ],
];

const N1 = 100_000_000;
const JM_2019: PublishedMeeting = {
  id: 'jm-2019-agm',
  company: { name: 'Johnson Matthey Plc' },
  kind: 'AGM',
  title: 'Annual General Meeting 2019',
  ruleSetId: 'UK-CA2006',
  shareClasses: [{ code: 'ORD', issuedShares: 193_532_000, votesPerShare: 1 }],
  startsAt: '2019-07-17T11:00:00+01:00',
  place: 'London',
  noticeOn: '2019-06-12',
  recordDate: '2019-07-15',
  holders: [
    { holderId: 'N1', shareClass: 'ORD', shares: N1, attends: true },
    { holderId: 'N2', shareClass: 'ORD', shares: 50_754_194, attends: true },
    { holderId: 'N3', shareClass: 'ORD', shares: 42_777_806, attends: false },
  ],
  resolutions: PUBLISHED.map(([no, title, f, , against, , , , withheld]) => ({
    id: `jm-2019-r${no}`,
    number: no,
    title,
    // Resolutions 1 to 13 of this AGM are ordinary.
    kind: 'ORDINARY' as const,
    votes: [
      ['N1', N1, 0, 0],
      ['N2', f - N1, against, withheld],
    ],
  })),
};

let events: RecordedDomainEvent[];
let meeting: MeetingView;

beforeAll(async () => {
  events = await recordedEvents(publishedCommands(JM_2019));
  meeting = resultsView(foldResults(events)).meetings[0];
});

describe('Johnson Matthey Plc, AGM of 17 July 2019 (UK-CA2006, as published)', () => {
  it.each(PUBLISHED)(
    'resolution %i: every published figure in the results',
    (no, _t, f, fp, a, ap, total, isc, w) => {
      const r = meeting.resolutions.find((x) => x.no === no)!;
      expect({
        for: r.for,
        forPct: r.forPct,
        against: r.against,
        againstPct: r.againstPct,
        validlyCast: r.validlyCast,
        withheld: r.abstain,
        withheldPct: r.abstainPct,
        passed: r.passed,
      }).toEqual({
        for: f,
        forPct: fp,
        against: a,
        againstPct: ap,
        validlyCast: { votes: total, percentOfIssued: isc },
        withheld: w,
        withheldPct: undefined,
        passed: true,
      });
    },
  );

  it('prints the "Result of AGM" with every published figure, row by row', () => {
    const text = announcementText(announcementFromEvents(events, { form: 'UK_RESULT_OF_MEETING' }));
    const n = (x: number) => x.toLocaleString('en-GB');
    for (const [no, title, f, fp, a, ap, total, isc, w] of PUBLISHED)
      expect(text).toContain(
        `${no}.\t${title}\t${n(f)}\t${fp}\t${n(a)}\t${ap}\t${n(total)}\t${isc}%\t${n(w)}\n`,
      );
    expect(text).toContain('Annual General Meeting held on 17 July 2019: all resolutions were passed.');
    expect(text).toContain('Result of Annual General Meeting');
  });

  it('states the votes withheld as counts with no percentage, in the results and the HKEX form alike', () => {
    // UK-CA2006 publishes a Result of AGM by default (its presentation's form); the HKEX form is asked for.
    const hk = announcementText(announcementFromEvents(events, { form: 'HKEX_POLL_RESULTS' }));
    expect(hk).toContain('\tFOR\tAGAINST\tVOTES WITHHELD');
    expect(hk).toContain(`149,824,905 (99.99%)\t20,984 (0.01%)\t908,282\n`);
    expect(hk).toContain('HELD ON 17 JULY 2019');
  });
});

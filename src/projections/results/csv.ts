import { csvRecords } from '../shared/csv';
import { ElectionView } from './elections';
import { MeetingView, ResolutionView, ResultsView } from './view';

/** The columns of the results as CSV, in order: one row per resolution, then per candidate, of each meeting. */
export const RESULTS_COLUMNS = [
  'meetingId',
  'meetingKind',
  'meetingStatus',
  'item',
  'no',
  'id',
  'type',
  'title',
  'for',
  'forPct',
  'against',
  'againstPct',
  'abstain',
  'abstainPct',
  'outcome',
  'forShares',
  'againstShares',
  'abstainShares',
] as const;

type Row = (string | number)[];

const outcome = (passed: boolean | null, withdrawn?: true): string =>
  withdrawn ? 'withdrawn' : passed === null ? 'open' : passed ? 'passed' : 'not passed';

const meetingCells = (m: MeetingView): Row => [m.id, m.kind, m.status];

const resolutionRow = (m: MeetingView, r: ResolutionView): Row => [
  ...meetingCells(m),
  'resolution',
  r.label,
  r.resolutionId,
  r.type,
  r.title,
  r.for,
  r.forPct,
  r.against,
  r.againstPct,
  r.abstain,
  r.abstainPct ?? '',
  outcome(r.passed, r.withdrawn),
  r.shares?.for ?? '',
  r.shares?.against ?? '',
  r.shares?.abstain ?? '',
];

/** A candidate's cumulated votes stand in the FOR column, as a percentage of the attending votes. */
const candidateRows = (m: MeetingView, e: ElectionView): Row[] =>
  e.candidates.map((c) => [
    ...meetingCells(m),
    'candidate',
    c.no,
    c.candidateId,
    e.pool,
    c.name,
    c.votes,
    c.pct,
    '',
    '',
    '',
    '',
    e.withdrawn ? 'withdrawn' : c.elected === null ? 'open' : c.elected ? 'elected' : 'not elected',
    '',
    '',
    '',
  ]);

/**
 * The results as a spreadsheet reads them: a header, then a row per resolution and per candidate
 * of each meeting, figures as counts (no grouping) and percentages as the view gives them, through
 * the one CSV writer (csvRecords), which neutralises a title a spreadsheet would run as a formula.
 */
export function resultsCsv(view: ResultsView): string {
  const rows = view.meetings.flatMap((m) => [
    ...m.resolutions.map((r) => resolutionRow(m, r)),
    ...(m.elections ?? []).flatMap((e) => candidateRows(m, e)),
  ]);
  return csvRecords([RESULTS_COLUMNS, ...rows], '\r\n');
}

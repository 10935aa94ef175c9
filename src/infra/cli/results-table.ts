import { printedLabel } from '../../index';
import type { ElectionView, MeetingView, ResolutionView, ResultsView } from '../../index';

const grouped = (n: number): string => n.toLocaleString('en-US');

const pad = (text: string, width: number, right = false): string =>
  right ? text.padStart(width) : text.padEnd(width);

type Figures = Pick<ResolutionView, 'for' | 'against' | 'abstain' | 'forPct' | 'againstPct' | 'abstainPct'>;

const outcomeWord = (passed: boolean | null): string =>
  passed === null ? 'open' : passed ? 'passed' : 'NOT passed';

function meetingTable(m: MeetingView): string[] {
  const lines = [
    `${m.title} (${m.id}, ${m.kind}${m.kind === 'CLASS' ? ` ${m.shareClasses.join('')}` : ''})`,
    `  Shares entitling to attend and vote: ${grouped(m.sharesEntitledToVote)}; required to abstain: ${grouped(m.sharesRequiredToAbstain)}`,
    `  Shares represented at the meeting:   ${grouped(m.attendingShares)} (${m.attendingPercent}%)`,
    ...(m.classes ?? []).map(
      (c) =>
        `    ${c.shareClass}: ${grouped(c.attendingShares)} of ${grouped(c.sharesEntitledToVote)} (${c.attendingPercent}%)${c.attendingVotes === undefined ? '' : `, ${grouped(c.attendingVotes)} votes of ${grouped(c.votesEntitledToVote ?? 0)}`} by ${c.attendingHolders} holder(s)`,
    ),
  ];
  const cell = (count: number, pct: string | undefined) =>
    pct === undefined ? grouped(count) : `${grouped(count)} (${pct}%)`;
  // The abstentions column as the issuer prints it: ABSTAIN, votes withheld (a count only), or none.
  const abstentions = m.presentation.abstentions;
  const figures = (r: Figures) => [
    cell(r.for, r.forPct),
    cell(r.against, r.againstPct),
    ...(abstentions === 'NOT_SHOWN' ? [] : [cell(r.abstain, r.abstainPct)]),
  ];
  // Under each resolution's total, a row per class where the meeting has several.
  const rows = m.resolutions.flatMap((r) => [
    [printedLabel(r.label, m.presentation.numbering), r.type, ...figures(r), outcomeWord(r.passed)],
    ...(r.classes ?? []).map((c) => ['', `  ${c.shareClass}`, ...figures(c), '']),
  ]);
  const header = [
    'No.',
    'Type',
    'FOR',
    'AGAINST',
    ...(abstentions === 'NOT_SHOWN' ? [] : [abstentions === 'WITHHELD' ? 'WITHHELD' : 'ABSTAIN']),
    'Result',
  ];
  const last = header.length - 2;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => pad(c, widths[i], i >= 2 && i <= last)).join('  ');
  lines.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  for (const r of m.resolutions) lines.push(`    ${printedLabel(r.label, 'NUMBERED')} ${r.title}`);
  for (const e of m.elections ?? []) lines.push('', ...electionTable(e));
  return lines;
}

const NOT_ELECTED: Readonly<Record<string, string>> = {
  BELOW_MAJORITY: 'not elected (below the majority required)',
  TIED_FOR_LAST_SEAT: 'not elected (tied for the last seat)',
  NO_SEAT_LEFT: 'not elected (no seat left)',
};

/** An election by cumulative voting: one row per candidate, votes as a percentage of the attending votes. */
function electionTable(e: ElectionView): string[] {
  const rows = e.candidates.map((c) => [
    c.no,
    c.name,
    `${grouped(c.votes)} (${c.pct}%)`,
    c.elected === null ? 'open' : c.elected ? 'elected' : (NOT_ELECTED[c.notElected ?? ''] ?? 'not elected'),
  ]);
  const header = ['No.', 'Candidate', 'VOTES', 'Result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    ('  ' + cells.map((c, i) => pad(c, widths[i], i === 2)).join('  ')).trimEnd();
  if (e.withdrawn) return [`  ${e.no}. ${e.title} (cumulative voting; withdrawn)`];
  const seats =
    e.filled === null
      ? `${e.seats} seats; open`
      : `${e.seats} seats, ${e.filled} filled${e.shortfall ? `, ${e.shortfall} left vacant` : ''}`;
  return [
    `  ${e.no}. ${e.title} (cumulative voting; ${seats})`,
    `  ${e.baseKind === 'PRESENT_AND_ENTITLED' ? 'Votes of the holders attending' : 'Votes of the ballots returned'} (not cumulated): ${grouped(e.base)}; abstained (cumulated): ${grouped(e.abstained)}; invalid ballots: ${e.ballots.invalid}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

/** The results as a person reads them on a terminal: one table per meeting, then the overall outcomes. */
export function formatResultsTable(view: ResultsView): string {
  const blocks = view.meetings.map((m) => meetingTable(m).join('\n'));
  const outcomes = view.outcomes.map(
    (o) =>
      `  ${o.resolutionId}: ${outcomeWord(o.passed)} (${o.meetings.map((m) => `${m.meetingId} ${outcomeWord(m.passed)}`).join(', ')})`,
  );
  return [...blocks, ['Overall outcome of each resolution', ...outcomes].join('\n')].join('\n\n') + '\n';
}

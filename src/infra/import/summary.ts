import type { ImportSummary } from '../../index';
import { formatDuration } from './progress';

const number = (n: number): string => n.toLocaleString('en-US');

/** The closing report of an import, for a person: what was recorded, skipped and refused, and where to look. */
export function formatSummary(s: ImportSummary): string {
  const lines = [
    `${s.interrupted ? 'Interrupted' : 'Imported'} ${s.kind} from ${s.file} into ${s.meetingId} in ${formatDuration(s.elapsedMs)}`,
    `  rows read          ${number(s.rows)}`,
    `  recorded           ${number(s.recorded)}`,
    `  already recorded   ${number(s.alreadyRecorded)}`,
  ];
  if (s.attendanceRecorded !== undefined) lines.push(`  attendance taken   ${number(s.attendanceRecorded)}`);
  lines.push(`  rejected           ${number(s.rejected)}`);
  const rules = Object.entries(s.rejectedByRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [rule, count] of rules) lines.push(`    ${rule.padEnd(30)} ${number(count)}`);
  if (s.rejectsFile) lines.push(`  rejected rows, with line, rule and field: ${s.rejectsFile}`);
  if (s.interrupted)
    lines.push('  Run the same command again to import the rest; recorded rows are skipped.');
  return lines.join('\n') + '\n';
}

import { AsAt, Govrec, parseAsAt, RecordAsAt } from '../../index';
import { CommandLine, Io, OptionSpec } from './command-line';
import { EXIT, refuseUsage } from './usage';

/** `--as-at`: the record as it stood at a position or a time (docs/cli.md, "As at a moment"). */
export const AS_AT: Readonly<Record<string, OptionSpec>> = {
  'as-at': {
    type: 'string',
    value: '<position|time>',
    help: 'As the record stood just after that position, or at that time (2023-11-23T14:20:00+08:00).',
  },
};

/** The moment `--as-at` names; undefined without it; or, having said why not in one line, exit 2. */
export function asAtOption(line: CommandLine, io: Io): AsAt | undefined | number {
  const text = line.text('as-at');
  if (text === undefined) return undefined;
  const parsed = parseAsAt(text);
  return parsed.ok ? parsed.value : refuseUsage(io, line.command, `--as-at: ${parsed.error.message}`);
}

/** The record folded up to the moment; or, having said why not in one line (a position past the end), exit 2. */
export async function recordAt(govrec: Govrec, asAt: AsAt, io: Io): Promise<RecordAsAt | number> {
  const folded = await govrec.asAt(asAt);
  if (folded.ok) return folded.value;
  io.err(`govrec: --as-at: ${folded.error.message}\n`);
  return EXIT.usage;
}

/** The line a table starts with, saying which moment it shows. */
export const asAtHeading = (record: RecordAsAt): string =>
  record.position < 0
    ? 'As at the start of the record (no event yet)\n\n'
    : `As at position ${record.position} of the record (${record.occurredAt})\n\n`;

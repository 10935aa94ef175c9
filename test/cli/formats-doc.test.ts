import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANNOUNCEMENT_FORM_NAMES } from '../../src/index';
import { COMMANDS } from '../../src/infra/cli/command-table';
import { ROOT } from '../golden/reference-scenario';

/** docs/cli.md's table of formats is what the code parses: a format or an announcement form added shows there. */
const rows = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8')
  .split('\n')
  .filter((l) => /^\| `[a-z0-9]+`/.test(l))
  .map((l) => {
    const [, commands, formats] = l.split(/(?<!\\)\|/).map((c) => c.trim());
    // "`receipt` (and `receipt verify`)": the commands before any parenthesis; the formats likewise.
    const names = (cell: string) => [...cell.split(' (')[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    return { commands: names(commands), formats: names(formats), text: formats };
  });

it.each(COMMANDS.filter((c) => c.formats).map((c) => [c.name, c.formats!] as const))(
  'docs/cli.md gives the formats of %s',
  (name, formats) => {
    const row = rows.find((r) => r.commands.includes(name));
    expect(row?.formats).toEqual([...formats]);
  },
);

it('docs/cli.md gives the announcement forms --form takes', () => {
  const row = rows.find((r) => r.commands.includes('announcement'));
  expect(row?.text).toContain(`\`--form ${Object.keys(ANNOUNCEMENT_FORM_NAMES).join('\\|')}\``);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAY_ISSUE, READS_EVERY_HOLDER, ROLES } from '../../src/index';
import { ROOT } from '../golden/reference-scenario';

/** docs/cli.md's table of roles is what the code enforces: a role or a command added shows here. */
it('docs/cli.md lists every role, the commands it may send and whether it reads holders', () => {
  const text = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
  const rows = new Map(
    text
      .split('\n')
      .filter((l) => /^\| [A-Z_]+ \|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()))
      .map(([, role, sends, reads]) => [role, { sends, reads }]),
  );
  expect([...rows.keys()].filter((r) => (ROLES as readonly string[]).includes(r))).toEqual([...ROLES]);
  for (const role of ROLES) {
    const may = Object.entries(MAY_ISSUE)
      .filter(([, roles]) => roles.includes(role))
      .map(([type]) => type);
    expect(rows.get(role)?.sends).toBe(may.length > 0 ? may.join(', ') : 'nothing');
    expect(
      rows
        .get(role)
        ?.reads.startsWith(
          READS_EVERY_HOLDER.includes(role) ? 'every' : role === 'HOLDER' ? 'its own' : 'none',
        ),
    ).toBe(true);
  }
});

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { DEMO_DIR } from '../import/demo';

/**
 * CLI start-up failures (a port in use, a store in a missing directory, a directory given as the
 * store, a read-model file where none can be) say so in one line and exit 2: no stack trace, and
 * the process ends. Run as the bin runs it, in a process of its own.
 */
const CLI = join(__dirname, 'fixtures', 'cli.js');
let dir: string;
let occupied: Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-cli-startup-'));
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'a-file'), 'not a directory');
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
  port = (occupied.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => occupied.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function govrec(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: dir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}

const missing = () => `sqlite:${join(dir, 'no-such-dir', 'govrec.db')}`;
const cases: [string, () => string[], RegExp][] = [
  [
    'serve on a port in use',
    () => ['serve', '--port', String(port), '--store', `sqlite:${join(dir, 'served.db')}`],
    /port \d+ is already in use/,
  ],
  ['results on a store in a missing directory', () => ['results', '--store', missing()], /does not exist/],
  [
    'apply to a store in a missing directory',
    () => ['apply', SCENARIO_PATH, '--store', missing()],
    /does not exist/,
  ],
  [
    'import into a store in a missing directory',
    () => [
      'import',
      'votes',
      join(DEMO_DIR, 'votes.csv'),
      '--meeting',
      'demo-agm-2025',
      '--store',
      missing(),
    ],
    /does not exist/,
  ],
  [
    'results on a directory given as the store',
    () => ['results', '--store', `sqlite:${join(dir, 'a-directory')}`],
    /is a directory/,
  ],
  [
    'verify on a store under a file',
    () => ['verify', '--store', `sqlite:${join(dir, 'a-file', 'govrec.db')}`],
    /is a file, not a directory/,
  ],
  [
    'results with read models in a missing directory',
    () => [
      'results',
      '--store',
      `sqlite:${join(dir, 'ok.db')}`,
      '--read-models',
      join(dir, 'nowhere', 'r.db'),
    ],
    /does not exist/,
  ],
];

describe('a CLI start-up failure', () => {
  it.each(cases)(
    '%s: one clear line, exit 2',
    async (_what, args, says) => {
      const { code, stderr } = await govrec(args());
      expect({ code, lines: stderr.trimEnd().split('\n').length }).toEqual({ code: 2, lines: 1 });
      expect(stderr).toMatch(says);
      expect(stderr).not.toMatch(/\n\s+at |unexpected failure/);
    },
    30_000,
  );
});

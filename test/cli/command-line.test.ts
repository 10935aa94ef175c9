import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../src/infra/cli/command-table';
import { EXIT, run } from '../../src/infra/cli/main';
import { chosenPort } from '../../src/infra/cli/serve-command';
import { ROOT, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

const CLI = join(__dirname, '..', 'guarantees', 'fixtures', 'cli.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('help and version', () => {
  it.each(COMMANDS.map((c) => [c.name]))(
    'govrec %s --help and -h print its options, exit 0',
    async (name) => {
      for (const flag of ['--help', '-h']) {
        const io = captureIo();
        expect(await run([name, flag], io)).toBe(EXIT.ok);
        expect(io.stdout).toMatch(new RegExp(`^Usage: govrec ${name}`));
        expect(io.stdout).toContain('-h, --help');
        expect(io.stderr).toBe('');
      }
    },
  );

  it('lists each command in the general help, and govrec help <command> is the command’s', async () => {
    const general = captureIo();
    expect(await run(['--help'], general)).toBe(EXIT.ok);
    for (const c of COMMANDS) expect(general.stdout).toContain(`govrec ${c.name}`);
    const one = captureIo();
    expect(await run(['help', 'serve'], one)).toBe(EXIT.ok);
    expect(one.stdout).toMatch(/--host <address>/);
    expect(one.stdout).toMatch(/wins over \$PORT/);
  });

  it('govrec --version prints the version of package.json', async () => {
    const io = captureIo();
    expect(await run(['--version'], io)).toBe(EXIT.ok);
    expect(io.stdout).toBe(`govrec ${VERSION}\n`);
  });
});

describe('a bad command line: one line, exit 2, nothing run', () => {
  it.each([
    [['results', '--format', 'markdown'], /^govrec results: --format takes table, json or csv, not markdown/],
    [
      ['replay', SCENARIO_PATH, '--format', 'html'],
      /^govrec replay: --format takes table, json or csv, not html/,
    ],
    [['verify', '--format', 'csv'], /^govrec verify: --format takes table or json, not csv/],
    [
      ['announcement', '--format', 'json'],
      /^govrec announcement: --format takes text, markdown, html or pdf, not json/,
    ],
    [
      ['apply', SCENARIO_PATH, '--format', 'json'],
      /^govrec apply: writes one format only; it takes no --format/,
    ],
    [['results', '--frobnicate'], /^govrec results: unknown option --frobnicate/],
    [['results', '--store'], /^govrec results: --store takes a value <store>/],
    [['results', '--help=yes'], /^govrec results: --help takes no value/],
    [['serve', '--port', 'eighty'], /^govrec serve: --port takes a port number \(0 to 65535\), not eighty/],
    [['frobnicate'], /^govrec: there is no command frobnicate; the commands are replay, apply/],
  ])('%j', async (args, says) => {
    const io = captureIo();
    expect(await run(args, io)).toBe(EXIT.usage);
    expect(io.stderr).toMatch(says);
    expect(io.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(io.stdout).toBe('');
  });
});

describe('the port of govrec serve', () => {
  it('is --port, else PORT, else 3000', () => {
    expect(chosenPort('4001', { PORT: '5001' })).toBe(4001);
    expect(chosenPort(undefined, { PORT: '5001' })).toBe(5001);
    expect(chosenPort(undefined, {})).toBe(3000);
    expect(chosenPort(undefined, { PORT: 'x' })).toBe('PORT takes a port number (0 to 65535), not x');
    expect(chosenPort('70000', {})).toBe('--port takes a port number (0 to 65535), not 70000');
  });
});

/** A port free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** govrec serve in a process of its own: what it printed once serving (or having ended), and its exit. */
function serving(args: string[], env: NodeJS.ProcessEnv) {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-serve-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--store', `sqlite:${join(dir, 'g.db')}`, ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
  const started = new Promise<string>((resolve) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('serving')) resolve(stdout);
    });
    void ended.then(() => resolve(stdout + stderr));
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return {
    started,
    stop: async () => {
      child.kill('SIGTERM');
      const code = await ended;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
      return { code, stderr };
    },
  };
}

describe('govrec serve in a process of its own', () => {
  it('listens on PORT when --port is not given, and on --port when both are', async () => {
    const [fromEnv, fromFlag] = [await freePort(), await freePort()];
    const byEnv = serving([], { PORT: String(fromEnv) });
    expect(await byEnv.started).toContain(`serving http://127.0.0.1:${fromEnv}/`);
    expect((await byEnv.stop()).code).toBe(0);
    const byFlag = serving(['--port', String(fromFlag), '--host', '127.0.0.1'], { PORT: String(fromEnv) });
    expect(await byFlag.started).toContain(`serving http://127.0.0.1:${fromFlag}/`);
    expect((await byFlag.stop()).code).toBe(0);
  }, 60_000);

  it('says in one line that it cannot listen on an address not of this machine, exit 2', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never an address of this machine.
    const server = serving(['--host', '192.0.2.1', '--port', '0'], {});
    expect(await server.started).toContain('cannot listen on 192.0.2.1');
    const { code, stderr } = await server.stop();
    expect({ code, lines: stderr.trimEnd().split('\n').length }).toEqual({ code: 2, lines: 1 });
  }, 60_000);
});

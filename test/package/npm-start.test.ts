import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../golden/reference-scenario';

/**
 * `npm start` runs its script through sh; were node a child of that sh, npm's SIGTERM would end
 * the sh and leave the server running, orphaned. The script execs node, so the signal npm passes on
 * reaches the server, which closes. Run for real: npm, its build, the server, on a store of its own.
 */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

it('kill -TERM on the npm start process stops the server: the port closes and npm exits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-npm-start-'));
  const port = await freePort();
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), GOVREC_STORE: `sqlite:${join(dir, 'govrec.db')}` },
    // A process group of its own: whatever is left of it (a server orphaned by a failure) is
    // killed at the end, by the group's id, and nothing else.
    detached: true,
  });
  let output = '';
  const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    npm.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<void>((resolve, reject) => {
    const seen = (d: Buffer) => {
      output += d;
      if (output.includes(`serving http://127.0.0.1:${port}/`)) resolve();
    };
    npm.stdout.on('data', seen);
    npm.stderr.on('data', seen);
    void ended.then(() => reject(new Error(`npm start ended before serving:\n${output}`)));
  });
  try {
    await listening;
    expect(await accepts(port)).toBe(true);
    npm.kill('SIGTERM');
    const timeout = setTimeout(() => npm.kill('SIGKILL'), 20_000);
    const exit = await ended;
    clearTimeout(timeout);
    expect(exit.signal === 'SIGKILL').toBe(false);
    // However npm reports the end, the server behind it is gone: nothing accepts on its port.
    expect(await accepts(port)).toBe(false);
  } finally {
    try {
      process.kill(-npm.pid!, 'SIGKILL');
    } catch {
      // The group is gone already: every process of it has ended.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

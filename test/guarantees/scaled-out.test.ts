import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { castVoteCommand, SIZES, votes } from '../../bench/agm-generator';
import { setUpMeeting } from '../../bench/agm-setup';
import { Emulator, startEmulator } from '../esdb-emulator/server';

/**
 * Scaled out: two govrec servers, each a process of its own, on one EventStoreDB (the emulator)
 * accept votes at once, some of them the very same command sent to both (a client retrying on the
 * other node). Nothing is lost or counted twice: every vote is recorded once, each request gets
 * the true answer (201 from the server that recorded it, 200 "already recorded" from the other),
 * and both servers publish the same results.
 */
const SERVER = join(__dirname, 'fixtures', 'esdb-server.js');
const KEY = 'scaled-out-registrar';
const HOLDERS = SIZES.tiny;
const VOTES = 300;
let dir: string;
let emulator: Emulator;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-scaled-out-'));
  emulator = await startEmulator({ batchAppend: true });
});
afterAll(async () => {
  const exited = children.map((child) => new Promise((resolve) => child.once('close', resolve)));
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(exited);
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a server process; resolves with its address once it listens. */
function startServer(name: string): Promise<string> {
  const child = spawn(process.execPath, [
    SERVER,
    emulator.connectionString,
    join(dir, `${name}.read.db`),
    KEY,
  ]);
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('close', (code) => reject(new Error(`${name} exited ${code}: ${err}`)));
  });
}

async function post(address: string, command: unknown): Promise<number> {
  const response = await fetch(`${address}/api/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ ...(command as object), actor: undefined }),
  });
  await response.text();
  return response.status;
}

const resultsOf = async (address: string): Promise<unknown> => (await fetch(`${address}/api/results`)).json();

describe('two govrec servers on one EventStoreDB', () => {
  it('accepting votes at once, lose and double-count nothing', async () => {
    const store = new EsdbEventStore(emulator.connectionString);
    await setUpMeeting(store, HOLDERS, mkdtempSync(join(dir, 'setup-')));
    const [a, b] = await Promise.all([startServer('a'), startServer('b')]);

    // A share of the meeting's votes: each resolution's stream still written by both servers at once.
    const all = [...votes(HOLDERS)].slice(0, VOTES);
    // Every fifth vote goes to both servers at once; the others to one of them, alternately.
    const answers = await Promise.all(
      all.map(async (v, i) => {
        const command = castVoteCommand(v);
        if (i % 5 === 0) return (await Promise.all([post(a, command), post(b, command)])).sort().join('+');
        return String(await post(i % 2 === 0 ? a : b, command));
      }),
    );
    answers.forEach((answer, i) => expect([i, answer]).toEqual([i, i % 5 === 0 ? '200+201' : '201']));

    const cast = (await store.readAll()).filter((e) => e.type === 'VoteCast');
    expect(cast).toHaveLength(all.length);
    const keys = cast.map((e) => `${e.streamName} ${(e.data as { holderId: string }).holderId}`);
    expect(new Set(keys).size).toBe(all.length);
    const [fromA, fromB] = await Promise.all([resultsOf(a), resultsOf(b)]);
    expect(fromA).toEqual(fromB);
    expect(JSON.stringify(fromA)).toContain(`"meetingId"`);
    await store.close();
  }, 120_000);
});

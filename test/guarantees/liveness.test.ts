import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, WrongExpectedVersion } from '../../src/application/event-store';
import { CommandInput, MemoryEventStore, openGovrec } from '../../src/index';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { castVoteCommand, SIZES, votes } from '../../bench/agm-generator';
import { setUpMeeting } from '../../bench/agm-setup';
import { readFileSync } from 'node:fs';
import { SCENARIO_PATH } from '../golden/reference-scenario';

/**
 * Writes are live: several processes writing valid commands to one store all succeed. A lost race
 * is decided again on the newer record (a command another process recorded is then answered
 * alreadyRecorded) until a deadline, not a count of attempts; and a process's own concurrent
 * commands on one stream take turns instead of racing each other.
 */
const WRITER = join(__dirname, 'fixtures', 'liveness-writer.js');
const PROCESSES = 4;
let dir: string;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-liveness-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Exit {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs PROCESSES writers, each started at the same instant (after the slowest has loaded). */
function runAll(argsOf: (i: number) => string[], processes = PROCESSES): Promise<Exit[]> {
  const startAt = String(Date.now() + 4_000);
  return Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const child = spawn(process.execPath, [WRITER, ...argsOf(i)], {
        env: { ...process.env, START_AT: startAt },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      return new Promise<Exit>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    }),
  );
}

/** The record itself: each event's stream, revision, id, type and data, in order. */
async function recordOf(path: string) {
  const store = new SqliteEventStore(path);
  const events = (await store.readAll()).map((e) => [e.streamName, e.revision, e.eventId, e.type, e.data]);
  await store.close();
  return events;
}

describe('writes are live', () => {
  it(`${PROCESSES} processes applying the reference scenario to one store all succeed, and record it once`, async () => {
    const once = join(dir, 'once.db');
    const [alone] = await runAll(() => ['apply', SCENARIO_PATH, once], 1);
    expect(alone.code).toBe(0);
    const shared = join(dir, 'shared.db');
    const exits = await runAll(() => ['apply', SCENARIO_PATH, shared]);
    expect(exits).toEqual(exits.map(() => ({ code: 0, stderr: '' })));
    expect(await recordOf(shared)).toEqual(await recordOf(once));
  }, 60_000);

  it(`${PROCESSES} processes each casting every vote of theirs at once on one store: every vote is recorded`, async () => {
    const path = join(dir, 'votes.db');
    const store: EventStore = new SqliteEventStore(path);
    await setUpMeeting(store, SIZES.tiny, mkdtempSync(join(dir, 'setup-')));
    await store.close();
    // 50 holders × 20 resolutions: each process has a quarter of the holders, so every resolution's
    // stream is written by all four processes, and by each with many commands in flight at once.
    const shares: unknown[][] = Array.from({ length: PROCESSES }, () => []);
    for (const v of votes(SIZES.tiny)) shares[v.holder.index % PROCESSES].push(castVoteCommand(v));
    shares.forEach((commands, i) => writeFileSync(join(dir, `votes-${i}.json`), JSON.stringify(commands)));
    const exits = await runAll((i) => ['votes', path, join(dir, `votes-${i}.json`)]);
    expect(exits).toEqual(exits.map(() => ({ code: 0, stderr: '' })));
    const cast = (await recordOf(path)).filter(([, , , type]) => type === 'VoteCast');
    expect(cast.length).toBe(SIZES.tiny * 20);
  }, 60_000);

  it('many HTTP clients casting votes at once on one server: every vote is answered 201', async () => {
    const path = join(dir, 'http.db');
    const store = new SqliteEventStore(path);
    await setUpMeeting(store, SIZES.tiny, mkdtempSync(join(dir, 'http-setup-')));
    // The slow disk of the child processes: a pause before each append, in which the server's
    // other requests for the same resolution would get ahead and, racing, lose.
    const append = store.append.bind(store);
    store.append = async (...args: Parameters<EventStore['append']>) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
      return append(...args);
    };
    const key = 'liveness-registrar';
    const keys = ApiKeys.of([
      { sha256: sha256(key).toString('hex'), actor: 'registrar:test', role: 'REGISTRAR', historical: false },
    ]);
    const readModels = new SqliteReadModels(join(dir, 'http.read.db'));
    const serving = await serve({
      store,
      readModels,
      keys,
      port: 0,
      now: () => new Date('2025-06-20T10:45:00+08:00'),
    });
    try {
      const statuses = await Promise.all(
        [...votes(SIZES.tiny)].map(async (v) => {
          const response = await serving.server.inject({
            method: 'POST',
            url: '/api/commands',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            // The actor is the key's: the command goes without one.
            payload: JSON.stringify({ ...castVoteCommand(v), actor: undefined }),
          });
          return response.statusCode === 201 ? 201 : `${response.statusCode} ${response.body}`;
        }),
      );
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
    } finally {
      await serving.close();
      readModels.close();
      await store.close();
    }
    const cast = (await recordOf(path)).filter(([, , , type]) => type === 'VoteCast');
    expect(cast.length).toBe(SIZES.tiny * 20);
  }, 60_000);

  /**
   * The guard itself, without the luck of a race: a writer that loses the race many more times in
   * a row than any fixed count of attempts would allow still records its command, because only the
   * deadline stops it; and the deadline does stop it, with a typed refusal, when the record never
   * settles.
   */
  describe('a lost race is retried until a deadline, not a count of attempts', () => {
    const LOSSES = 25;

    /** A store on which, once armed, the next `losses` appends lose the race. */
    function losingStore(losses: number): MemoryEventStore & { armed: boolean } {
      const store = Object.assign(new MemoryEventStore(), { armed: false });
      const append = store.append.bind(store);
      let lost = 0;
      store.append = async (...args: Parameters<EventStore['append']>) => {
        const [stream, , expected] = args;
        if (store.armed && lost < losses) {
          lost++;
          throw new WrongExpectedVersion(stream, expected, typeof expected === 'number' ? expected + 1 : 0);
        }
        return append(...args);
      };
      return store;
    }

    async function firstVoteOn(store: MemoryEventStore & { armed: boolean }, retryDeadlineMs: number) {
      const govrec = await openGovrec({ store, retry: { backoff: () => 0, retryDeadlineMs } });
      const all = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
      const at = all.commands.findIndex((c: { type: string }) => c.type === 'CastVote');
      const setUp = await govrec.recordScenario({ ...all, commands: all.commands.slice(0, at) });
      expect(setUp.ok).toBe(true);
      store.armed = true;
      const vote = { ...all.commands[at], actor: all.actor, commandId: 'liveness-vote-1' } as CommandInput;
      const outcome = await govrec.execute(vote);
      await govrec.close();
      return outcome;
    }

    it(`a vote that loses the race ${LOSSES} times in a row is recorded`, async () => {
      const outcome = await firstVoteOn(losingStore(LOSSES), 30_000);
      expect(outcome.ok ? 'recorded' : outcome.error).toBe('recorded');
    });

    it('a vote whose stream never settles is refused at the deadline, typed, and records nothing', async () => {
      const store = losingStore(Number.POSITIVE_INFINITY);
      const outcome = await firstVoteOn(store, 200);
      expect(outcome.ok ? 'recorded' : outcome.error).toMatchObject({ rule: 'ConcurrencyConflict' });
      expect((await store.readAll()).filter((e) => e.type === 'VoteCast')).toEqual([]);
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet, IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import {
  HeavyWork,
  MAX_STREAMS_PER_ADDRESS,
  VerdictCache,
  VERDICT_TTL_MS,
} from '../../src/infra/http/bounds';
import { statusOf } from '../../src/infra/http/refusals';
import { serve, Serving } from '../../src/infra/http/serve';
import { StoreSpec, Verdict } from '../../src/index';
import { LARGE_MEETING, largeMeetingCommands } from '../support/large-meeting';

/**
 * The server cannot be stalled: verify of a large record runs on a thread of its own (the event
 * loop stays responsive, other requests answer while it runs) and its verdict is cached while the
 * record stands; audit pages are capped; heavy work runs a few at a time and is refused beyond a
 * bounded queue; the security log takes a bounded number of rows a minute; live-update connections
 * are bounded in number.
 */
const HOLDERS = 5_000;
const AUDITOR = 'stall-auditor';
let dir: string;
let serving: Serving;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-stalls-'));
  const keys = ApiKeys.of([{ sha256: sha256(AUDITOR).toString('hex'), actor: 'auditor:x', role: 'AUDITOR' }]);
  serving = await serve({ store: `sqlite:${join(dir, 'govrec.db')}` as StoreSpec, keys, port: 0 });
  const recorded = await serving.govrec.record(largeMeetingCommands(HOLDERS));
  expect(recorded.outcomes.every((o) => o.kind === 'recorded')).toBe(true);
  await serving.govrec.catchUp();
}, 60_000);

afterAll(async () => {
  await serving.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, key?: string) =>
  serving.server.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

/** A bound on how long the event loop is held, and so on any other request's wait. */
const STALL_MS = 200;

/**
 * The longest the loop may be held while a heavy request runs: STALL_MS, or a quarter of the whole
 * request on a machine loaded enough to make it slow (the work then stands in at least four turns, so
 * it cannot have been done in one block, however the machine's load stretches every turn).
 */
const stallBound = (tookMs: number) => Math.max(STALL_MS, tookMs / 4);

/** Asks for `url`, and meanwhile asks for the meetings list every 10 ms: the answer, and how the loop fared. */
async function whileOthersAsk(url: string, key?: string) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const started = Date.now();
  let done = false;
  const asked = get(url, key).finally(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const at = Date.now();
    expect((await get('/api/meetings')).statusCode).toBe(200);
    latencies.push(Date.now() - at);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  delay.disable();
  return { answer: await asked, tookMs: Date.now() - started, latencies, loopMaxMs: delay.max / 1e6 };
}

describe('verify', () => {
  it('runs off the event loop: other requests answer while it checks a large record', async () => {
    const { answer, tookMs, latencies, loopMaxMs } = await whileOthersAsk(
      `/api/meetings/${LARGE_MEETING}/verify`,
    );
    const verdict = answer.json() as Verdict;
    expect(verdict).toMatchObject({ meetingId: LARGE_MEETING, certified: true, clean: true });
    expect(tookMs).toBeGreaterThan(STALL_MS);
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(stallBound(tookMs));
    expect(loopMaxMs).toBeLessThan(stallBound(tookMs));
  }, 30_000);

  it('answers again from the cache while the record has not moved', async () => {
    const first = (await get(`/api/meetings/${LARGE_MEETING}/verify`)).json();
    const asked = Date.now();
    const again = await get(`/api/meetings/${LARGE_MEETING}/verify`);
    expect(Date.now() - asked).toBeLessThan(100);
    expect(again.json()).toEqual(first);
  });

  it('checks again once the record moves or the verdict is older than its TTL; shares a check in flight', async () => {
    let now = 0;
    const cache = new VerdictCache(() => now);
    let checks = 0;
    const check = async () => ({ meetingId: 'm', checks: ++checks }) as unknown as Verdict;
    await Promise.all([cache.of('m', 1, check), cache.of('m', 1, check)]);
    expect(checks).toBe(1);
    await cache.of('m', 1, check);
    expect(checks).toBe(1);
    await cache.of('m', 2, check);
    expect(checks).toBe(2);
    now += VERDICT_TTL_MS;
    await cache.of('m', 2, check);
    expect(checks).toBe(3);
  });

  it('answers 404 for a meeting the record does not know', async () => {
    const response = await get('/api/meetings/no-such-meeting/verify');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ rule: 'UnknownMeeting', field: 'params.id' });
  });
});

describe('the audit trail', () => {
  it.each(['1001', '999999999999999', '1000000'])(
    'refuses a page of %s entries, naming limit',
    async (limit) => {
      const response = await get(`/api/audit?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ rule: 'Invalid:AuditQuery', field: 'query.limit' });
    },
  );

  it('reads the whole record for a page in turns: other requests answer meanwhile', async () => {
    const { answer, tookMs, latencies, loopMaxMs } = await whileOthersAsk(
      `/api/audit?type=VoteCast&limit=1000`,
      AUDITOR,
    );
    expect(answer.json().total).toBe(HOLDERS);
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(stallBound(tookMs));
    expect(loopMaxMs).toBeLessThan(stallBound(tookMs));
  });

  it('gives at most 1,000 entries a page, with the cursor of the next', async () => {
    const page = (await get('/api/audit?limit=1000')).json();
    expect(page.entries).toHaveLength(1000);
    expect(page.total).toBeGreaterThan(2 * HOLDERS);
    expect(page.next).toBeDefined();
  });
});

describe('heavy work', () => {
  it('runs a few at a time, queues a few more, and refuses the rest with 503 ServerBusy', async () => {
    const heavy = new HeavyWork(2, 3);
    let running = 0;
    let most = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      heavy.run(async () => {
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
      });
    const tasks = Array.from({ length: 6 }, task);
    const refused = await tasks[5];
    expect(refused).toMatchObject({ ok: false, error: { rule: 'ServerBusy' } });
    expect(statusOf((refused as { error: { rule: string; field: string; message: string } }).error)).toBe(
      503,
    );
    while (gates.length > 0 || running > 0) {
      gates.splice(0).forEach((open) => open());
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await Promise.all(tasks.slice(0, 5))).every((r) => r.ok)).toBe(true);
    expect(most).toBe(2);
  });
});

describe('the security log', () => {
  it('takes a bounded number of rows from an anonymous flood, and says it dropped the rest', async () => {
    const before = serving.govrec.securityLog.list(1000).length;
    for (let i = 0; i < 2000; i++)
      await serving.server.inject({
        method: 'POST',
        url: '/api/commands',
        headers: { 'content-type': 'application/json' },
        payload: '{"type":"CastVote"}',
      });
    const rows = serving.govrec.securityLog.list(1000);
    // At most 60 rows and one note a minute from one address; the flood may straddle two minutes.
    expect(rows.length - before).toBeLessThanOrEqual(2 * 61);
    expect(rows.some((r) => r.rule === 'SecurityLogRateLimited')).toBe(true);
  }, 30_000);
});

describe('live updates', () => {
  const open = (): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => httpGet(`${serving.address}/api/stream`, resolve).on('error', reject));

  it(`takes at most ${MAX_STREAMS_PER_ADDRESS} connections from one address, and one more once one closes`, async () => {
    const streams: IncomingMessage[] = [];
    try {
      for (let i = 0; i < MAX_STREAMS_PER_ADDRESS; i++) {
        const stream = await open();
        expect(stream.statusCode).toBe(200);
        streams.push(stream);
      }
      const refused = await open();
      streams.push(refused);
      expect(refused.statusCode).toBe(503);
      const body = await new Promise<string>((resolve) => {
        let text = '';
        refused.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
      });
      expect(JSON.parse(body).error.rule).toBe('TooManyStreams');
      streams.shift()!.destroy();
      streams.pop();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const again = await open();
      expect(again.statusCode).toBe(200);
      streams.push(again);
    } finally {
      streams.forEach((s) => s.destroy());
    }
  });
});

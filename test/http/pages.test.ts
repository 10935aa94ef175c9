import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { buildServer } from '../../src/infra/http/server';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { GovrecCommand } from '../../src/domain/commands';
import { expectedMeeting, MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { CUMULATIVE_EXAMPLE_PATH } from '../golden/example-scenarios';
import { scenarioCommands } from '../../src/application/scenario';
import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';

/**
 * The pages as a client without JavaScript gets them (curl, a crawler, a screen reader before any
 * script): whole, escaped, under a strict CSP, and no more than the caller's key may read.
 */
const KEYS = { registrar: 'pages-registrar', holder: 'pages-holder-h0001', chair: 'pages-chair' };

const opened: { serving: Serving; store: SqliteEventStore; readModels: SqliteReadModels; dir: string }[] = [];

async function served(commands: readonly GovrecCommand[]): Promise<Serving> {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-pages-'));
  const store = new SqliteEventStore(join(dir, 'govrec.db'));
  const readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  const keys = ApiKeys.of([
    { sha256: sha256(KEYS.registrar).toString('hex'), actor: 'registrar:pages', role: 'REGISTRAR' },
    { sha256: sha256(KEYS.chair).toString('hex'), actor: 'chair:pages', role: 'CHAIR' },
    {
      sha256: sha256(KEYS.holder).toString('hex'),
      actor: 'holder:H-0001',
      role: 'HOLDER',
      holderId: 'H-0001',
    },
  ]);
  const serving = await serve({ store, readModels, keys, port: 0, seedIfEmpty: commands });
  opened.push({ serving, store, readModels, dir });
  return serving;
}

let reference: Serving;
beforeAll(async () => {
  reference = await served(referenceCommands());
});

afterAll(async () => {
  for (const o of opened) {
    await o.serving.close();
    o.readModels.close();
    await o.store.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

const get = (path: string, headers: Record<string, string> = {}) =>
  reference.server.inject({ method: 'GET', url: path, headers });

/** The text a reader sees: tags dropped, entities read, white space collapsed. */
const textOf = (markup: string): string =>
  markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const grouped = (n: unknown) => (n as number).toLocaleString('en-US');
const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`user:${key}`).toString('base64')}` });

it('renders the results page whole on the server: no script needed, every figure there', async () => {
  const response = await get('/');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
  const body = response.body;
  // No inline script at all: the only script is the live enhancement, from /assets.
  expect(body.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/live.js" defer>']);
  expect(body).not.toMatch(/ style=/);
  const text = textOf(body);
  expect(text).not.toContain('Loading');
  expect(text).toContain('JL MAG RARE-EARTH CO., LTD. (stock code 6680 )');
  expect(text).toContain('2023-11-23 14:00 (UTC+08:00)');
  expect(text).toContain('Ganzhou Jinjiang International Hotel');
  expect(text).toContain('Certified by Computershare Hong Kong Investor Services Limited at 2023-11-23');
  expect(body).toMatch(/<code class="seal-root">[0-9a-f]{64}<\/code>/);
  expect(text).toContain('Verifies: the record matches its seal');
  expect(text).toContain('At least two-thirds of the votes cast and abstained (FOR + AGAINST + ABSTAIN)');
  for (const referenceId of Object.keys(MEETING_IDS)) {
    const expected = expectedMeeting(referenceId);
    const section = body.slice(body.indexOf(`data-meeting="${expected.id}"`));
    const own = textOf(section.slice(0, section.indexOf('</section>')));
    expect(own).toContain(
      `Shares represented: ${grouped(expected.attendingShares)} of ${grouped(expected.sharesEntitledToVote)} entitled (${expected.attendingPercent}%)`,
    );
    for (const r of expected.resolutions)
      for (const [votes, pct] of [
        [r.for, r.forPct],
        [r.against, r.againstPct],
        [r.abstain, r.abstainPct],
      ])
        expect(own).toContain(`${grouped(votes)} (${pct}%)`);
  }
});

it('shows the overall outcome of a resolution put to several meetings', async () => {
  const text = textOf((await get(`/meetings/${MEETING_IDS.EGM}`)).body);
  expect(text).toContain('Overall outcome of resolutions put to several meetings');
  expect(text).toMatch(
    /The first extraordinary general meeting of 2023: passed; [^;]*class meeting[^;]*: passed/i,
  );
  // Each meeting by its title, the others' too, not by its id.
  expect(text).not.toMatch(/jlmag-2023-[a-z0-9-]+: passed/);
});

it('draws an accessible chart whose description gives every figure', async () => {
  const body = (await get(`/meetings/${MEETING_IDS.EGM}`)).body;
  const svg = body.slice(body.indexOf('<svg'), body.indexOf('</svg>'));
  expect(svg).toContain('role="img"');
  expect(svg).toMatch(/aria-labelledby="(\S+-title) (\S+-desc)"/);
  const expected = expectedMeeting('EGM');
  for (const r of expected.resolutions)
    expect(svg).toContain(`Resolution ${r.no}: FOR ${grouped(r.for)} votes (${r.forPct}%)`);
});

it('escapes what the record holds: a title cannot become markup', async () => {
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const commands = referenceCommands().map((c) =>
    c.type === 'ScheduleMeeting'
      ? ({
          ...c,
          payload: { ...c.payload, title: `${c.payload.title} ${hostile}`, place: hostile },
        } as GovrecCommand)
      : c,
  );
  const serving = await served(commands);
  for (const path of ['/', '/meetings', `/meetings/${MEETING_IDS.EGM}`, '/audit']) {
    const body = (await serving.server.inject({ method: 'GET', url: path })).body;
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
  }
  expect((await serving.server.inject({ method: 'GET', url: '/' })).body).toContain(
    '&lt;script&gt;alert(1)&lt;/script&gt;',
  );
});

it('lists the meetings to pick from, each linking to its page', async () => {
  const body = (await get('/meetings')).body;
  for (const id of Object.values(MEETING_IDS)) expect(body).toContain(`href="/meetings/${id}"`);
  expect(body).toContain(`href="/announcement?meeting=${MEETING_IDS.EGM}"`);
});

it('answers an unknown meeting with a page saying so, not a stack trace', async () => {
  const response = await get('/meetings/no-such-meeting');
  expect(response.statusCode).toBe(404);
  expect(response.headers['content-type']).toContain('text/html');
  expect(textOf(response.body)).toContain('The record holds no meeting no-such-meeting.');
});

describe('pages that read holders need the rights the API enforces', () => {
  const proxies = `/meetings/${MEETING_IDS.EGM}/proxies`;

  it('asks for a key, and shows nobody’s proxies, without one', async () => {
    const response = await get(proxies);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic /);
    expect(response.body).not.toMatch(/A-000\d|H-000\d|PX-/);
    const history = await get('/holders/A-0002');
    expect(history.statusCode).toBe(401);
    expect(history.body).not.toContain('PX-');
  });

  it('refuses a role that may not read holders, and a holder another holder', async () => {
    expect((await get(proxies, basic(KEYS.chair))).statusCode).toBe(403);
    expect((await get('/holders/A-0002', basic(KEYS.holder))).statusCode).toBe(403);
    expect((await get('/holders/A-0002', basic('not-a-key'))).statusCode).toBe(401);
  });

  it('shows the register whole to the registrar, and a holder only its own', async () => {
    const whole = await get(proxies, basic(KEYS.registrar));
    expect(whole.statusCode).toBe(200);
    expect(whole.body).toContain('data-proxy="PX-A2-egm"');
    expect(whole.body).toContain('data-proxy="PX-A3-egm"');
    const own = await get(proxies, { authorization: `Bearer ${KEYS.holder}` });
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain('PX-A2-egm');
  });

  it('shows a holder its own history', async () => {
    const response = await get('/holders/H-0001', { 'x-api-key': KEYS.holder });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('data-resolution="jlmag-2023-r1"');
  });
});

describe('the audit trail page', () => {
  it('pages with a capped page size and links the next page and the CSV export', async () => {
    const response = await get('/audit?limit=100000');
    expect(response.statusCode).toBe(200);
    // Asked for 100,000, the page holds at most MAX_PAGE_ROWS and says so in its form.
    expect(response.body).toMatch(/<input name="limit" value="200"/);
    expect(response.body).toContain('href="/api/audit?limit=200&amp;format=csv"');
    const total = Number(/([\d,]+) entries match/.exec(textOf(response.body))![1].replace(/,/g, ''));
    expect((response.body.match(/<tr data-position=/g) ?? []).length).toBe(Math.min(total, 200));
    const first = await get('/audit?limit=50');
    expect((first.body.match(/<tr data-position=/g) ?? []).length).toBe(50);
    const next = /href="(\/audit\?limit=50&amp;after=\d+)"/.exec(first.body)![1].replace(/&amp;/g, '&');
    const second = await get(next);
    const positions = (body: string) =>
      [...body.matchAll(/<tr data-position="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...positions(second.body))).toBeGreaterThan(Math.max(...positions(first.body)));
  });

  it('filters by meeting and type, and keeps votes confidential without a key', async () => {
    const url = `/audit?meeting=${MEETING_IDS.EGM}&type=VoteCast&limit=5`;
    const anonymous = textOf((await get(url)).body);
    expect(anonymous).toContain('VoteCast: confidential');
    expect(anonymous).not.toMatch(/A-000\d|H-000\d/);
    const registrar = textOf((await get(url, basic(KEYS.registrar))).body);
    expect(registrar).not.toContain('confidential;');
    expect(registrar).toMatch(/A-000\d|H-000\d/);
  });

  it('refuses a malformed query with a page naming the field', async () => {
    const response = await get('/audit?from=yesterday');
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('from is not an ISO-8601 time.');
  });
});

it('says which figures are votes and which are shares where a class carries ten votes a share', async () => {
  const commands = scenarioCommands(JSON.parse(readFileSync(CUMULATIVE_EXAMPLE_PATH, 'utf8')));
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  const serving = await served(commands.right);
  const body = (await serving.server.inject({ method: 'GET', url: '/meetings/prc-agm-2026' })).body;
  const text = textOf(body);
  expect(text).toMatch(/B [\d,]+ 10 [\d,]+ [\d,]+/);
  expect(text).toMatch(
    /Shares represented: [\d,]+ of [\d,]+ entitled \(\d+\.\d{4}%\), carrying [\d,]+ of [\d,]+ votes/,
  );
  expect(text).toContain('For votes (% of');
  expect(text).toContain('; shares below');
  const view = (await serving.govrec.results()).meetings.find((m) => m.id === 'prc-agm-2026')!;
  const first = view.resolutions.find((r) => r.shares && r.shares.for !== r.for)!;
  expect(text).toContain(`${grouped(first.for)} (${first.forPct}%) ${grouped(first.shares!.for)} shares`);
});

it('does not wait for a long check of the seal: the page says it is being checked', async () => {
  const verdict = (await reference.govrec.verify([MEETING_IDS.EGM]))[0];
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const server = buildServer({
    govrec: reference.govrec,
    keys: ApiKeys.none(),
    verify: async (ids) => {
      await slow;
      return ids.map(() => verdict);
    },
  });
  const body = (await server.inject({ method: 'GET', url: `/meetings/${MEETING_IDS.EGM}` })).body;
  expect(body).toContain('data-verifies="checking"');
  expect(textOf(body)).toContain('Being checked against the seal');
  release();
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Checked meanwhile: the next view has the verdict.
  expect((await server.inject({ method: 'GET', url: `/meetings/${MEETING_IDS.EGM}` })).body).toContain(
    'data-verifies="true"',
  );
  await server.close();
});

import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';

/**
 * Votes are confidential: how a holder voted, who its proxy is and how it attended are read only
 * with the holder's own key or a key whose role reads every holder (registrar, company secretary,
 * scrutineer, auditor), on every endpoint that could show them. Aggregates (results, attendance
 * totals, the announcement) are public. The table below is the README's.
 */
const EGM = MEETING_IDS.EGM;
const KEYS = {
  auditor: 'conf-auditor',
  registrar: 'conf-registrar',
  scrutineer: 'conf-scrutineer',
  secretary: 'conf-secretary',
  chair: 'conf-chair',
  holder: 'conf-holder',
} as const;
const OWN = 'H-0001';
const store = new MemoryEventStore();
let serving: Serving;
/** Every holder the record says voted, lodged a proxy or attended. */
let holders: string[];

beforeAll(async () => {
  const keys = ApiKeys.of([
    { sha256: sha256(KEYS.auditor).toString('hex'), actor: 'auditor:x', role: 'AUDITOR' },
    { sha256: sha256(KEYS.registrar).toString('hex'), actor: 'registrar:x', role: 'REGISTRAR' },
    { sha256: sha256(KEYS.scrutineer).toString('hex'), actor: 'scrutineer:x', role: 'SCRUTINEER' },
    {
      sha256: sha256(KEYS.secretary).toString('hex'),
      actor: 'company-secretary:x',
      role: 'COMPANY_SECRETARY',
    },
    { sha256: sha256(KEYS.chair).toString('hex'), actor: 'chair:x', role: 'CHAIR' },
    { sha256: sha256(KEYS.holder).toString('hex'), actor: `holder:${OWN}`, role: 'HOLDER', holderId: OWN },
  ]);
  serving = await serve({ store, keys, port: 0, seedIfEmpty: referenceCommands() });
  const named = (await store.readAll({}))
    .filter((e) => ['VoteCast', 'ProxyLodged', 'AttendanceRecorded'].includes(e.type))
    .map((e) => (e.data as { holderId: string }).holderId);
  holders = [...new Set(named)];
}, 30_000);

afterAll(async () => {
  await serving.close();
  await store.close();
});

const get = (url: string, key?: string) =>
  serving.server.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

/** The holders a text names (a whole id, not the prefix of a longer one). */
const named = (text: string) => holders.filter((h) => new RegExp(`\\b${h}\\b`).test(text));

/** endpoint → who reads it: everyone, or the roles (and the holder's own key, where it says so). */
const TABLE: readonly [string, 'public' | 'rights'][] = [
  ['/api/meetings', 'public'],
  [`/api/meetings/${EGM}`, 'public'],
  [`/api/meetings/${EGM}/attendance`, 'public'],
  ['/api/results', 'public'],
  ['/api/resolutions', 'public'],
  ['/api/announcement', 'public'],
  [`/api/meetings/${EGM}/verify`, 'public'],
  ['/api/audit?type=VoteCast', 'public'],
  [`/api/audit?holder=${OWN}`, 'rights'],
  [`/api/holders/${OWN}/history`, 'rights'],
  [`/api/meetings/${EGM}/proxies`, 'rights'],
  [`/api/meetings/${EGM}/receipts/${OWN}`, 'rights'],
];

describe.each(TABLE)('%s (%s)', (url, access) => {
  it(
    access === 'public' ? 'answers without a key' : 'needs a key (401), one that may read holders (403)',
    async () => {
      const anonymous = await get(url);
      const chair = await get(url, KEYS.chair);
      if (access === 'public') {
        expect(anonymous.statusCode).toBe(200);
        return;
      }
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.rule).toBe('Unauthenticated');
      expect(chair.statusCode).toBe(403);
      expect(chair.json().error.rule).toBe('NotAuthorized');
      for (const key of [KEYS.auditor, KEYS.registrar, KEYS.scrutineer, KEYS.secretary, KEYS.holder])
        expect((await get(url, key)).statusCode).toBe(200);
    },
  );
});

/** Every page of the audit trail a caller reads, by cursor. */
async function wholeTrail(query: string, key?: string, format = ''): Promise<string> {
  let text = '';
  for (let after: number | undefined; ;) {
    const cursor = after === undefined ? '' : `&after=${after}`;
    const response = await get(`/api/audit?${query}&limit=1000${cursor}${format}`, key);
    expect(response.statusCode).toBe(200);
    text += response.body;
    if (format) return text;
    const next = response.json().next as number | undefined;
    if (next === undefined) return text;
    after = next;
  }
}

describe('the audit trail', () => {
  it('names a holder in no entry, on any page, to a caller without rights', async () => {
    expect(holders.length).toBeGreaterThan(3);
    for (const key of [undefined, KEYS.chair, KEYS.holder]) {
      expect(named(await wholeTrail('x=1', key))).toEqual([]);
      expect(named(await wholeTrail('type=VoteCast,ProxyLodged,AttendanceRecorded', key))).toEqual([]);
      expect(named(await wholeTrail(`meeting=${EGM}`, key, '&format=csv'))).toEqual([]);
    }
  });

  it('still shows that a vote was cast, where and when, but not whose or how', async () => {
    const page = (await get('/api/audit?type=VoteCast&limit=5')).json();
    expect(page.total).toBeGreaterThan(5);
    for (const entry of page.entries) {
      expect(entry).toMatchObject({ type: 'VoteCast', commandId: '(confidential)' });
      expect(entry.summary).toMatch(/confidential/);
      expect(entry.summary).not.toMatch(/FOR|AGAINST|ABSTAIN|\d{3}/);
    }
  });

  it('shows every holder whole to a role that reads every holder', async () => {
    for (const key of [KEYS.auditor, KEYS.registrar, KEYS.scrutineer, KEYS.secretary])
      expect(named(await wholeTrail('x=1', key)).sort()).toEqual([...holders].sort());
  });

  it("shows a holder's key its own entries whole, and refuses it another holder's", async () => {
    const own = await wholeTrail(`holder=${OWN}`, KEYS.holder);
    expect(named(own)).toEqual([OWN]);
    const other = holders.find((h) => h !== OWN)!;
    const refused = await get(`/api/audit?holder=${other}`, KEYS.holder);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ rule: 'NotAuthorized', field: 'query.holder' });
    expect((await get(`/api/audit?holder=${other}`)).statusCode).toBe(401);
  });
});

describe('the proxy register', () => {
  it("gives a holder's key only its own proxies, and a role that reads holders all of them", async () => {
    const own = (await get(`/api/meetings/${EGM}/proxies`, KEYS.holder)).json() as { holderId: string }[];
    expect(own.every((h) => h.holderId === OWN)).toBe(true);
    const all = (await get(`/api/meetings/${EGM}/proxies`, KEYS.auditor)).json() as { holderId: string }[];
    expect(new Set(all.map((h) => h.holderId)).size).toBeGreaterThan(1);
  });
});

describe('the aggregates', () => {
  it('name no holder in the results, the attendance or the meetings list', async () => {
    for (const url of [
      '/api/results',
      '/api/meetings',
      `/api/meetings/${EGM}/attendance`,
      '/api/resolutions',
    ])
      expect(named((await get(url)).body)).toEqual([]);
  });
});

/** The server-rendered pages: the same rights as the API, whatever the browser sends. */
const PAGES: readonly [string, 'public' | 'rights'][] = [
  ['/', 'public'],
  ['/meetings', 'public'],
  [`/meetings/${EGM}`, 'public'],
  ['/audit?type=VoteCast&limit=200', 'public'],
  ['/announcement', 'public'],
  [`/audit?holder=${OWN}`, 'rights'],
  [`/holders/${OWN}`, 'rights'],
  [`/meetings/${EGM}/proxies`, 'rights'],
];

describe.each(PAGES)('the page %s (%s)', (url, access) => {
  it('names no holder to a caller without rights, and shows what it may to one with them', async () => {
    const anonymous = await get(url);
    const chair = await get(url, KEYS.chair);
    expect(named(anonymous.body)).toEqual([]);
    expect(named(chair.body)).toEqual([]);
    if (access === 'public') {
      expect(anonymous.statusCode).toBe(200);
      return;
    }
    expect(anonymous.statusCode).toBe(401);
    expect(chair.statusCode).toBe(403);
    for (const key of [KEYS.auditor, KEYS.registrar, KEYS.scrutineer, KEYS.secretary, KEYS.holder])
      expect((await get(url, key)).statusCode).toBe(200);
    // A browser's key comes as the password of HTTP Basic authentication; a wrong one is no key.
    const basic = (key: string) => `Basic ${Buffer.from(`browser:${key}`).toString('base64')}`;
    const viaBasic = await serving.server.inject({
      method: 'GET',
      url,
      headers: { authorization: basic(KEYS.auditor) },
    });
    expect(viaBasic.statusCode).toBe(200);
    const wrong = await serving.server.inject({
      method: 'GET',
      url,
      headers: { authorization: basic('guess') },
    });
    expect(wrong.statusCode).toBe(401);
    expect(named(wrong.body)).toEqual([]);
  });
});

it("shows a holder's key only its own proxies on the proxy register page", async () => {
  const page = (await get(`/meetings/${EGM}/proxies`, KEYS.holder)).body;
  expect(named(page).filter((h) => h !== OWN)).toEqual([]);
});

it('never takes a key as HTTP Basic authentication for a command', async () => {
  const basic = `Basic ${Buffer.from(`browser:${KEYS.registrar}`).toString('base64')}`;
  const response = await serving.server.inject({
    method: 'POST',
    url: '/api/commands',
    headers: { authorization: basic, 'content-type': 'application/json' },
    payload: JSON.stringify({
      type: 'OpenPoll',
      commandId: 'basic-1',
      payload: { meetingId: EGM, at: '2023-11-23T14:10:00+08:00' },
    }),
  });
  expect(response.statusCode).toBe(401);
});

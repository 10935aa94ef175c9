import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { MEETING_IDS, referenceCommands, expectedMeeting } from '../golden/reference-scenario';

const KEYS = {
  registrar: 'registrar-secret-key',
  chair: 'chair-secret-key',
  auditor: 'auditor-secret-key',
  holder: 'holder-h0001-key',
};

let dir: string;
let serving: Serving;
let store: SqliteEventStore;
let readModels: SqliteReadModels;

/** The reference record up to the EGM's first vote, served: its poll is open. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-http-'));
  store = new SqliteEventStore(join(dir, 'govrec.db'));
  readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  const commands = referenceCommands();
  const keys = ApiKeys.of([
    {
      sha256: sha256(KEYS.registrar).toString('hex'),
      actor: 'registrar:test',
      role: 'REGISTRAR',
      historical: true,
    },
    { sha256: sha256(KEYS.chair).toString('hex'), actor: 'chair:test', role: 'CHAIR', historical: true },
    { sha256: sha256(KEYS.auditor).toString('hex'), actor: 'auditor:test', role: 'AUDITOR' },
    {
      sha256: sha256(KEYS.holder).toString('hex'),
      actor: 'holder:H-0001',
      role: 'HOLDER',
      holderId: 'H-0001',
    },
  ]);
  serving = await serve({
    store,
    readModels,
    keys,
    port: 0,
    seedIfEmpty: commands.slice(
      0,
      commands.findIndex((c) => c.type === 'CastVote'),
    ),
  });
});

afterAll(async () => {
  await serving.close();
  readModels.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, key?: string, raw = false) =>
  serving.server.inject({
    method: 'POST',
    url: '/api/commands',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    payload: raw ? (body as string) : JSON.stringify(body),
  });

const vote = (commandId: string, holderId: string, shares: number) => ({
  type: 'CastVote',
  commandId,
  issuedAt: '2023-11-23T14:15:00+08:00',
  payload: {
    resolutionId: 'jlmag-2023-r1',
    meetingId: MEETING_IDS.EGM,
    holderId,
    for: shares,
    against: 0,
    abstain: 0,
  },
});

const eventCount = async () => (await store.readAll()).length;

describe('reading', () => {
  it('lists the meetings and serves each one’s results', async () => {
    const list = await serving.server.inject('/api/meetings');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((m: { id: string }) => m.id)).toEqual(Object.values(MEETING_IDS));
    const egm = (await serving.server.inject(`/api/meetings/${MEETING_IDS.EGM}`)).json();
    expect(egm.attendingShares).toBe(expectedMeeting('EGM').attendingShares);
    expect(egm.resolutions.map((r: { no: number }) => r.no)).toEqual([1, 2, 3, 4]);
  });

  it('serves attendance, resolutions and the whole results view', async () => {
    const attendance = (await serving.server.inject(`/api/meetings/${MEETING_IDS.EGM}/attendance`)).json();
    expect(attendance.total).toEqual({ holders: 6, shares: 660_025_770, votes: 660_025_770 });
    const resolution = (await serving.server.inject('/api/resolutions/jlmag-2023-r2')).json();
    expect(resolution.atMeetings.map((m: { meetingId: string }) => m.meetingId)).toEqual(
      Object.values(MEETING_IDS),
    );
    expect((await serving.server.inject('/api/results')).json().meetings).toHaveLength(3);
  });

  it('answers an unknown meeting with 404 and JSON naming the field', async () => {
    const response = await serving.server.inject('/api/meetings/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ rule: 'UnknownMeeting', field: 'params.id' });
  });

  it('says a meeting whose results are not certified has no seal to verify', async () => {
    const verdict = (await serving.server.inject(`/api/meetings/${MEETING_IDS.EGM}/verify`)).json();
    expect(verdict).toMatchObject({ meetingId: MEETING_IDS.EGM, certified: false, clean: false });
  });

  it('serves the results page', async () => {
    const page = await serving.server.inject('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // Rendered on the server; its live updates come from a script of its own, which reads the stream.
    expect(page.body).toContain('<script src="/assets/live.js" defer>');
    expect((await serving.server.inject('/assets/live.js')).body).toContain('/api/stream');
  });
});

describe('writing', () => {
  it('refuses a command without a key, and records nothing', async () => {
    const before = await eventCount();
    const response = await post(vote('http-1', 'A-0004', 200));
    expect(response.statusCode).toBe(401);
    expect(response.json().error.rule).toBe('Unauthenticated');
    expect(await eventCount()).toBe(before);
  });

  it('refuses an unknown key and a role that may not issue the command', async () => {
    expect((await post(vote('http-2', 'A-0004', 200), 'wrong-key')).statusCode).toBe(401);
    for (const key of [KEYS.chair, KEYS.auditor]) {
      const response = await post(vote('http-2', 'A-0004', 200), key);
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({ rule: 'NotAuthorized', field: 'type' });
    }
  });

  it('refuses a body that names another actor than the key’s', async () => {
    const response = await post({ ...vote('http-3', 'A-0004', 200), actor: 'somebody-else' }, KEYS.registrar);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.rule).toBe('ActorFromKey');
  });

  it('answers malformed input with 400 and the field and rule, recording nothing', async () => {
    const before = await eventCount();
    const cases: [unknown, boolean, string, string][] = [
      ['{"type": "CastVote", ', true, 'InvalidJson', '(body)'],
      [
        { ...vote('http-4', 'A-0004', 200), payload: { ...vote('x', 'A-0004', 200).payload, for: -1 } },
        false,
        'Invalid:ShareCount',
        'payload.for',
      ],
      [
        { ...vote('http-5', 'A-0004', 200), payload: { ...vote('x', 'A-0004', 200).payload, for: 2.5 } },
        false,
        'Invalid:ShareCount',
        'payload.for',
      ],
      [
        { ...vote('http-6', 'A-0004', 200), payload: { ...vote('x', 'A-0004', 200).payload, fro: 1 } },
        false,
        'Invalid:UnknownField',
        'payload.fro',
      ],
      [{ ...vote('http-7', 'A-0004', 200), type: 'Vote' }, false, 'UnknownCommandType', 'type'],
      [[1, 2], false, 'Invalid:Command', '(body)'],
    ];
    for (const [body, raw, rule, field] of cases) {
      const response = await post(body, KEYS.registrar, raw);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ rule, field });
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses an oversized body with 413', async () => {
    const response = await post('x'.repeat(1024 * 1024 + 10), KEYS.registrar, true);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.rule).toBe('PayloadTooLarge');
  });

  it('answers a rule broken with 422, records a valid vote with 201, and a retry with 200', async () => {
    const over = await post(vote('http-8', 'A-0004', 201), KEYS.registrar);
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({ rule: 'OverVote', field: 'payload.for' });

    const before = await eventCount();
    const first = await post(vote('http-9', 'A-0004', 200), KEYS.registrar);
    expect(first.statusCode).toBe(201);
    expect(first.json().streams[0].events[0].data.votes.for).toBe(200);
    const retry = await post(vote('http-9', 'A-0004', 200), KEYS.registrar);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().streams[0].alreadyRecorded).toBe(true);
    expect(await eventCount()).toBe(before + 1);
  });

  it('shows the recorded vote in the results once the runner has folded it', async () => {
    for (let i = 0; i < 100; i++) {
      const egm = (await serving.server.inject(`/api/meetings/${MEETING_IDS.EGM}`)).json();
      if (egm.resolutions[0].for === 200) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the vote never reached the read model');
  });
});

const get = (url: string, key?: string) =>
  serving.server.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('the other read models', () => {
  it('pages and filters the audit trail, with actor, time, command, causation and correlation', async () => {
    const page = (
      await get(`/api/audit?meeting=${MEETING_IDS['H-CLASS']}&type=LodgeProxy,ProxyLodged&limit=2`)
    ).json();
    expect(page.total).toBe(3);
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0]).toMatchObject({
      type: 'ProxyLodged',
      streamName: `meeting-${MEETING_IDS['H-CLASS']}`,
    });
    for (const field of ['actor', 'occurredAt', 'commandId', 'causationId', 'correlationId', 'summary']) {
      expect(page.entries[0][field]).toEqual(expect.any(String));
    }
    const next = (
      await get(`/api/audit?meeting=${MEETING_IDS['H-CLASS']}&type=ProxyLodged&limit=2&after=${page.next}`)
    ).json();
    expect(next.entries).toHaveLength(1);
  });

  it('exports the audit trail as CSV', async () => {
    const response = await get('/api/audit?holder=H-0002&format=csv', KEYS.auditor);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toContain('position');
    expect(lines.length).toBeGreaterThan(3);
  });

  it('refuses a malformed audit query naming the parameter', async () => {
    const response = await get('/api/audit?limit=ten');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'query.limit' });
  });

  it("shows a holder's history to its own key and to roles that read every holder, not to others", async () => {
    expect((await get('/api/holders/H-0001/history')).statusCode).toBe(401);
    const own = await get('/api/holders/H-0001/history', KEYS.holder);
    expect(own.statusCode).toBe(200);
    expect(own.json().holderId).toBe('H-0001');
    expect((await get('/api/holders/H-0002/history', KEYS.holder)).statusCode).toBe(403);
    expect((await get('/api/holders/H-0002/history', KEYS.auditor)).statusCode).toBe(200);
    expect((await get('/api/holders/H-0002/history', KEYS.chair)).statusCode).toBe(403);
  });

  it('lists the proxy register of a meeting: in force, superseded, revoked by attendance', async () => {
    const register = (await get(`/api/meetings/${MEETING_IDS.EGM}/proxies`, KEYS.auditor)).json() as {
      holderId: string;
      proxies: { proxyId: string; status: string }[];
    }[];
    const h1 = register.find((h) => h.holderId === 'H-0001')!;
    expect(h1.proxies.map((p) => p.status).sort()).toEqual(['IN_FORCE', 'SUPERSEDED']);
    const h2 = register.find((h) => h.holderId === 'H-0002')!;
    expect(h2.proxies.map((p) => p.status)).toEqual(['REVOKED']);
  });

  it('renders the announcement as text, Markdown and HTML, and refuses other formats', async () => {
    const text = await get('/api/announcement?format=text');
    expect(text.body).toContain('1. Convening of the Meetings');
    expect((await get('/api/announcement?format=markdown')).headers['content-type']).toContain(
      'text/markdown',
    );
    expect((await get('/api/announcement?format=html')).body).toContain('<table');
    const bad = await get('/api/announcement?format=docx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('query.format');
  });

  it('renders the announcement in the form asked (?form=), and refuses a form it does not know', async () => {
    const uk = await get(
      `/api/announcement?format=text&form=uk-result-of-meeting&meeting=${MEETING_IDS.EGM}`,
    );
    expect(uk.statusCode).toBe(200);
    expect(uk.body).toContain('Result of General Meeting');
    expect((await get('/api/announcement?format=text&form=hkex')).body).toContain(
      '1. Convening of the Meetings',
    );
    const bad = await get('/api/announcement?format=text&form=rns');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: {
        rule: 'Invalid:AnnouncementForm',
        field: 'query.form',
        message: 'query.form takes hkex or uk-result-of-meeting, not "rns"',
      },
    });
    const page = await get('/announcement?form=rns');
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('form takes hkex or uk-result-of-meeting');
    expect((await get(`/announcement?form=uk-result-of-meeting&meeting=${MEETING_IDS.EGM}`)).body).toContain(
      'Result of General Meeting',
    );
  });
});

describe('the security log', () => {
  it('records each request refused for who sent it, never the key, and shows it to auditors only', async () => {
    await post(vote('sec-1', 'A-0004', 200), 'not-a-key-secret-123');
    await post(vote('sec-2', 'A-0004', 200), KEYS.chair);
    await get('/api/holders/H-0002/history', KEYS.holder);

    expect((await get('/api/security-log', KEYS.registrar)).statusCode).toBe(403);
    const log = (await get('/api/security-log', KEYS.auditor)).json() as Record<string, string>[];
    const [readingTheLog, holderRead, chairVote, unknownKey] = log;
    expect(readingTheLog).toMatchObject({
      rule: 'NotAuthorized',
      action: 'GET /api/security-log',
      role: 'REGISTRAR',
    });
    expect(unknownKey).toMatchObject({
      rule: 'Unauthenticated',
      action: 'POST /api/commands CastVote',
      commandId: 'sec-1',
    });
    expect(unknownKey.actor).toBeUndefined();
    expect(chairVote).toMatchObject({
      rule: 'NotAuthorized',
      actor: 'chair:test',
      role: 'CHAIR',
      commandId: 'sec-2',
    });
    expect(holderRead).toMatchObject({
      rule: 'NotAuthorized',
      action: 'GET /api/holders/H-0002/history',
      role: 'HOLDER',
    });
    expect(JSON.stringify(log)).not.toContain('not-a-key-secret-123');
    expect(JSON.stringify(log)).not.toContain(KEYS.chair);
  });
});

import { connect } from 'node:net';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';

/**
 * No input crashes the server, and every refusal is typed: command types that are the names of
 * Object.prototype's members, JSON nested thousands deep, a query parameter given twice, ids the
 * record does not know, a URL or a request that is not valid HTTP, values of every kind in every
 * field. Each answer is below 500 and, when it refuses, is `{ error: { rule, field, message } }`.
 * The `Authorization` scheme is case-insensitive.
 */
const KEYS = { registrar: 'no500-registrar', auditor: 'no500-auditor' };
const EGM = MEETING_IDS.EGM;
const store = new MemoryEventStore();
let serving: Serving;

beforeAll(async () => {
  const keys = ApiKeys.of([
    { sha256: sha256(KEYS.registrar).toString('hex'), actor: 'registrar:x', role: 'REGISTRAR' },
    { sha256: sha256(KEYS.auditor).toString('hex'), actor: 'auditor:x', role: 'AUDITOR' },
  ]);
  const all = referenceCommands();
  serving = await serve({
    store,
    keys,
    port: 0,
    seedIfEmpty: all.slice(
      0,
      all.findIndex((c) => c.type === 'ClosePoll'),
    ),
  });
}, 30_000);

afterAll(async () => {
  await serving.close();
  await store.close();
});

type Answer = { statusCode: number; body: string; json(): unknown };

/** Below 500; a refusal in the documented shape, naming its rule and field. */
function typed(response: Answer, status?: number, rule?: string): { rule: string; field: string } {
  expect(response.statusCode).toBeLessThan(500);
  if (status !== undefined) expect(response.statusCode).toBe(status);
  const { error } = response.json() as { error: { rule: string; field: string; message: string } };
  expect(Object.keys(error).sort()).toEqual(['field', 'message', 'rule']);
  for (const value of Object.values(error)) expect(typeof value).toBe('string');
  if (rule !== undefined) expect(error.rule).toBe(rule);
  return error;
}

const post = (payload: string, key: string | null = KEYS.registrar) =>
  serving.server.inject({
    method: 'POST',
    url: '/api/commands',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    payload,
  });
const get = (url: string, key?: string) =>
  serving.server.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

describe('command types named as Object.prototype members', () => {
  it.each(PROTOTYPE_KEYS)(
    '%s is an unknown command type (400), with a key or without (401)',
    async (type) => {
      const body = JSON.stringify({ type, commandId: 'x-1', payload: {} });
      typed(await post(body), 400, 'UnknownCommandType');
      typed(await post(body, null), 401, 'Unauthenticated');
    },
  );
});

describe('JSON nested deep', () => {
  const deep = (open: string, close: string, n = 5_000) => open.repeat(n) + close.repeat(n);
  it.each([
    ['arrays', deep('[', ']')],
    ['objects', deep('{"a":', '}').replace(/}$/, '1}')],
    ['in a payload', `{"type":"CastVote","commandId":"x-2","payload":${deep('[', ']')}}`],
    ['in a field', `{"type":"CastVote","commandId":"x-3","payload":{"for":${deep('[', ']', 100_000)}}}`],
  ])('%s: refused as InvalidJson', async (_name, body) => {
    typed(await post(body), 400, 'InvalidJson');
  });

  it('still takes a command nested as deep as commands are', async () => {
    const response = await post(
      JSON.stringify({ type: 'RevokeProxy', commandId: 'x-4', payload: { meetingId: 'no-such' } }),
    );
    expect(response.statusCode).toBeLessThan(500);
    expect(typed(response).rule).not.toBe('InvalidJson');
  });
});

describe('a query parameter given twice', () => {
  it.each([
    `/api/audit?meeting=${EGM}&meeting=${EGM}`,
    '/api/audit?limit=1&limit=2',
    '/api/announcement?format=text&format=html',
    `/api/announcement?meeting=${EGM}&meeting=x`,
    '/api/security-log?limit=1&limit=2',
    '/api/results?x=1&x=2',
  ])('%s: refused, naming the parameter', async (url) => {
    const error = typed(await get(url, KEYS.auditor), 400, 'Invalid:RepeatedParameter');
    expect(error.field).toMatch(/^query\./);
  });
});

describe('ids the record does not know', () => {
  it.each([
    ['/api/meetings/nope', 'UnknownMeeting'],
    ['/api/meetings/nope/attendance', 'UnknownMeeting'],
    ['/api/meetings/nope/proxies', 'UnknownMeeting'],
    ['/api/meetings/nope/verify', 'UnknownMeeting'],
    ['/api/resolutions/nope', 'UnknownResolution'],
    ['/api/holders/nope/history', 'UnknownHolder'],
    ['/api/audit?meeting=nope', 'UnknownMeeting'],
    ['/api/audit?resolution=nope', 'UnknownResolution'],
    ['/api/announcement?meeting=nope', 'UnknownMeeting'],
    ['/api/no-such-route', 'NotFound'],
  ])('%s: 404 %s', async (url, rule) => {
    typed(await get(url, KEYS.auditor), 404, rule);
  });
});

describe('malformed HTTP', () => {
  it.each([
    ['a URL that does not decode', { method: 'GET', url: '/api/meetings/%zz' }],
    ['a body that is not JSON', { method: 'POST', url: '/api/commands', payload: '{"type":', json: true }],
    ['an empty body', { method: 'POST', url: '/api/commands', payload: '', json: true }],
    [
      'a body that is not UTF-8',
      { method: 'POST', url: '/api/commands', payload: Buffer.from([0x7b, 0xff, 0x7d]), json: true },
    ],
    [
      'another media type',
      { method: 'POST', url: '/api/commands', payload: '<a/>', type: 'application/xml' },
    ],
    [
      'a body over 1 MiB',
      { method: 'POST', url: '/api/commands', payload: `"${'x'.repeat(1_100_000)}"`, json: true },
    ],
    ['a bad limit for the security log', { method: 'GET', url: '/api/security-log?limit=-5' }],
    ['a bad cursor for the security log', { method: 'GET', url: '/api/security-log?before=abc' }],
  ] as const)('%s: the documented error shape', async (_name, request) => {
    const { method, url } = request;
    const payload = 'payload' in request ? request.payload : undefined;
    const type = 'type' in request ? request.type : 'json' in request ? 'application/json' : undefined;
    const response = await serving.server.inject({
      method,
      url,
      ...(payload !== undefined ? { payload } : {}),
      headers: { authorization: `Bearer ${KEYS.auditor}`, ...(type ? { 'content-type': type } : {}) },
    });
    typed(response);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });

  it.each([
    ['not HTTP at all', 'HELLO THERE\r\n\r\n'],
    ['a broken header', 'GET / HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n'],
    [
      'two Content-Lengths',
      'POST /api/commands HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}',
    ],
  ])('%s, on the wire: 400 in the documented shape', async (_name, raw) => {
    const { port } = new URL(serving.address);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(raw));
      socket
        .on('data', (chunk) => (text += chunk))
        .on('end', () => resolve(text))
        .on('error', reject);
      setTimeout(() => socket.end(), 2_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(Object.keys(body.error).sort()).toEqual(['field', 'message', 'rule']);
  });
});

describe('the Authorization scheme', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'BeArEr'])('%s is the bearer scheme', async (scheme) => {
    const response = await serving.server.inject({
      method: 'GET',
      url: '/api/security-log',
      headers: { authorization: `${scheme}  ${KEYS.auditor}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it('is still a scheme: Basic or a bare key is no key', async () => {
    for (const authorization of [`Basic ${KEYS.auditor}`, KEYS.auditor, 'Bearer', 'bearer '])
      typed(
        await serving.server.inject({ method: 'GET', url: '/api/security-log', headers: { authorization } }),
        401,
      );
  });
});

describe('values of every kind in every field', () => {
  const VALUES: unknown[] = [
    null,
    true,
    0,
    -1,
    1e308,
    '',
    'x'.repeat(10_000),
    [],
    {},
    [[[]]],
    { __proto__: 1 },
    '__proto__',
  ];
  const vote = {
    type: 'CastVote',
    commandId: 'fuzz',
    payload: {
      resolutionId: 'jlmag-2023-r1',
      meetingId: EGM,
      holderId: 'A-0004',
      for: 1,
      against: 0,
      abstain: 0,
    },
  };
  it('never answer 500, and every refusal is typed', async () => {
    let n = 0;
    for (const field of ['type', 'commandId', 'payload', 'issuedAt', 'correlationId', 'causationId'])
      for (const value of VALUES) {
        const response = await post(JSON.stringify({ ...vote, commandId: `fuzz-${++n}`, [field]: value }));
        if (response.statusCode >= 400) typed(response);
      }
    for (const field of Object.keys(vote.payload))
      for (const value of VALUES) {
        const payload = { ...vote.payload, [field]: value };
        const response = await post(JSON.stringify({ ...vote, commandId: `fuzz-${++n}`, payload }));
        if (response.statusCode >= 400) typed(response);
      }
  }, 30_000);
});

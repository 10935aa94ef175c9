import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';

/**
 * Time cannot be forged over the wire: a command posted over HTTP is recorded at the server's
 * clock. An `issuedAt` the client gives is accepted only within five minutes of it, and then
 * replaced by it, so a year 9999 or year 100 is refused and no backdating steps round a time rule.
 * Recording a meeting held before is the one privileged path: a key flagged `historical`, whose
 * times stand, though never in the future nor before 1900.
 */
const KEYS = { secretary: 'time-secretary', historian: 'time-historian' };
let nowMs = Date.parse('2026-03-02T09:00:00Z');
const clock = () => new Date(nowMs);
const store = new MemoryEventStore();
let serving: Serving;

beforeAll(async () => {
  const keys = ApiKeys.of([
    {
      sha256: sha256(KEYS.secretary).toString('hex'),
      actor: 'company-secretary:now',
      role: 'COMPANY_SECRETARY',
    },
    {
      sha256: sha256(KEYS.historian).toString('hex'),
      actor: 'company-secretary:archive',
      role: 'COMPANY_SECRETARY',
      historical: true,
    },
  ]);
  serving = await serve({ store, keys, port: 0, now: clock });
});

afterAll(async () => {
  await serving.close();
  await store.close();
});

let n = 0;
const schedule = (meetingId: string, extra: Record<string, unknown> = {}) => ({
  type: 'ScheduleMeeting',
  commandId: `time-${++n}`,
  payload: {
    meetingId,
    company: { name: 'Clockwork plc' },
    kind: 'AGM',
    title: 'Annual general meeting',
    shareClasses: [{ code: 'A', issuedShares: 1000, votesPerShare: 1 }],
    startsAt: '2026-04-01T10:00:00Z',
    place: 'London',
    ruleSetId: 'UK-CA2006',
  },
  ...extra,
});

const post = (body: unknown, key = KEYS.secretary) =>
  serving.server.inject({
    method: 'POST',
    url: '/api/commands',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    payload: JSON.stringify(body),
  });

const events = async () => store.readAll({});
const occurredAt = async (meetingId: string) =>
  (await store.readStream(`meeting-${meetingId}`)).map((e) => e.metadata.occurredAt);
const minutes = (m: number) => new Date(nowMs + m * 60_000).toISOString();

describe('a key that records the present', () => {
  it('stamps a command that gives no time with the server clock', async () => {
    expect((await post(schedule('agm-a'))).statusCode).toBe(201);
    expect(await occurredAt('agm-a')).toEqual([clock().toISOString()]);
  });

  it("accepts a time within five minutes of the server's, and records the server's", async () => {
    const response = await post(schedule('agm-b', { issuedAt: minutes(-4) }));
    expect(response.statusCode).toBe(201);
    expect(await occurredAt('agm-b')).toEqual([clock().toISOString()]);
  });

  it.each([
    ['year 9999', '9999-12-31T23:59:59Z'],
    ['year 100', '0100-01-01T00:00:00Z'],
    ['six minutes ahead', () => minutes(6)],
    ['six minutes behind', () => minutes(-6)],
    ['a past meeting', '2023-11-23T14:00:00+08:00'],
  ])('refuses an issuedAt of %s, naming issuedAt, and records nothing', async (_name, at) => {
    const before = (await events()).length;
    const response = await post(schedule('agm-forged', { issuedAt: typeof at === 'string' ? at : at() }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ rule: 'IssuedAtOutsideSkew', field: 'issuedAt' });
    expect((await events()).length).toBe(before);
  });

  it('cannot backdate round a time rule: a meeting past its start is not postponed', async () => {
    expect((await post(schedule('agm-due'))).statusCode).toBe(201);
    nowMs = Date.parse('2026-04-01T10:30:00Z');
    const before = (await events()).length;
    const postpone = (extra: Record<string, unknown>) => ({
      type: 'PostponeMeeting',
      commandId: `time-${++n}`,
      payload: { meetingId: 'agm-due', startsAt: '2026-05-01T10:00:00Z', reason: 'Venue unavailable' },
      ...extra,
    });
    const backdated = await post(postpone({ issuedAt: '2026-03-31T10:00:00Z' }));
    expect(backdated.statusCode).toBe(422);
    expect(backdated.json().error).toMatchObject({ rule: 'IssuedAtOutsideSkew', field: 'issuedAt' });
    const now = await post(postpone({}));
    expect(now.statusCode).toBe(422);
    expect(now.json().error).toMatchObject({ rule: 'MeetingTimeReached' });
    expect((await events()).length).toBe(before);
  });
});

describe('a key flagged historical', () => {
  it('records a past meeting at the times it gives', async () => {
    const at = '2019-05-01T09:00:00+08:00';
    const response = await post(schedule('egm-2019', { issuedAt: at }), KEYS.historian);
    expect(response.statusCode).toBe(201);
    expect(await occurredAt('egm-2019')).toEqual([at]);
  });

  it.each([
    ['year 9999', '9999-12-31T23:59:59Z', 'IssuedAtInFuture'],
    ['an hour ahead', () => minutes(60), 'IssuedAtInFuture'],
    ['year 100', '0100-01-01T00:00:00Z', 'IssuedAtTooEarly'],
    ['1899', '1899-12-31T23:59:59Z', 'IssuedAtTooEarly'],
  ])('still refuses %s', async (_name, at, rule) => {
    const before = (await events()).length;
    const response = await post(
      schedule('egm-forged', { issuedAt: typeof at === 'string' ? at : at() }),
      KEYS.historian,
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ rule, field: 'issuedAt' });
    expect((await events()).length).toBe(before);
  });

  it('is a flag of the keys file, read strictly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govrec-time-keys-'));
    try {
      const file = join(dir, 'keys.json');
      const entry = {
        sha256: sha256('archive-key').toString('hex'),
        actor: 'registrar:archive',
        role: 'REGISTRAR',
      };
      writeFileSync(file, JSON.stringify({ keys: [{ ...entry, historical: true }] }));
      expect(ApiKeys.fromFile(file).callerOf('archive-key')).toMatchObject({ historical: true });
      writeFileSync(file, JSON.stringify({ keys: [{ ...entry, historical: 'yes' }] }));
      expect(() => ApiKeys.fromFile(file)).toThrow(/historical/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

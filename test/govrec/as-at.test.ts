import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeys, buildServer } from '../../src/http';
import { Govrec, MeetingView, openGovrec, RecordedEvent } from '../../src/index';
import { EXIT, run } from '../../src/infra/cli/main';
import { MEETING_IDS, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

/**
 * Results as at a moment of the record: the tally mid-poll, folded from the events up to that
 * moment, equals the votes of those events added up here, independently of any projection, and is
 * not the final tally.
 */
const EGM = MEETING_IDS.EGM ?? Object.values(MEETING_IDS)[0];
type Split = { for: number; against: number; abstain: number };

let dir: string;
let store: `sqlite:${string}`;
let govrec: Govrec;
let events: RecordedEvent[];
let votes: RecordedEvent[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-as-at-'));
  store = `sqlite:${join(dir, 'govrec.db')}`;
  govrec = await openGovrec({ store });
  const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')) as unknown;
  expect((await govrec.recordScenario(scenario)).ok).toBe(true);
  events = await govrec.store.readAll();
  votes = events.filter((e) => e.type === 'VoteCast' && (e.data as { meetingId: string }).meetingId === EGM);
});
afterAll(async () => {
  await govrec.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The EGM's tally per resolution from the VoteCast events up to a position: summed here, by hand. */
function talliedBy(position: number): Map<string, Split> {
  const tally = new Map<string, Split>();
  for (const e of votes) {
    if (e.position > position) continue;
    const { resolutionId, votes: split } = e.data as { resolutionId: string; votes: Split };
    const sum = tally.get(resolutionId) ?? { for: 0, against: 0, abstain: 0 };
    tally.set(resolutionId, {
      for: sum.for + split.for,
      against: sum.against + split.against,
      abstain: sum.abstain + split.abstain,
    });
  }
  return tally;
}

const tallyOf = (m: MeetingView): Map<string, Split> =>
  new Map(
    m.resolutions
      .filter((r) => r.for + r.against + r.abstain > 0)
      .map((r) => [r.resolutionId, { for: r.for, against: r.against, abstain: r.abstain }]),
  );

describe('the results as at a position', () => {
  it('mid-poll: the votes of the events so far, added up, and not the final tally', async () => {
    const n = Math.floor(votes.length / 2);
    const position = votes[n - 1].position;
    const then = await govrec.asAt({ position });
    if (!then.ok) throw new Error(then.error.message);
    expect(then.value.position).toBe(position);
    const meeting = then.value.meeting(EGM)!;
    expect(meeting.status).toBe('POLL_OPEN');
    expect(tallyOf(meeting)).toEqual(talliedBy(position));
    const final = (await govrec.results([EGM])).meetings[0];
    expect(final.status).toBe('CERTIFIED');
    expect(tallyOf(meeting)).not.toEqual(tallyOf(final));
  });

  it('after each vote of the poll, the tally is the sum of the votes so far', async () => {
    for (const vote of votes) {
      const then = await govrec.asAt({ position: vote.position });
      if (!then.ok) throw new Error(then.error.message);
      expect(tallyOf(then.value.meeting(EGM)!)).toEqual(talliedBy(vote.position));
    }
  });

  it('at the last event, is the results the read models give now', async () => {
    const then = await govrec.asAt({ position: events[events.length - 1].position });
    if (!then.ok) throw new Error(then.error.message);
    expect(then.value.results()).toEqual(await govrec.results());
  });

  it('refuses a position past the end of the record, and a moment that names none', async () => {
    const past = await govrec.asAt({ position: events[events.length - 1].position + 1 });
    expect(past).toMatchObject({ ok: false, error: { rule: 'Invalid:AsAt', field: 'asAt.position' } });
    const negative = await govrec.asAt({ position: -1 });
    expect(negative).toMatchObject({ ok: false, error: { rule: 'Invalid:AsAt', field: 'asAt.position' } });
    const bad = await govrec.asAt({ time: '23 November 2023' });
    expect(bad).toMatchObject({ ok: false, error: { rule: 'Invalid:AsAt', field: 'asAt.time' } });
  });
});

describe('the proxy register as at a position', () => {
  it('before a later proxy is lodged, shows the earlier one in force; now, superseded', async () => {
    const proxies = (await govrec.proxyRegister(EGM)).flatMap((h) => h.proxies);
    const superseded = proxies.find((p) => p.status === 'SUPERSEDED')!;
    const later = events.find(
      (e) =>
        e.type === 'ProxyLodged' &&
        (e.data as { proxyId: string }).proxyId === superseded.supersededBy!.proxyId,
    )!;
    const before = await govrec.asAt({ position: later.position - 1 });
    if (!before.ok) throw new Error(before.error.message);
    const then = before.value.proxyRegister(EGM).flatMap((h) => h.proxies);
    expect(then.find((p) => p.proxyId === superseded.proxyId)?.status).toBe('IN_FORCE');
    expect(then.some((p) => p.proxyId === (later.data as { proxyId: string }).proxyId)).toBe(false);
  });
});

describe('the results as at a time', () => {
  it('are those of every event up to the first that happened after it', async () => {
    const vote = votes[Math.floor(votes.length / 2)];
    const time = vote.metadata.occurredAt;
    const firstAfter = events.find((e) => Date.parse(e.metadata.occurredAt) > Date.parse(time));
    const lastBefore = events[events.indexOf(firstAfter!) - 1];
    const then = await govrec.asAt({ time });
    if (!then.ok) throw new Error(then.error.message);
    expect(then.value.position).toBe(lastBefore.position);
    expect(tallyOf(then.value.meeting(EGM)!)).toEqual(talliedBy(lastBefore.position));
  });

  it('before the first event, are empty', async () => {
    const then = await govrec.asAt({ time: '2000-01-01T00:00:00Z' });
    if (!then.ok) throw new Error(then.error.message);
    expect(then.value).toMatchObject({ position: -1 });
    expect(then.value.results().meetings).toEqual([]);
  });
});

describe('as at, over HTTP and on the command line', () => {
  it('GET /api/meetings/:id?asAt= answers the folded meeting, and a bad moment 400', async () => {
    const server = buildServer({ govrec, keys: ApiKeys.none() });
    try {
      const position = votes[4].position;
      const mid = await server.inject({ url: `/api/meetings/${EGM}?asAt=${position}` });
      expect(mid.statusCode).toBe(200);
      expect(mid.headers['govrec-as-at-position']).toBe(String(position));
      expect(tallyOf(mid.json() as MeetingView)).toEqual(talliedBy(position));
      const time = encodeURIComponent(votes[4].metadata.occurredAt);
      expect((await server.inject({ url: `/api/results?asAt=${time}` })).statusCode).toBe(200);
      for (const bad of ['yesterday', '-3', String(events[events.length - 1].position + 10)]) {
        const refused = await server.inject({ url: `/api/results?asAt=${encodeURIComponent(bad)}` });
        expect(refused.statusCode).toBe(400);
        expect(refused.json()).toMatchObject({ error: { rule: 'Invalid:AsAt', field: 'query.asAt' } });
      }
    } finally {
      await server.close();
    }
  });

  it('govrec results --as-at prints the tally then', async () => {
    const position = votes[4].position;
    const io = captureIo();
    expect(
      await run(['results', '--store', store, '--as-at', String(position), '--format', 'json'], io),
    ).toBe(EXIT.ok);
    const printed = JSON.parse(io.stdout) as { asAt: { position: number }; meetings: MeetingView[] };
    expect(printed.asAt.position).toBe(position);
    expect(tallyOf(printed.meetings.find((m) => m.id === EGM)!)).toEqual(talliedBy(position));
    const table = captureIo();
    await run(['results', '--store', store, '--as-at', String(position)], table);
    expect(table.stdout).toMatch(new RegExp(`^As at position ${position} of the record`));
    const bad = captureIo();
    expect(await run(['results', '--store', store, '--as-at', 'noon'], bad)).toBe(EXIT.usage);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

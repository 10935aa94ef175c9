import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openGovrec } from '../../src';
import { ApiKeys } from '../../src/infra/http/api-keys';
import { buildServer } from '../../src/infra/http/server';
import { run } from '../../src/infra/cli/main';
import { captureIo } from '../support/cli-io';
import { DEMO_DIR, DEMO_MEETING, ISSUED_AT } from '../import/demo';
import { MEETING_IDS, SCENARIO_PATH } from '../golden/reference-scenario';

/**
 * Read models cannot lie. They live in a file of their own (govrec.read.db), which an attacker with
 * file access edits, or which outlives the store beside it. Each case must not be served: the read
 * models are folded again from the record (or the meeting is marked MISMATCH, never shown as right).
 *
 * Two guards, each proven on its own record: the binding of the read models to their store and
 * checkpoint (on a meeting that is not certified, so that the second guard cannot help), and the
 * check of a certified meeting's figures against its certification (on the certified reference).
 */
const EGM = MEETING_IDS.EGM;

let dir: string;
let store: string;
let readDb: string;

const scenario = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

async function withGovrec<T>(
  use: (govrec: Awaited<ReturnType<typeof openGovrec>>) => Promise<T>,
): Promise<T> {
  const govrec = await openGovrec({ store: `sqlite:${store}`, readModels: readDb });
  try {
    return await use(govrec);
  } finally {
    await govrec.close();
  }
}

/** What govrec publishes: the results, the announcement. */
const published = () =>
  withGovrec(async (govrec) => ({
    results: await govrec.results(),
    announcement: await govrec.announcement('text'),
  }));

/** Edits the read models' file as an attacker would, with govrec closed. */
function editReadModels(edit: (db: Database.Database) => void): void {
  const db = new Database(readDb);
  edit(db);
  db.close();
}

/** The first FOR figure of a votes split in a document, raised: a false tally that still parses. */
function raiseFirstFor(body: string, by: number): string {
  const doc = JSON.parse(body) as unknown;
  let raised = false;
  const walk = (value: unknown): void => {
    if (raised || typeof value !== 'object' || value === null) return;
    const votes = (value as { votes?: { for?: unknown } }).votes;
    if (votes && typeof votes.for === 'number') {
      votes.for += by;
      raised = true;
      return;
    }
    for (const child of Object.values(value)) walk(child);
  };
  walk(doc);
  expect(raised).toBe(true);
  return JSON.stringify(doc);
}

let truth: Awaited<ReturnType<typeof published>>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-bound-'));
  store = join(dir, 'govrec.db');
  readDb = join(dir, 'govrec.read.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const record = (recorded: unknown) =>
  withGovrec(async (govrec) => expect((await govrec.recordScenario(recorded)).ok).toBe(true));

/** The demo meeting's schedule, or the same schedule of another meeting (another record of the same size). */
const schedule = (meetingId = DEMO_MEETING): unknown =>
  JSON.parse(readFileSync(join(DEMO_DIR, '1-schedule.json'), 'utf8').replaceAll(DEMO_MEETING, meetingId));

const importRegister = () =>
  withGovrec(async (govrec) => {
    const imported = await govrec.importFile('register', join(DEMO_DIR, 'register.csv'), {
      meetingId: DEMO_MEETING,
      issuedAt: ISSUED_AT,
      rejectsFile: join(dir, 'register.rejects.csv'),
    });
    expect(imported.ok).toBe(true);
  });

const meetingsServed = () =>
  withGovrec(async (govrec) => (await govrec.results()).meetings.map((m) => [m.id, m.status]));

describe('read models bound to their store (a meeting not certified)', () => {
  const OTHER = 'other-agm-2025';
  const setCheckpoints = (sql: string) => editReadModels((db) => db.exec(`UPDATE checkpoints SET ${sql}`));
  const recreate = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${store}${suffix}`, { force: true });
  };

  beforeEach(async () => {
    await record(schedule());
    await importRegister();
    truth = await published();
    expect(truth.results.meetings.map((m) => [m.id, m.status])).toEqual([[DEMO_MEETING, 'DRAFT']]);
  });

  it('serves none of the old store meetings when the store is deleted and created empty', async () => {
    recreate();
    expect(await withGovrec(async (govrec) => govrec.results())).toEqual({ meetings: [], outcomes: [] });
  });

  it('serves only the new store meetings when it is created again with as many events', async () => {
    recreate();
    await record(schedule(OTHER));
    await withGovrec(async (govrec) =>
      govrec.importFile('register', join(DEMO_DIR, 'register.csv'), {
        meetingId: OTHER,
        issuedAt: ISSUED_AT,
        rejectsFile: join(dir, 'other.rejects.csv'),
      }),
    );
    expect(await meetingsServed()).toEqual([[OTHER, 'DRAFT']]);
  });

  it('rebuilds read models that name another store (a copy of another store read models)', async () => {
    editReadModels((db) => {
      db.exec("UPDATE bound_store SET store_id = 'another'");
      // What another store's read models say of a meeting of the same id: other figures.
      const key = `poll:${DEMO_MEETING}`;
      const body = db.prepare('SELECT body FROM documents WHERE key = ?').pluck().get(key) as string;
      const other = body.replace(
        /"entitledShares":(\d+)/,
        (_, n: string) => `"entitledShares":${Number(n) + 7}`,
      );
      expect(other).not.toBe(body);
      db.prepare('UPDATE documents SET body = ? WHERE key = ?').run(other, key);
    });
    expect(await published()).toEqual(truth);
  });

  it('rebuilds read models folded from a record whose hash chain is not the store one', async () => {
    editReadModels((db) => {
      const key = `poll:${DEMO_MEETING}`;
      const body = db.prepare('SELECT body FROM documents WHERE key = ?').pluck().get(key) as string;
      const other = body.replace(
        /"entitledShares":(\d+)/,
        (_, n: string) => `"entitledShares":${Number(n) + 7}`,
      );
      db.prepare('UPDATE documents SET body = ? WHERE key = ?').run(other, key);
    });
    // The store's record, as restored from elsewhere: the same last event, another chain up to it.
    const db = new Database(store);
    db.exec('UPDATE events SET chain = randomblob(32) WHERE position = (SELECT MAX(position) FROM events)');
    db.close();
    expect(await published()).toEqual(truth);
  });

  it('skips no event after a checkpoint moved ahead of the log', async () => {
    setCheckpoints('position = position + 1000');
    await record(schedule(OTHER));
    expect((await meetingsServed()).map(([id]) => id).sort()).toEqual([DEMO_MEETING, OTHER].sort());
  });

  it('folds no event twice after a checkpoint moved back', async () => {
    setCheckpoints('position = position - 3');
    expect(await published()).toEqual(truth);
  });

  it('rebuilds read models whose checkpoint names another event than the one at its position', async () => {
    const wrong = '00000000-0000-4000-8000-000000000000';
    setCheckpoints(`event_id = '${wrong}'`);
    expect(await published()).toEqual(truth);
    const db = new Database(readDb);
    const named = db.prepare('SELECT DISTINCT event_id FROM checkpoints').pluck().all();
    db.close();
    // Folded again from the record, the checkpoint names the event at its position once more.
    expect(named).not.toContain(wrong);
  });
});

describe('published figures of a certified meeting checked against its certification', () => {
  const editPoll = (meetingId: string, change: (body: string) => string) =>
    editReadModels((db) => {
      const key = `poll:${meetingId}`;
      const body = db
        .prepare("SELECT body FROM documents WHERE projection = 'results' AND key = ?")
        .pluck()
        .get(key);
      expect(typeof body).toBe('string');
      const edited = change(body as string);
      expect(edited).not.toBe(body);
      db.prepare("UPDATE documents SET body = ? WHERE projection = 'results' AND key = ?").run(edited, key);
    });

  beforeEach(async () => {
    await record(scenario(SCENARIO_PATH));
    truth = await published();
  });

  it('says the reference EGM is certified, its figures unmarked: they are the certified ones', () => {
    const egm = truth.results.meetings.find((m) => m.id === EGM);
    expect(egm).toMatchObject({ status: 'CERTIFIED' });
    expect(egm?.integrity).toBeUndefined();
  });

  it('does not publish a tally raised by hand: results and announcement are the record', async () => {
    editPoll(EGM, (body) => raiseFirstFor(body, 1_000_000));
    expect(await published()).toEqual(truth);
  });

  it('does not either when the edit also says the meeting is not certified', async () => {
    editPoll(EGM, (body) =>
      raiseFirstFor(body, 1_000_000).replace('"status":"CERTIFIED"', '"status":"CLOSED"'),
    );
    expect(await published()).toEqual(truth);
  });

  it('does not serve a meeting shown as certified that its record does not certify', async () => {
    await record(schedule());
    const before = await published();
    editPoll(DEMO_MEETING, (body) => body.replace(/}$/, ',"status":"CERTIFIED"}'));
    expect(await published()).toEqual(before);
  });

  it('marks MISMATCH, and refuses to announce, figures the record itself contradicts (folded again once)', async () => {
    // Not the read models this time: the decision in the store says other figures than its votes.
    const db = new Database(store);
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.tally.votes.for', json_extract(data, '$.tally.votes.for') + 1)
       WHERE position = (SELECT MIN(position) FROM events
                         WHERE type = 'ResolutionPassed' AND json_extract(data, '$.meetingId') = ?)`,
    ).run(EGM);
    db.close();
    await withGovrec(async (govrec) => {
      for (let ask = 0; ask < 2; ask++) {
        const egm = (await govrec.results()).meetings.find((m) => m.id === EGM);
        expect(egm).toMatchObject({ status: 'CERTIFIED', integrity: 'MISMATCH' });
      }
      await expect(govrec.announcement('text')).rejects.toThrow(/not those certified/);
      // Over HTTP: a typed refusal, never a 500 and never the announcement.
      const server = buildServer({ govrec, keys: ApiKeys.none() });
      const answer = await server.inject(`/api/announcement?meeting=${EGM}`);
      expect(answer.statusCode).toBe(409);
      expect(answer.json()).toMatchObject({
        error: { rule: 'CertifiedFiguresMismatch', field: 'query.meeting' },
      });
      await server.close();
    });
    // Nor the command line: one line naming the rule, exit 1.
    const io = captureIo();
    const code = await run(['announcement', '--store', `sqlite:${store}`, '--read-models', readDb], io);
    expect(code).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toMatch(/^CertifiedFiguresMismatch: .*not those certified/);
  });
});

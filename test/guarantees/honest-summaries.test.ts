import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { CommandHandler } from '../../src/application/command-handler';
import { EventStore } from '../../src/application/event-store';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { ImportKind, ImportSummary } from '../../src/infra/import/import-types';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import {
  agendaCommands,
  MEETING_ID,
  openCommands,
  scheduleCommands,
  SIZES,
  writeProxiesCsv,
  writeRegisterCsv,
  writeVotesCsv,
} from '../../bench/agm-generator';
import { decoded } from '../../bench/agm-setup';

/**
 * Honest import summaries: what an import says it recorded is what the store holds from it, also
 * when several processes import the same file at once. A row another process recorded first is
 * alreadyRecorded in this one's summary, never recorded twice over nor refused.
 */
const IMPORTER = join(__dirname, 'fixtures', 'import-concurrently.js');
const ISSUED_AT = '2025-06-20T10:45:00+08:00';
const HOLDERS = SIZES.tiny;
const PROCESSES = 3;
let dir: string;
let path: string;

async function handleAll(store: EventStore, raws: readonly unknown[]): Promise<void> {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  for (const raw of raws) {
    const outcome = await handler.handle(decoded(raw));
    if (isLeft(outcome)) throw new Error(JSON.stringify(outcome.left));
  }
}

async function withStore(work: (store: EventStore) => Promise<void>): Promise<void> {
  const store = new SqliteEventStore(path);
  await work(store);
  await store.close();
}

/** The same file imported by PROCESSES processes started at the same instant. */
function importTogether(kind: ImportKind, file: string): Promise<ImportSummary[]> {
  const startAt = String(Date.now() + 3_000);
  return Promise.all(
    Array.from({ length: PROCESSES }, (_, i) => {
      const args = [
        IMPORTER,
        kind,
        path,
        MEETING_ID,
        file,
        ISSUED_AT,
        '8',
        join(dir, `${kind}-${i}.rejects.csv`),
      ];
      const child = spawn(process.execPath, args, { env: { ...process.env, START_AT: startAt } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      return new Promise<ImportSummary>((resolve, reject) =>
        child.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out) as ImportSummary) : reject(new Error(`exit ${code}: ${err}`)),
        ),
      );
    }),
  );
}

const countOf = async (type: string): Promise<number> => {
  const store = new SqliteEventStore(path);
  const n = (await store.readAll()).filter((e) => e.type === type).length;
  await store.close();
  return n;
};

/** Each summary accounts for every row; together they recorded each accepted row once. */
function expectHonest(summaries: readonly ImportSummary[], rows: number): number {
  for (const s of summaries) {
    expect(s.rejected).toBe(0);
    expect(s.rows).toBe(rows);
    expect(s.recorded + s.alreadyRecorded).toBe(rows);
  }
  const recorded = summaries.reduce((sum, s) => sum + s.recorded, 0);
  expect(recorded).toBe(rows);
  return recorded;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-honest-'));
  path = join(dir, 'govrec.db');
  await withStore((store) => handleAll(store, scheduleCommands(HOLDERS)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`${PROCESSES} processes importing the same file at once`, () => {
  it('register: the holders recorded are counted once, by the process that recorded them', async () => {
    const file = join(dir, 'register.csv');
    await writeRegisterCsv(file, HOLDERS);
    expectHonest(await importTogether('register', file), HOLDERS);
    await withStore((store) => handleAll(store, agendaCommands(HOLDERS)));
  }, 60_000);

  it('proxies: each proxy recorded once and counted once', async () => {
    const file = join(dir, 'proxies.csv');
    await writeProxiesCsv(file, HOLDERS);
    const summaries = await importTogether('proxies', file);
    const recorded = expectHonest(summaries, summaries[0].rows);
    expect(await countOf('ProxyLodged')).toBe(recorded);
    await withStore((store) => handleAll(store, openCommands()));
  }, 60_000);

  it('votes with attendance: each vote and each attendance recorded once and counted once', async () => {
    const file = join(dir, 'votes.csv');
    await writeVotesCsv(file, HOLDERS, true);
    const summaries = await importTogether('votes', file);
    const recorded = expectHonest(summaries, HOLDERS * 20);
    expect(await countOf('VoteCast')).toBe(recorded);
    const attendance = summaries.reduce((sum, s) => sum + (s.attendanceRecorded ?? 0), 0);
    expect(attendance).toBe(HOLDERS);
    expect(await countOf('AttendanceRecorded')).toBe(HOLDERS);
  }, 60_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { toTrustedRecordedDomainEvent } from '../../src/application/stored-events';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { PROXY_REGISTER } from '../../src/infra/read-models/persisted-projections';
import { ProjectionRunner } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { proxyRegisterOf } from '../../src/govrec/reads';
import { foldProxyRegister, proxiesAt } from '../../src/projections/holders/proxy-register';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';

/**
 * The proxy register is paged (DocumentMapping.paged): the runner holds only the documents in use
 * and reads the rest from its file. A rebuild must leave the same documents as the register folded
 * whole, whether its checkpoints are written in place or on the checkpoint thread, and a query must
 * read the register the events make, with nothing of it left in memory once written.
 */
let dir: string;
let store: SqliteEventStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-paged-'));
  store = new SqliteEventStore(join(dir, 'govrec.db'));
  await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    referenceCommands(),
  );
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function folded() {
  const events = (await store.readAll()).map((e) => toTrustedRecordedDomainEvent(e));
  return foldProxyRegister(events);
}

const meetings = Object.values(MEETING_IDS);

describe('the paged proxy register', () => {
  it.each([
    ['in place, a checkpoint every event', { batchSize: 1 }],
    ['on the checkpoint thread, every two documents', { readPage: 3, checkpointDocuments: 2 }],
  ])('is the register folded whole after a rebuild, written %s', async (_how, options) => {
    const whole = await folded();
    expect(meetings.some((m) => proxiesAt(whole, m).length > 0)).toBe(true);
    const readModels = new SqliteReadModels(join(dir, 'read.db'));
    const runner = new ProjectionRunner(store, readModels, options);
    await runner.rebuild();
    for (const meetingId of meetings)
      expect(proxyRegisterOf(runner, meetingId)).toEqual(proxiesAt(whole, meetingId));
    // Written and committed, then forgotten: the register is on disk, not in memory.
    expect(runner.model(PROXY_REGISTER).holders.size).toBe(0);
    // A runner that opens the file reads the same.
    const reopened = new ProjectionRunner(store, readModels);
    for (const meetingId of meetings)
      expect(proxyRegisterOf(reopened, meetingId)).toEqual(proxiesAt(whole, meetingId));
    readModels.close();
  });

  it('reads from disk only documents written before: a rebuild lodging a proxy does not look for it', async () => {
    const readModels = new SqliteReadModels(join(dir, 'read.db'));
    const read: string[] = [];
    const document = readModels.document.bind(readModels);
    readModels.document = (projection, key) => {
      if (projection === PROXY_REGISTER.name) read.push(key);
      return document(projection, key);
    };
    await new ProjectionRunner(store, readModels, { batchSize: 1 }).rebuild();
    // A checkpoint every event, each forgetting what it wrote: every later event naming a document reads it.
    const named = (await store.readAll())
      .map((e) => PROXY_REGISTER.paged!.keysOf(toTrustedRecordedDomainEvent(e)))
      .flat();
    const again = named.filter((key, i) => named.indexOf(key) < i);
    expect(again.length).toBeGreaterThan(0);
    expect(read).toEqual(again);
    readModels.close();
  });

  it('is read, event after event, as stored with the changes not yet committed over it', async () => {
    const readModels = new SqliteReadModels(join(dir, 'read.db'));
    // Checkpoints on the thread every two documents: some committed, one in flight, some in memory.
    const runner = new ProjectionRunner(store, readModels, { readPage: 3, checkpointDocuments: 2 });
    const seen: string[] = [];
    const apply = (runner as unknown as { apply: (e: unknown) => void }).apply.bind(runner);
    (runner as unknown as { apply: (e: unknown) => void }).apply = (event) => {
      apply(event);
      seen.push(JSON.stringify(meetings.map((m) => proxyRegisterOf(runner, m))));
    };
    await runner.catchUp();
    const events = (await store.readAll()).map((e) => toTrustedRecordedDomainEvent(e));
    const expected = events.map((_, i) => {
      const register = foldProxyRegister(events.slice(0, i + 1));
      return JSON.stringify(meetings.map((m) => proxiesAt(register, m)));
    });
    expect(seen).toEqual(expected);
    readModels.close();
  });
});

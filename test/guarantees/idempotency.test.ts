import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { isLeft, isRight } from 'fp-ts/Either';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from '../../src/application/command-handler';
import { EventStore } from '../../src/application/event-store';
import { runCommands } from '../../src/application/scenario';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { startEmulator } from '../esdb-emulator/server';
import { referenceCommands } from '../golden/reference-scenario';

/**
 * Idempotent commands, on every store: a command sent again (a client's retry, an import run twice)
 * appends nothing and answers with the original outcome; another command reusing its id is refused.
 */
type Opened = { store: EventStore; close(): Promise<void> };

const stores: [string, () => Promise<Opened>][] = [
  ['memory', async () => ({ store: new MemoryEventStore(), close: async () => undefined })],
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'govrec-idem-'));
      const store = new SqliteEventStore(join(dir, 'govrec.db'));
      return {
        store,
        close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
      };
    },
  ],
  [
    'EventStoreDB (emulator)',
    async () => {
      const emulator = await startEmulator({ batchAppend: true });
      const store = new EsdbEventStore(emulator.connectionString);
      return { store, close: async () => (await store.close(), await emulator.stop()) };
    },
  ],
];

describe.each(stores)('idempotent commands on %s', (_name, open) => {
  let opened: Opened;
  let commands: GovrecCommand[];

  beforeAll(async () => {
    opened = await open();
    commands = referenceCommands();
    const ran = await runCommands(
      new CommandHandler(opened.store, {
        states: new AggregateStateCache(opened.store),
        ruleSets: ruleSetById,
      }),
      commands,
    );
    expect(isRight(ran)).toBe(true);
  });
  afterAll(() => opened.close());

  it('records nothing when the whole record is sent again, by a fresh handler, and answers as before', async () => {
    const before = await opened.store.readAll();
    const again = await runCommands(
      new CommandHandler(opened.store, {
        states: new AggregateStateCache(opened.store),
        ruleSets: ruleSetById,
      }),
      commands,
    );
    expect(isRight(again)).toBe(true);
    if (isRight(again)) {
      expect(again.right.every((outcome) => outcome.streams.every((s) => s.alreadyRecorded))).toBe(true);
      const votes = again.right.filter((_o, i) => commands[i].type === 'CastVote');
      expect(votes.every((o) => o.streams[0].events[0].type === 'VoteCast')).toBe(true);
    }
    expect(await opened.store.readAll()).toEqual(before);
  });

  it('refuses another command that reuses a recorded id, recording nothing', async () => {
    const before = await opened.store.readAll();
    const vote = commands.find((c) => c.type === 'CastVote')! as Extract<GovrecCommand, { type: 'CastVote' }>;
    const forged = { ...vote, payload: { ...vote.payload, for: vote.payload.for - 1 } } as GovrecCommand;
    const outcome = await new CommandHandler(opened.store, {
      states: new AggregateStateCache(opened.store),
      ruleSets: ruleSetById,
    }).handle(forged);
    expect(isLeft(outcome) && outcome.left).toMatchObject({ rule: 'CommandIdReused', field: 'commandId' });
    expect(await opened.store.readAll()).toEqual(before);
  });
});

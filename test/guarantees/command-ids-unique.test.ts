import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandIdReused, EventStore, EventToAppend } from '../../src/application/event-store';
import { openGovrec } from '../../src/govrec';
import { Govrec } from '../../src/govrec/govrec';
import { CommandInput } from '../../src/govrec/types';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { SCENARIO_PATH } from '../golden/reference-scenario';

/**
 * Command ids are unique across the whole store: an id names one command. Another command sent
 * under an id already used, on any stream, is refused CommandIdReused and writes nothing; the same
 * command sent again is a retry and writes nothing new; the steps of one command on several
 * streams (a resolution tabled at each of its meetings, a poll closed on each resolution, a
 * certification and its seal) share its id and are recorded. On every store that keeps the index
 * (memory, SQLite), through the facade and at the store's own door.
 */
interface Input {
  readonly type: string;
  readonly commandId: string;
  readonly actor: string;
  readonly issuedAt: string;
  readonly payload: Record<string, unknown>;
}

const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')) as {
  id: string;
  actor: string;
  commands: (Omit<Input, 'commandId' | 'actor'> & { actor?: string })[];
};
const COMMANDS: Input[] = scenario.commands.map((c, i) => ({
  ...c,
  actor: c.actor ?? scenario.actor,
  commandId: `${scenario.id}:${i + 1}`,
}));
/** The codec's input type, for commands read from the scenario file as plain JSON. */
const input = (command: Input): CommandInput => command as unknown as CommandInput;
const index = (type: string) => COMMANDS.findIndex((c) => c.type === type);

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-command-ids-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORES: [string, () => string | EventStore][] = [
  ['memory', () => new MemoryEventStore()],
  ['SQLite', () => `sqlite:${join(dir, `${Math.random().toString(36).slice(2)}.db`)}`],
];

async function recorded(upTo: number, store: string | EventStore): Promise<Govrec> {
  const govrec = await openGovrec({ store: store as never, readModels: join(dir, `${Math.random()}.read`) });
  const { refused } = await govrec.record(COMMANDS.slice(0, upTo).map(input));
  expect(refused).toBe(0);
  return govrec;
}

describe.each(STORES)('on the %s store', (_, storeOf) => {
  it('refuses another command under an id used on another stream, and writes nothing', async () => {
    const govrec = await recorded(1, storeOf());
    const other = { ...COMMANDS[0], payload: { ...COMMANDS[0].payload, meetingId: 'another-meeting' } };
    const result = await govrec.execute(input(other));
    expect(result).toMatchObject({ ok: false, error: { rule: 'CommandIdReused', field: 'commandId' } });
    await govrec.catchUp();
    expect(await govrec.meeting('another-meeting')).toBeUndefined();
    await govrec.close();
  });

  it('refuses in a batch only the command whose id another stream holds, and records the others', async () => {
    const poll = index('ClosePoll');
    const govrec = await recorded(poll - 3, storeOf());
    const [a, b, c] = COMMANDS.slice(poll - 3, poll);
    const onAnother = COMMANDS.slice(0, poll - 3).find(
      (x) => x.type === 'CastVote' && x.payload.resolutionId !== b.payload.resolutionId,
    )!;
    const { outcomes } = await govrec.record([a, { ...b, commandId: onAnother.commandId }, c].map(input));
    expect(outcomes.map((o) => o.kind)).toEqual(['recorded', 'refused', 'recorded']);
    expect(outcomes[1]).toMatchObject({ error: { rule: 'CommandIdReused' } });
    await govrec.close();
  });

  it('refuses a certification under an id used by another command, and seals nothing', async () => {
    const certify = index('CertifyResults');
    const govrec = await recorded(certify, storeOf());
    const result = await govrec.execute(input({ ...COMMANDS[certify], commandId: COMMANDS[0].commandId }));
    expect(result).toMatchObject({ ok: false, error: { rule: 'CommandIdReused' } });
    const verdicts = await govrec.verify();
    expect(verdicts.filter((v) => v.certified)).toEqual([]);
    // No seal stream was written either: a seal without its certification would be listed.
    expect(verdicts.flatMap((v) => v.findings).map((f) => f.kind)).not.toContain('certification-missing');
    await govrec.close();
  });

  it('records the steps of one command on every stream it spans, and a retry of any writes nothing', async () => {
    const govrec = await recorded(COMMANDS.length, storeOf());
    const again = await govrec.record(COMMANDS.map(input));
    expect({ recorded: again.recorded, refused: again.refused }).toEqual({ recorded: 0, refused: 0 });
    for (const type of ['ProposeResolution', 'ClosePoll', 'CertifyResults']) {
      const result = await govrec.execute(input(COMMANDS[index(type)]));
      expect(result).toMatchObject({ ok: true, value: { alreadyRecorded: true } });
    }
    await govrec.close();
  });
});

describe('at the store itself', () => {
  const event = (commandId: string, commandDigest: string): EventToAppend => {
    const eventId = `${commandId}-${commandDigest}-${Math.random()}`;
    const metadata = {
      eventId,
      commandId,
      commandDigest,
      actor: 'test:x',
      causationId: commandId,
      correlationId: commandId,
      occurredAt: '2025-01-01T00:00:00Z',
    };
    return { eventId, type: 'T', schemaVersion: 1, data: {}, metadata };
  };
  const A = 'a'.repeat(64);
  const B = 'b'.repeat(64);

  it('refuses, across two connections to one SQLite file, another digest under a held id', async () => {
    const path = join(dir, 'two-doors.db');
    const first = new SqliteEventStore(path, { writer: 'thread' });
    const second = new SqliteEventStore(path, { writer: 'thread' });
    await first.append('meeting-1', [event('c-1', A)], 'no_stream');
    await expect(second.append('meeting-2', [event('c-1', B)], 'no_stream')).rejects.toBeInstanceOf(
      CommandIdReused,
    );
    expect(await second.readStream('meeting-2')).toEqual([]);
    await second.append('meeting-3', [event('c-1', A)], 'no_stream');
    expect(await first.readStream('meeting-3')).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });

  it('refuses it in memory alike', async () => {
    const store = new MemoryEventStore();
    await store.append('meeting-1', [event('c-1', A)], 'no_stream');
    await expect(store.append('meeting-2', [event('c-1', B)], 'no_stream')).rejects.toBeInstanceOf(
      CommandIdReused,
    );
    expect(await store.readAll()).toHaveLength(1);
  });
});

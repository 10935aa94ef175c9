import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { aggregateKindOf } from '../../src/application/aggregates';
import { CommandHandler } from '../../src/application/command-handler';
import { EventStore } from '../../src/application/event-store';
import { checkSnapshots } from '../../src/infra/state-cache/snapshot-check';
import { decodeState, encodeState } from '../../src/infra/state-cache/snapshot-codec';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MeetingState } from '../../src/domain/meeting/state';
import { EXIT, run } from '../../src/infra/cli/main';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { referenceCommands, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

const kindOf = aggregateKindOf;

/** The reference record, every aggregate's stream snapshotted at its end. */
async function snapshotted(store: EventStore = new MemoryEventStore()) {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  for (const command of referenceCommands()) await handler.handle(command);
  const streams = [...new Set((await store.readAll()).map((e) => e.streamName))].filter(kindOf);
  const repository = new AggregateStateCache(store);
  for (const stream of streams) await repository.load(kindOf(stream)!, stream);
  await repository.saveSnapshots(1);
  return { store, streams };
}

/** The meeting's snapshot with one holder's entitlement raised: what an edit of the file could do. */
async function tamper(store: EventStore, stream: string) {
  const snapshot = (await store.snapshots!.readSnapshot(stream))!;
  const state = decodeState<MeetingState & { status: 'SCHEDULED' }>(snapshot.state);
  const [holderId, entitlement] = [...state.entitlements][0];
  state.entitlements.set(holderId, { ...entitlement, shares: entitlement.shares + 1_000_000 });
  await store.snapshots!.writeSnapshot(stream, { ...snapshot, state: encodeState(state)! });
}

describe('checking snapshots against the record', () => {
  it('finds every snapshot of the reference record to be the state its events fold to', async () => {
    const { store, streams } = await snapshotted();
    const findings = await checkSnapshots(store);
    expect(findings.map((f) => f.streamName)).toEqual([...streams].sort());
    expect(findings.every((f) => f.verdict === 'matches' && !f.discarded)).toBe(true);
  });

  it('finds an edited snapshot, and discards it when asked, leaving the others', async () => {
    const { store, streams } = await snapshotted();
    const meeting = streams.find((s) => s.startsWith('meeting-'))!;
    await tamper(store, meeting);
    expect((await checkSnapshots(store)).find((f) => f.streamName === meeting)).toMatchObject({
      verdict: 'differs',
      discarded: false,
    });
    const discarding = await checkSnapshots(store, { discard: true });
    expect(discarding.filter((f) => f.discarded).map((f) => f.streamName)).toEqual([meeting]);
    expect(await store.snapshots!.readSnapshot(meeting)).toBeUndefined();
    expect((await checkSnapshots(store)).every((f) => f.verdict === 'matches')).toBe(true);
  });

  it('calls unusable a snapshot the repository would ignore: another shape, or taken after another event', async () => {
    const { store, streams } = await snapshotted();
    const [first, second] = streams;
    const a = (await store.snapshots!.readSnapshot(first))!;
    await store.snapshots!.writeSnapshot(first, { ...a, shape: 'meeting@0' });
    const b = (await store.snapshots!.readSnapshot(second))!;
    await store.snapshots!.writeSnapshot(second, { ...b, eventId: '00000000-0000-4000-8000-000000000000' });
    const verdicts = new Map((await checkSnapshots(store)).map((f) => [f.streamName, f.verdict]));
    expect([verdicts.get(first), verdicts.get(second)]).toEqual(['unusable', 'unusable']);
  });
});

describe('govrec snapshots', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-snapshots-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 when every snapshot matches, 1 with the stream named when one does not, and forgets it on discard', async () => {
    const path = join(dir, 'govrec.db');
    const store = `sqlite:${path}`;
    expect(await run(['apply', SCENARIO_PATH, '--store', store], captureIo())).toBe(EXIT.ok);
    const sqlite = new SqliteEventStore(path);
    const streams = [...new Set((await sqlite.readAll()).map((e) => e.streamName))].filter(kindOf);
    const repository = new AggregateStateCache(sqlite);
    for (const stream of streams) await repository.load(kindOf(stream)!, stream);
    await repository.saveSnapshots(1);
    const meeting = streams.find((s) => s.startsWith('meeting-'))!;

    const clean = captureIo();
    expect(await run(['snapshots', '--store', store], clean)).toBe(EXIT.ok);
    expect(clean.stdout).toContain(`${streams.length} snapshot(s) checked`);

    await tamper(sqlite, meeting);
    await sqlite.close();
    const found = captureIo();
    expect(await run(['snapshots', 'check', '--store', store], found)).toBe(EXIT.refused);
    expect(found.stdout).toMatch(new RegExp(`${meeting} @\\d+: differs\\n`));

    const discarded = captureIo();
    expect(await run(['snapshots', 'discard', '--store', store], discarded)).toBe(EXIT.refused);
    expect(discarded.stdout).toMatch(new RegExp(`${meeting} @\\d+: differs, discarded\\n`));
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM snapshots WHERE stream_name = ?').pluck().get(meeting)).toBe(0);
    raw.close();
    expect(await run(['snapshots', '--store', store], captureIo())).toBe(EXIT.ok);
    expect(await run(['snapshots', 'prune', '--store', store], captureIo())).toBe(EXIT.usage);
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandInput, Govrec, GovrecOpenError, openGovrec, RecordedGovrecEvent } from '../../src/index';
import { EXPECTED, expectedMeeting, MEETING_IDS, ROOT, SCENARIO_PATH } from '../golden/reference-scenario';

const scenario = () => JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
const EGM = MEETING_IDS.EGM;

let govrec: Govrec;
beforeEach(async () => {
  govrec = await openGovrec({ store: 'memory' });
});
afterEach(() => govrec.close());

/** The reference scenario up to (not including) its first vote, and that vote's command. */
async function upToFirstVote(): Promise<CommandInput> {
  const all = scenario();
  const at = all.commands.findIndex((c: { type: string }) => c.type === 'CastVote');
  const recorded = await govrec.recordScenario({ ...all, commands: all.commands.slice(0, at) });
  expect(recorded.ok).toBe(true);
  const vote = all.commands[at];
  return { ...vote, actor: all.actor, commandId: 'facade-vote-1' } as CommandInput;
}

describe('The facade', () => {
  it('records the reference scenario and answers its results to the last digit', async () => {
    const recorded = await govrec.recordScenario(scenario());
    expect(recorded).toEqual({ ok: true, value: { commands: 108, recorded: 108, alreadyRecorded: 0 } });
    const results = await govrec.results();
    for (const meeting of EXPECTED.meetings) {
      const expected = expectedMeeting(meeting.id);
      const view = results.meetings.find((m) => m.id === expected.id)!;
      expect(view.attendingShares).toBe(expected.attendingShares);
      expect(view.resolutions).toMatchObject(expected.resolutions);
    }
    // A second recording of the same scenario writes nothing.
    expect(await govrec.recordScenario(scenario())).toEqual({
      ok: true,
      value: { commands: 108, recorded: 0, alreadyRecorded: 108 },
    });
  });

  it('returns a refusal as a typed value naming the rule and the field, and records nothing', async () => {
    const vote = await upToFirstVote();
    const before = (await govrec.store.readAll()).length;
    const over = { ...vote, payload: { ...(vote.payload as object), for: 10 ** 15 } } as CommandInput;
    const outcome = await govrec.execute(over);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.kind).toBe('refused');
    expect(outcome.error.field).toMatch(/^payload\./);
    const invalid = await govrec.execute({
      ...vote,
      payload: { ...(vote.payload as object), for: -1 },
    } as CommandInput);
    expect(invalid.ok ? undefined : invalid.error).toMatchObject({ kind: 'invalid', field: 'payload.for' });
    expect((await govrec.store.readAll()).length).toBe(before);
  });

  it('answers a retried command with its original events, and refuses another command under its id', async () => {
    const vote = await upToFirstVote();
    const first = await govrec.execute(vote);
    const again = await govrec.execute(vote);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.value.alreadyRecorded).toBe(false);
    expect(again.value.alreadyRecorded).toBe(true);
    expect(again.value.streams.map((s) => s.events)).toEqual(first.value.streams.map((s) => s.events));
    const other = await govrec.execute({
      ...vote,
      payload: { ...(vote.payload as object), for: 1 },
    } as CommandInput);
    expect(other.ok ? undefined : other.error).toMatchObject({ kind: 'conflict', rule: 'CommandIdReused' });
  });

  it('records a batch with one outcome per command, in order, and reports progress', async () => {
    const vote = await upToFirstVote();
    const payload = vote.payload as Record<string, unknown>;
    const progress: number[] = [];
    const batch = await govrec.record(
      [
        vote,
        { ...vote, commandId: 'facade-vote-2' }, // the same holder again
        { ...vote, commandId: 'facade-vote-3', payload: { ...payload, for: 'many' } },
        vote, // a retry within the batch
      ] as CommandInput[],
      { batchSize: 2, onProgress: (p) => progress.push(p.done) },
    );
    expect(
      batch.outcomes.map((o) => (o.kind === 'refused' ? `${o.error.kind}:${o.error.rule}` : o.kind)),
    ).toEqual(['recorded', 'refused:AlreadyVoted', 'invalid:Invalid:ShareCount', 'alreadyRecorded']);
    expect([batch.recorded, batch.alreadyRecorded, batch.refused]).toEqual([1, 1, 2]);
    expect(progress).toEqual([2, 4]);
  });

  it('delivers the event log from an embedder checkpoint, with metadata and positions', async () => {
    await govrec.recordScenario(scenario());
    const all = await govrec.store.readAll();
    const from = all[49].position;
    const seen: RecordedGovrecEvent[] = [];
    const caughtUp = new Promise<void>((resolve) => {
      const subscription = govrec.subscribe(
        { afterPosition: from },
        {
          onEvent: (e) => {
            seen.push(e);
          },
          onCaughtUp: () => void subscription.stop().then(resolve),
        },
      );
    });
    await caughtUp;
    expect(seen.map((e) => e.position)).toEqual(
      all
        .slice(50)
        .filter((e) => !e.streamName.startsWith('seal-'))
        .map((e) => e.position),
    );
    expect(seen[0].metadata.commandId).toBeTruthy();
    expect(seen[0].metadata.correlationId).toBeTruthy();
  });

  it('yields read-model checkpoints as they are written', async () => {
    const stop = new AbortController();
    const positions: number[] = [];
    const reading = (async () => {
      for await (const checkpoint of govrec.checkpoints(stop.signal)) {
        positions.push(checkpoint.position);
        stop.abort();
      }
    })();
    await govrec.recordScenario(scenario());
    const at = await govrec.catchUp();
    await reading;
    expect(positions).toEqual([at]);
  });

  it('answers every read model for a meeting', async () => {
    await govrec.recordScenario(scenario());
    expect((await govrec.attendance(EGM))?.total).toBeDefined();
    expect((await govrec.auditTrail({ meetingId: EGM }, { limit: 5 })).entries).toHaveLength(5);
    expect(Array.isArray(await govrec.proxyRegister(EGM))).toBe(true);
    expect(await govrec.announcement('text')).toContain('POLL RESULTS');
    expect(await govrec.announcement('html')).toMatch(/^</);
    const verdicts = await govrec.verify();
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((v) => v.clean)).toBe(true);
    expect(await govrec.holderHistory('nobody-at-all')).toBeUndefined();
  });

  it('refuses a store spec that names no store, naming the field', async () => {
    await expect(openGovrec({ store: 'postgres://x' as never })).rejects.toBeInstanceOf(GovrecOpenError);
    await expect(openGovrec({ store: 'sqlite:' })).rejects.toMatchObject({
      error: { field: 'store', kind: 'invalid' },
    });
  });

  it('never loads the EventStoreDB client unless it is asked for', () => {
    const script = `
      require(${JSON.stringify(join(ROOT, 'test/fixtures/load-typescript.js'))});
      const { openGovrec } = require(${JSON.stringify(join(ROOT, 'src/index.ts'))});
      openGovrec({ store: 'memory' }).then(async (g) => {
        await g.close();
        const loaded = Object.keys(require.cache).some((k) => k.includes('@eventstore'));
        await import(${JSON.stringify(join(ROOT, 'src/esdb.ts'))}).catch(() => undefined);
        const esdb = require(${JSON.stringify(join(ROOT, 'src/esdb.ts'))});
        const after = Object.keys(require.cache).some((k) => k.includes('@eventstore'));
        console.log(JSON.stringify({ loaded, after, adapter: typeof esdb.EsdbEventStore }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
    expect(out).toEqual({ loaded: false, after: true, adapter: 'function' });
  });
});

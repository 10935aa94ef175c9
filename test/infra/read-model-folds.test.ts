/**
 * A read model that declares the event types it folds (PersistedProjection.folds) is given no other
 * by the projection runner. The declaration must be whole: folding only those types must leave every
 * read model as folding every event does, its documents, its touched keys and its appended rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { referenceCommands } from '../golden/reference-scenario';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { ALL_PROJECTIONS, PersistedProjection } from '../../src/infra/read-models/persisted-projections';
import { ProjectionRunner } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { RecordedDomainEvent } from '../../src/projections/shared/recorded-event';
import { recordedCases } from '../projections/recorded';

let cases: [string, RecordedDomainEvent[]][];
beforeAll(async () => {
  cases = await recordedCases();
});

/** The model, every document touched and every row appended, folding the events given. */
function folded(projection: PersistedProjection<unknown>, events: readonly RecordedDomainEvent[]) {
  const model = projection.fromDocuments([]);
  const touched = new Set<string>();
  for (const event of events) projection.apply(model, event, touched);
  const documents = [...touched].sort().map((key) => [key, projection.documentOf(model, key)]);
  return { model, documents, rows: projection.takeRows?.(model) ?? [] };
}

const declaring = ALL_PROJECTIONS.filter((p) => p.folds !== undefined);

it('is declared by the read models that ignore votes', () => {
  expect(declaring.map((p) => p.name).sort()).toEqual(
    ['announcement-facts', 'holder-headings', 'proceedings', 'proxy-register'].sort(),
  );
  for (const p of declaring) expect(p.folds?.has('VoteCast')).toBe(false);
});

describe.each(declaring.map((p) => [p.name, p] as const))('%s', (_name, projection) => {
  it('folds the types it declares into what every event makes of it', () => {
    for (const [, events] of cases) {
      const declared = events.filter((e) => projection.folds!.has(e.type));
      expect(declared.length).toBeGreaterThan(0);
      expect(declared.length).toBeLessThan(events.length);
      expect(folded(projection, declared)).toEqual(folded(projection, events));
    }
  });
});

it('the runner gives a read model only the types it folds, and still checkpoints it past the rest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-folds-'));
  try {
    const store = new MemoryEventStore();
    const handler = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    expect(isRight(await runCommands(handler, referenceCommands()))).toBe(true);
    const events = await store.readAll();
    const seen: string[] = [];
    const counting: PersistedProjection<unknown> = {
      name: 'counting',
      fromDocuments: () => ({}),
      apply: (_model, event) => void seen.push(event.type),
      documentOf: () => undefined,
      folds: new Set(['MeetingScheduled', 'VoteCast']),
    };
    const readModels = new SqliteReadModels(join(dir, 'read.db'));
    const runner = new ProjectionRunner(store, readModels, { projections: [counting] });
    await runner.rebuild();
    const last = (await store.readAll()).at(-1)!.position;
    expect(new Set(seen)).toEqual(new Set(['MeetingScheduled', 'VoteCast']));
    expect(seen.length).toBe(events.filter((e) => counting.folds!.has(e.type)).length);
    expect(runner.checkpoint).toBe(last);
    readModels.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { EventStore } from '../../src/application/event-store';
import { runCommands, scenarioCommands } from '../../src/application/scenario';
import { toDomainEvent } from '../../src/application/stored-events';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { importFile } from '../../src/infra/import/import-file';
import { ImportKind, ImportOptions, ImportSummary } from '../../src/infra/import/import-types';
import { foldResults, resultsView } from '../../src/projections/results/view';
import { ROOT } from '../golden/reference-scenario';

/** The walkthrough of examples/import: scenarios for the steps a secretary takes, CSV files for the rest. */
export const DEMO_DIR = join(ROOT, 'examples', 'import');
export const DEMO_MEETING = 'demo-agm-2025';
export const ISSUED_AT = '2025-06-20T10:45:00+08:00';

export const STEPS = {
  schedule: '1-schedule.json',
  agenda: '2-close-register-and-agenda.json',
  open: '3-open-poll.json',
  close: '4-close.json',
} as const;

export async function applyStep(store: EventStore, step: keyof typeof STEPS): Promise<void> {
  const commands = scenarioCommands(JSON.parse(readFileSync(join(DEMO_DIR, STEPS[step]), 'utf8')));
  if (isLeft(commands)) throw new Error(`${step}: ${JSON.stringify(commands.left)}`);
  const ran = await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    commands.right,
  );
  if (isLeft(ran)) throw new Error(`${step}: ${JSON.stringify(ran.left)}`);
}

export const importDemo = (
  store: EventStore,
  kind: ImportKind,
  rejectsDir: string,
  options: Partial<ImportOptions> = {},
  file = join(DEMO_DIR, `${kind}.csv`),
): Promise<ImportSummary> =>
  importFile(kind, file, {
    meetingId: DEMO_MEETING,
    store,
    issuedAt: ISSUED_AT,
    rejectsFile: join(rejectsDir, `${kind}.rejects.csv`),
    ...options,
  });

/** Everything up to the open poll, with the register and proxies imported. */
export async function demoUpToVotes(store: EventStore, rejectsDir: string): Promise<ImportSummary[]> {
  await applyStep(store, 'schedule');
  const register = await importDemo(store, 'register', rejectsDir);
  await applyStep(store, 'agenda');
  const proxies = await importDemo(store, 'proxies', rejectsDir);
  await applyStep(store, 'open');
  return [register, proxies];
}

export const resultsOf = async (store: EventStore) =>
  resultsView(foldResults((await store.readAll()).map(toDomainEvent)));

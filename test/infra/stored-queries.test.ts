import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOVREC_STREAM_PREFIXES } from '../../src/application/aggregates';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { HOLDER_HEADINGS, MEETING_INDEX } from '../../src/infra/read-models/persisted-projections';
import { ProjectionRunner } from '../../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { auditPage, holderHistoryOf } from '../../src/infra/read-models/stored-queries';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { queryAudit } from '../../src/projections/audit/query';
import { foldAuditTrail, holdersOf, meetingsOf, resolutionsOf } from '../../src/projections/audit/trail';
import { foldHolderHistories } from '../../src/projections/holders/history';
import { holderHistory } from '../../src/projections/holders/view';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { recordedDomainEvent } from '../projections/recorded';

/**
 * The audit trail and holder histories as the HTTP API reads them: the store's events through the
 * holder index the runner keeps in SQLite, checkpointed in small batches and once more after a
 * restart. They answer as the folds in memory do, and only up to the index's checkpoint.
 */
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-stored-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('answer every holder, filter and page as the folds in memory', async () => {
  const store = new SqliteEventStore(join(dir, 'govrec.db'));
  await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    referenceCommands(),
  );
  const readModels = new SqliteReadModels(join(dir, 'read.db'));
  await new ProjectionRunner(store, readModels, { batchSize: 7 }).catchUp();
  const runner = new ProjectionRunner(store, readModels);
  await runner.catchUp();

  // As the runner folds them: govrec's own streams (not the seals that certification writes).
  const events = (await store.readAll())
    .filter((e) => GOVREC_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p)))
    .map(recordedDomainEvent);
  const trail = foldAuditTrail(events);
  const histories = foldHolderHistories(events);
  const holders = [...new Set(events.flatMap(holdersOf))];
  expect(holders.length).toBeGreaterThan(5);
  const everything = { limit: 100_000 };
  for (const holderId of [...holders, 'nobody']) {
    expect(await auditPage(store, readModels, { holderId }, everything)).toEqual(
      queryAudit(trail, { holderId }, everything),
    );
    expect(await holderHistoryOf(store, readModels, runner.model(HOLDER_HEADINGS), holderId)).toEqual(
      holderHistory(histories, holderId),
    );
  }
  // A meeting's or an agenda item's events through the meeting index, on every page.
  const meetings = [...new Set(events.flatMap(meetingsOf)), 'nowhere'];
  const agenda = [...new Set(events.flatMap(resolutionsOf)), 'nothing'];
  const pagings = [
    everything,
    { offset: 2, limit: 3 },
    { afterPosition: events[30].position, limit: 4 },
    { afterPosition: -1, limit: 1 },
    { offset: 100_000 },
    { limit: 0 },
  ];
  for (const filter of [
    ...meetings.map((meetingId) => ({ meetingId })),
    ...agenda.map((resolutionId) => ({ resolutionId })),
    ...holders.slice(0, 5).map((holderId) => ({ holderId })),
    { meetingId: MEETING_IDS.EGM, resolutionId: agenda[0], types: ['VoteCast'] },
  ])
    for (const paging of pagings)
      expect(await auditPage(store, readModels, filter, paging)).toEqual(queryAudit(trail, filter, paging));
  // While the meeting index is behind (dropped, to be rebuilt), the record is read in order.
  readModels.drop(MEETING_INDEX.name);
  for (const filter of [{ meetingId: MEETING_IDS.EGM }, { resolutionId: agenda[0] }])
    expect(await auditPage(store, readModels, filter, everything)).toEqual(
      queryAudit(trail, filter, everything),
    );
  for (const [filter, paging] of [
    [{}, everything],
    [{ meetingId: MEETING_IDS.EGM }, { offset: 5, limit: 9 }],
    [{ types: ['VoteCast'] }, { afterPosition: events[40].position, limit: 3 }],
  ] as const)
    expect(await auditPage(store, readModels, filter, paging)).toEqual(queryAudit(trail, filter, paging));
  readModels.close();
  await store.close();
});

it('show nothing past the checkpoint of the holder index', async () => {
  const store = new SqliteEventStore(join(dir, 'govrec.db'));
  const commands = referenceCommands();
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  await runCommands(handler, commands.slice(0, 10));
  const readModels = new SqliteReadModels(join(dir, 'read.db'));
  await new ProjectionRunner(store, readModels).catchUp();
  const folded = (await store.readAll()).filter((e) =>
    GOVREC_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p)),
  ).length;
  await runCommands(handler, commands.slice(10));
  expect((await auditPage(store, readModels, {}, { limit: 100_000 })).total).toBe(folded);
  const meetingId = MEETING_IDS.EGM;
  const egm = (await store.readAll())
    .filter((e) => GOVREC_STREAM_PREFIXES.some((p) => e.streamName.startsWith(p)))
    .slice(0, folded)
    .filter((e) => meetingsOf(recordedDomainEvent(e)).includes(meetingId)).length;
  expect(egm).toBeGreaterThan(0);
  expect((await auditPage(store, readModels, { meetingId }, { limit: 100_000 })).total).toBe(egm);
  readModels.close();
  await store.close();
});

/**
 * Brings a store to the benchmark AGM's open poll: scheduled, register and proxies imported from
 * their CSV files, resolutions tabled, every holder attending. Used by the benchmark and by the
 * import tests, so both exercise the paths a registrar uses.
 */
import { AggregateStateCache } from '../src/infra/state-cache/aggregate-state-cache';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../src/application/command-handler';
import { EventStore } from '../src/application/event-store';
import { MeetingCommand } from '../src/domain/meeting/commands';
import { decodeCommand } from '../src/application/validation';
import { GovrecCommand } from '../src/domain/commands';
import { ruleSetById } from '../src/domain/rules/rule-sets';
import { importFile } from '../src/infra/import/import-file';
import { ImportSummary } from '../src/infra/import/import-types';
import {
  agendaCommands,
  attendanceCommands,
  MEETING_ID,
  openCommands,
  scheduleCommands,
  writeProxiesCsv,
  writeRegisterCsv,
} from './agm-generator';

export interface SetupFigures {
  readonly register: ImportSummary;
  readonly proxies: ImportSummary;
  /** Attendance recorded in batches through the command handler, in ms. */
  readonly attendanceMs: number;
  readonly attendance: number;
}

export const decoded = (raw: unknown): GovrecCommand => {
  const command = decodeCommand(raw);
  if (isLeft(command)) throw new Error(`Benchmark command refused by its codec: ${command.left.message}`);
  return command.right;
};

async function handleAll(store: EventStore, raws: readonly unknown[]): Promise<void> {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  for (const raw of raws) {
    const outcome = await handler.handle(decoded(raw));
    if (isLeft(outcome)) throw new Error(`Benchmark command refused: ${JSON.stringify(outcome.left)}`);
  }
}

async function recordAttendance(store: EventStore, holders: number): Promise<number> {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  let batch: MeetingCommand[] = [];
  const flush = async () => {
    const outcomes = await handler.handleBatch(batch);
    const refused = outcomes.find((o) => o.kind === 'refused');
    if (refused) throw new Error(`Attendance refused: ${JSON.stringify(refused)}`);
    batch = [];
  };
  for (const raw of attendanceCommands(holders)) {
    batch.push(decoded(raw) as MeetingCommand);
    if (batch.length === 1000) await flush();
  }
  if (batch.length > 0) await flush();
  // As an import leaves them when done (import-file.ts): the votes start from this state.
  await handler.states.saveSnapshots();
  return holders;
}

const expectClean = (summary: ImportSummary): ImportSummary => {
  if (summary.rejected > 0)
    throw new Error(`Benchmark ${summary.kind} rows rejected: ${JSON.stringify(summary)}`);
  return summary;
};

/** Without `attendance`, holders are left for the votes file to record (its attendance column). */
export async function setUpMeeting(
  store: EventStore,
  holders: number,
  dir: string,
  attendance = true,
): Promise<SetupFigures> {
  const options = { meetingId: MEETING_ID, store, issuedAt: '2025-06-13T17:00:00+08:00' };
  await handleAll(store, scheduleCommands(holders));
  await writeRegisterCsv(join(dir, 'register.csv'), holders);
  const register = expectClean(await importFile('register', join(dir, 'register.csv'), options));
  await handleAll(store, agendaCommands(holders));
  await writeProxiesCsv(join(dir, 'proxies.csv'), holders);
  const proxies = expectClean(await importFile('proxies', join(dir, 'proxies.csv'), options));
  const started = performance.now();
  const attending = attendance ? await recordAttendance(store, holders) : 0;
  const attendanceMs = performance.now() - started;
  await handleAll(store, openCommands());
  return { register, proxies, attendance: attending, attendanceMs };
}

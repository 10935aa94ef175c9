import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../application/command-handler';
import { EventStore } from '../application/event-store';
import { BatchOutcome } from '../application/record-stream';
import { scenarioCommands } from '../application/scenario';
import { decodeCommand } from '../application/validation';
import { GovrecCommand } from '../domain/commands';
import { importFile } from '../infra/import/import-file';
import { ImportInputError, ImportKind, ImportSummary } from '../infra/import/import-types';
import { ImportFileOptions } from './options';
import { failed, GovrecError, govrecError, ok, Result } from './errors';
import {
  BatchItemOutcome,
  BatchRecorded,
  CommandInput,
  CommandRecorded,
  Progress,
  ScenarioRefusal,
} from './types';

/** Commands handed to the command handler at a time by record(): each group of one stream is one append. */
export const DEFAULT_RECORD_BATCH = 1000;

/** The command as its codec reads it, or why it does not decode. */
export function decodedCommand(input: unknown): Result<GovrecCommand> {
  const decoded = decodeCommand(input);
  return isLeft(decoded) ? failed(govrecError(decoded.left)) : ok(decoded.right);
}

export async function executeCommand(
  handler: CommandHandler,
  input: CommandInput,
): Promise<Result<CommandRecorded>> {
  const command = decodedCommand(input);
  if (!command.ok) return command;
  const outcome = await handler.handle(command.value);
  if (isLeft(outcome)) return failed(govrecError(outcome.left));
  const { commandId, streams } = outcome.right;
  return ok({ commandId, streams, alreadyRecorded: streams.every((s) => s.alreadyRecorded) });
}

/** How {@link Govrec.record} takes a batch of commands. */
export interface RecordOptions {
  /** Commands decided and appended together (those of one stream in one append). Default 1,000. */
  readonly batchSize?: number;
  /** Told how many commands have been handled after each batch. */
  readonly onProgress?: (progress: Progress) => void;
}

const itemOf = (outcome: BatchOutcome): BatchItemOutcome =>
  outcome.kind === 'refused' ? { kind: 'refused', error: govrecError(outcome.error) } : outcome;

/**
 * Records many commands through the same path as one: a refusal does not stop the others, and each
 * outcome says what became of its command. Commands are taken in order, `batchSize` at a time.
 */
export async function recordCommands(
  handler: CommandHandler,
  inputs: readonly CommandInput[],
  options: RecordOptions = {},
): Promise<BatchRecorded> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_RECORD_BATCH);
  const outcomes: BatchItemOutcome[] = [];
  for (let from = 0; from < inputs.length; from += size) {
    const slice = inputs.slice(from, from + size).map(decodedCommand);
    const valid = slice.flatMap((c) => (c.ok ? [c.value] : []));
    const decided = await handler.handleBatch(valid);
    let next = 0;
    for (const command of slice)
      outcomes.push(command.ok ? itemOf(decided[next++]) : { kind: 'refused', error: command.error });
    options.onProgress?.({ done: outcomes.length, total: inputs.length });
  }
  const count = (kind: BatchItemOutcome['kind']) => outcomes.filter((o) => o.kind === kind).length;
  return {
    outcomes,
    recorded: count('recorded'),
    alreadyRecorded: count('alreadyRecorded'),
    refused: count('refused'),
  };
}

/** A scenario recorded: how many commands it had, and how many of them were new to the record. */
export interface ScenarioRecorded {
  /** The scenario's commands. */
  readonly commands: number;
  /** Those recorded now. */
  readonly recorded: number;
  /** Those recorded before (a scenario recorded again): nothing written for them. */
  readonly alreadyRecorded: number;
}

/**
 * Records a scenario (`{ id, actor, commands: [...] }`, see the README): every command is decoded
 * before any is run, then they are recorded in order, stopping at the first refusal. Recording the
 * same scenario again records nothing new.
 */
export async function recordScenario(
  handler: CommandHandler,
  scenario: unknown,
  onProgress?: (progress: Progress) => void,
): Promise<Result<ScenarioRecorded, ScenarioRefusal>> {
  const commands = scenarioCommands(scenario);
  if (isLeft(commands))
    return failed({ index: commands.left.index, error: govrecError(commands.left.error) });
  let recorded = 0;
  for (const [i, command] of commands.right.entries()) {
    const outcome = await handler.handle(command);
    if (isLeft(outcome)) return failed({ index: i + 1, error: atEntry(i + 1, govrecError(outcome.left)) });
    if (!outcome.right.streams.every((s) => s.alreadyRecorded)) recorded += 1;
    onProgress?.({ done: i + 1, total: commands.right.length });
  }
  const total = commands.right.length;
  return ok({ commands: total, recorded, alreadyRecorded: total - recorded });
}

const atEntry = (index: number, error: GovrecError): GovrecError => ({
  ...error,
  field: `commands[${index - 1}].${error.field}`,
});

/**
 * A registrar's CSV file recorded through the command handler; a file that cannot be read as one
 * (no header, unknown columns, no such meeting) is a typed refusal, not an exception.
 */
export async function importRegistrarFile(
  handler: CommandHandler,
  store: EventStore,
  kind: ImportKind,
  file: string,
  options: ImportFileOptions,
): Promise<Result<ImportSummary>> {
  try {
    return ok(await importFile(kind, file, { ...options, store, handler }));
  } catch (error) {
    if (!(error instanceof ImportInputError)) throw error;
    return failed({ kind: 'invalid', rule: 'Invalid:ImportFile', field: 'file', message: error.message });
  }
}

import * as t from 'io-ts';
import { Either, isLeft, left, right } from 'fp-ts/Either';
import { Id, IsoDateTime, NonEmptyString } from '../domain/shared/codecs';
import { DomainError } from '../domain/shared/errors';
import { GovrecCommand } from '../domain/commands';
import { CommandHandler, CommandOutcome } from './command-handler';
import { decodeCommand, decodeWith } from './validation';

/**
 * A scenario is a meeting's record written as the commands that made it: what a registrar replays
 * to reproduce a result, and what govrec's tests replay to check it. Each entry is a command; its
 * actor defaults to the scenario's, and its command id to `<scenario id>:<n>` (n counted from 1).
 */
export const ScenarioEntry = t.intersection([
  t.type({ type: t.string, issuedAt: IsoDateTime, payload: t.unknown }),
  t.partial({ actor: NonEmptyString, commandId: Id, correlationId: Id, causationId: Id }),
]);

export const Scenario = t.intersection([
  t.type({ id: Id, actor: NonEmptyString, commands: t.readonlyArray(t.unknown) }),
  t.partial({ description: t.string, source: t.string }),
]);
export type Scenario = t.TypeOf<typeof Scenario>;

export interface ScenarioFailure {
  /** 1-based position of the command in the scenario. */
  readonly index: number;
  readonly error: DomainError;
}

const atEntry = (index: number, error: DomainError): ScenarioFailure => ({
  index,
  error: { ...error, field: `commands[${index - 1}].${error.field}` },
});

/** Decodes every command of a scenario before any is run, so a bad file records nothing. */
export function scenarioCommands(raw: unknown): Either<ScenarioFailure, GovrecCommand[]> {
  const scenario = decodeWith(Scenario)(raw);
  if (isLeft(scenario)) return left({ index: 0, error: scenario.left });
  const commands: GovrecCommand[] = [];
  for (const [i, item] of scenario.right.commands.entries()) {
    const entry = decodeWith(ScenarioEntry)(item);
    if (isLeft(entry)) return left(atEntry(i + 1, entry.left));
    const command = decodeCommand({
      actor: scenario.right.actor,
      commandId: `${scenario.right.id}:${i + 1}`,
      ...entry.right,
    });
    if (isLeft(command)) return left(atEntry(i + 1, command.left));
    commands.push(command.right);
  }
  return right(commands);
}

/** Runs commands in order and stops at the first one refused. */
export async function runCommands(
  handler: CommandHandler,
  commands: readonly GovrecCommand[],
): Promise<Either<ScenarioFailure, CommandOutcome[]>> {
  const outcomes: CommandOutcome[] = [];
  for (const [i, command] of commands.entries()) {
    const outcome = await handler.handle(command);
    if (isLeft(outcome)) return left(atEntry(i + 1, outcome.left));
    outcomes.push(outcome.right);
  }
  return right(outcomes);
}

import { GovrecCommand, isElectionCommand, isResolutionCommand } from '../../domain/commands';
import { BatchOutcome } from '../record-stream';
import { CommandSteps } from './steps';

/** Commands made of steps on several streams: recorded one at a time, in their place. */
const SPANNING = new Set(['ProposeResolution', 'ProposeElection', 'CertifyResults', 'ClosePoll']);

/**
 * Meeting decisions read only their own stream; resolution and election decisions also read the
 * meetings they name. So within a run of commands of one side, commands of different streams do not
 * see each other and may be grouped by stream, while a change of side keeps its place in the order.
 */
const sideOf = (command: GovrecCommand): 'meeting' | 'ballot' =>
  isResolutionCommand(command) || isElectionCommand(command) ? 'ballot' : 'meeting';

/**
 * Records many commands through the one write path, each outcome in the order of `commands`:
 * commands of one stream within a run are decided together and appended in one append; a spanning
 * command is handled alone in its place. What is recorded is what recording them one by one would
 * record.
 */
export async function recordInBatches(
  steps: CommandSteps,
  commands: readonly GovrecCommand[],
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array(commands.length);
  let start = 0;
  while (start < commands.length) {
    const first = commands[start];
    if (SPANNING.has(first.type)) {
      outcomes[start] = toBatchOutcome(await steps.handle(first));
      start += 1;
      continue;
    }
    let end = start + 1;
    while (
      end < commands.length &&
      !SPANNING.has(commands[end].type) &&
      sideOf(commands[end]) === sideOf(first)
    )
      end += 1;
    await recordRun(steps, commands, start, end, outcomes);
    start = end;
  }
  return outcomes;
}

async function recordRun(
  steps: CommandSteps,
  commands: readonly GovrecCommand[],
  start: number,
  end: number,
  outcomes: BatchOutcome[],
): Promise<void> {
  const groups = new Map<string, { indexes: number[]; commands: GovrecCommand[] }>();
  const deciders = new Map<string, ReturnType<CommandSteps['deciderOf']>['decider']>();
  for (let i = start; i < end; i++) {
    const { stream, decider } = steps.deciderOf(commands[i]);
    const group = groups.get(stream);
    if (group) {
      group.indexes.push(i);
      group.commands.push(commands[i]);
    } else {
      groups.set(stream, { indexes: [i], commands: [commands[i]] });
      deciders.set(stream, decider);
    }
  }
  for (const [stream, group] of groups) {
    const decided = await steps.inTurn(stream, () =>
      steps.recordOn(deciders.get(stream)!, stream, group.commands),
    );
    decided.forEach((outcome, k) => (outcomes[group.indexes[k]] = outcome));
  }
}

function toBatchOutcome(outcome: Awaited<ReturnType<CommandSteps['handle']>>): BatchOutcome {
  if (outcome._tag === 'Left') return { kind: 'refused', error: outcome.left };
  const streams = outcome.right.streams;
  if (streams.every((s) => s.alreadyRecorded)) return { kind: 'alreadyRecorded' };
  return { kind: 'recorded', events: streams.flatMap((s) => s.events) };
}

import { GovrecCommand } from '../domain/commands';
import { DomainError, refuse } from '../domain/shared/errors';
import { CommandIdReused } from './event-store';
import type { BatchOutcome } from './batch-outcome';

/**
 * A command id names one command across the whole store. The stream's own ids are checked as a
 * batch is decided (record-stream.ts); an id held by another command on another stream only the
 * store can see, in the transaction of the append, and it refuses the whole append naming the id.
 * That command (every command of the batch under the id) is then refused CommandIdReused and the
 * others are recorded as if it had not been sent.
 */
export async function refusingReusedIds<C extends GovrecCommand>(
  commands: readonly C[],
  record: (commands: readonly C[]) => Promise<BatchOutcome[]>,
): Promise<BatchOutcome[]> {
  const refused = new Map<number, BatchOutcome>();
  for (;;) {
    const rest = commands.filter((_, i) => !refused.has(i));
    try {
      const outcomes = rest.length > 0 ? await record(rest) : [];
      let next = 0;
      return commands.map((_, i) => refused.get(i) ?? outcomes[next++]);
    } catch (error) {
      if (!(error instanceof CommandIdReused)) throw error;
      const before = refused.size;
      commands.forEach((c, i) => {
        if (c.commandId === error.commandId) refused.set(i, reused(c.commandId));
      });
      // The store named an id none of these commands carries: not this batch's to answer.
      if (refused.size === before) throw error;
    }
  }
}

/** The refusal of a command whose id another command holds. */
export const reusedIdError = (commandId: string): DomainError =>
  refuse(
    'CommandIdReused',
    'commandId',
    `${commandId} was used by another command; a retry must repeat it exactly`,
  );

const reused = (commandId: string): BatchOutcome => ({ kind: 'refused', error: reusedIdError(commandId) });

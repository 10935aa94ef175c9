import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { isRight } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { RecordedEvent } from '../../src/application/event-store';
import { runCommands } from '../../src/application/scenario';
import { toDomainEvent } from '../../src/application/stored-events';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { RecordedDomainEvent } from '../../src/projections/shared/recorded-event';
import { referenceCommands } from '../golden/reference-scenario';
import { hkAgmCommands } from './hk-agm-scenario';

/** A stored event as a read model folds it: decoded to the domain's shape, with the store's metadata. */
export const recordedDomainEvent = (e: RecordedEvent): RecordedDomainEvent => ({ ...e, ...toDomainEvent(e) });

/** Runs commands through the command handler into a memory store and reads every event back. */
export async function recordedEvents(commands: readonly GovrecCommand[]): Promise<RecordedDomainEvent[]> {
  const store = new MemoryEventStore();
  const ran = await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    commands,
  );
  if (!isRight(ran)) throw new Error(`Scenario refused: ${JSON.stringify(ran.left)}`);
  return (await store.readAll()).map(recordedDomainEvent);
}

/** The two recorded cases read models are checked on: the reference meetings and the hand-checked HK AGM. */
export const recordedCases = async (): Promise<[string, RecordedDomainEvent[]][]> => [
  ['reference', await recordedEvents(referenceCommands())],
  ['HK AGM', await recordedEvents(hkAgmCommands())],
];

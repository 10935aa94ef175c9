import { addPosition, AppendedRow, PendingRows, takePending } from '../shared/appended-rows';
import { holderIdOf, holdersOf } from './trail';
import { RecordedDomainEvent } from '../shared/recorded-event';

/**
 * Which events name each holder, as rows of positions under the holder's id (a row per holder and
 * checkpoint): the one thing about
 * the record that the event store cannot answer quickly (a register batch names thousands of
 * holders). The audit trail pages the store's events, through this index when it follows a holder,
 * and a holder's history is folded from the events it lists. Nothing stays in memory between
 * checkpoints: memory does not grow with the record.
 */
export interface HolderIndex {
  /** Each holder's positions folded since the last checkpoint, for the runner to append with it. */
  readonly pending: PendingRows;
}

export const initialHolderIndex = (): HolderIndex => ({ pending: new Map() });

/** holdersOf's holders, without an array for the one holder of most events (a vote's). */
export function applyToHolderIndex(model: HolderIndex, event: RecordedDomainEvent): HolderIndex {
  const holderId = holderIdOf(event);
  if (holderId !== undefined) addPosition(model.pending, holderId, event.position);
  else for (const id of holdersOf(event)) addPosition(model.pending, id, event.position);
  return model;
}

export const takeHolderIndexRows = (model: HolderIndex): AppendedRow[] => takePending(model.pending);

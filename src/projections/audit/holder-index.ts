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
 *
 * Between checkpoints it only notes, in the order folded, each holder named and the event's
 * position; the rows are grouped by holder when taken. Grouped as they came (a Map of holders to
 * arrays of positions, looked up for every vote), they were a sixth of a rebuild's time with the
 * collections they caused (docs/performance.md, "The rebuild's CPU").
 */
export interface HolderIndex {
  /** The holders named since the last checkpoint, one entry for each event naming them. */
  readonly holders: string[];
  /** The position of the event of each entry of `holders`. */
  readonly positions: number[];
}

export const initialHolderIndex = (): HolderIndex => ({ holders: [], positions: [] });

/** holdersOf's holders, without an array for the one holder of most events (a vote's). */
export function applyToHolderIndex(model: HolderIndex, event: RecordedDomainEvent): HolderIndex {
  const holderId = holderIdOf(event);
  if (holderId !== undefined) note(model, holderId, event.position);
  else for (const id of holdersOf(event)) note(model, id, event.position);
  return model;
}

function note(model: HolderIndex, holderId: string, position: number): void {
  model.holders.push(holderId);
  model.positions.push(position);
}

/** One row per holder, holders in the order first named, as the runner appends them; then forgotten. */
export function takeHolderIndexRows(model: HolderIndex): AppendedRow[] {
  const pending: PendingRows = new Map();
  const { holders, positions } = model;
  for (let i = 0; i < holders.length; i++) addPosition(pending, holders[i], positions[i]);
  holders.length = 0;
  positions.length = 0;
  return takePending(pending);
}

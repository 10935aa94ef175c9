import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { PersistedProjection } from './persisted-projections';

/** One read model in the runner: its model in memory, its checkpoint, the documents it changed since. */
export interface Running {
  readonly projection: PersistedProjection<unknown>;
  model: unknown;
  position: number;
  /** The id of the event at `position`, which the checkpoint records (store-binding.ts). */
  eventId?: string;
  readonly touched: Set<string>;
}

export function isGovrecStream(streamName: string): boolean {
  for (const prefix of GOVREC_STREAM_PREFIXES) if (streamName.startsWith(prefix)) return true;
  return false;
}

const folds = (r: Running, type: string): boolean => r.projection.folds?.has(type) ?? true;

/**
 * Which of the runner's read models an event goes to: those that have not folded its position and,
 * of those, the ones that fold its type (PersistedProjection.folds). Every event of a rebuild asks.
 */
export class EventRouting {
  private lastType?: string;
  private lastFolding: readonly Running[] = [];

  constructor(private readonly running: readonly Running[]) {}

  /**
   * The read models that have not folded this position. In a rebuild or a catch-up that is all of
   * them, event after event: answered without building an array for each.
   */
  behind(position: number): readonly Running[] {
    for (const r of this.running)
      if (r.position >= position) return this.running.filter((x) => position > x.position);
    return this.running;
  }

  /**
   * Of the read models `behind` gave, those that fold events of this type. A rebuild's events come
   * in long runs of one type (a meeting's votes): the answer for the last type is kept.
   */
  folding(behind: readonly Running[], type: string): readonly Running[] {
    if (behind !== this.running) return behind.filter((r) => folds(r, type));
    if (type !== this.lastType) {
      this.lastType = type;
      this.lastFolding = this.running.filter((r) => folds(r, type));
    }
    return this.lastFolding;
  }
}

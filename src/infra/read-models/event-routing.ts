import { Running } from './running';

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

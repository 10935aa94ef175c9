/**
 * Batches recorded concurrently, at most `limit` at a time: while one batch's append is being
 * written (on the store's writer thread, or by a server), the next batch is decided. Each batch is
 * still one append with its expected revision, so running them side by side changes nothing of
 * what is recorded; the caller keeps a batch that depends on another (votes on attendance) behind
 * it by awaiting it first.
 *
 * A batch that fails (the store is unreachable) fails the caller at its next start() or drain(),
 * once nothing is in flight any more: the caller never goes on, nor stops, with work still running.
 */
/**
 * Vote batches an import keeps in flight: one being written while the next is decided (the measured
 * choice is in docs/performance.md).
 */
export const VOTE_BATCHES_IN_FLIGHT = 3;

export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { readonly error: unknown } | undefined;

  constructor(private readonly limit: number) {}

  /** Starts `work` as soon as fewer than `limit` batches are running. */
  async start(work: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit && !this.failure) await Promise.race(this.running);
    await this.rethrow();
    const running: Promise<void> = work()
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.running.delete(running));
    this.running.add(running);
  }

  /** Waits for every batch started; rethrows the first failure. */
  async drain(): Promise<void> {
    await this.allSettled();
    await this.rethrow();
  }

  /** Runs `body`; if it throws, lets the batches in flight finish before the error goes on. */
  async guard<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      await this.allSettled();
      throw error;
    }
  }

  private async rethrow(): Promise<void> {
    if (!this.failure) return;
    await this.allSettled();
    throw this.failure.error;
  }

  /** Each batch's promise settles without rejecting (its failure is kept), and leaves the set. */
  private async allSettled(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
  }
}

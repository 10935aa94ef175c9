import {
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
  SubscriptionHandlers,
} from '../../application/event-store';

export const matchesPrefixes = (streamName: string, prefixes?: readonly string[]): boolean =>
  prefixes === undefined || prefixes.some((p) => streamName.startsWith(p));

/** Reads up to `max` events of the whole store whose position is after `afterPosition`, in order. */
export type FetchAfter = (afterPosition: number, max: number) => Promise<RecordedEvent[]>;

/**
 * Catch-up-then-live subscriptions for stores that can read $all by position (memory, SQLite).
 * Live delivery re-reads the store after each wake-up rather than pushing appended events, so the
 * switch from catch-up to live can neither skip nor repeat an event. A wake-up comes from an append
 * in this process, or from the poll timer for appends made by other processes.
 */
export class LiveFeed {
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly pollMs?: number) {}

  publish(_events: readonly RecordedEvent[]): void {
    for (const wake of [...this.waiters]) wake();
  }

  close(): void {
    this.closed = true;
    this.publish([]);
  }

  subscribe(fetch: FetchAfter, options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    const sleep = () =>
      new Promise<void>((resolve) => {
        // Stopped while the last batch was being handled (from onCaughtUp, say): nothing would wake it.
        if (stopped) return resolve();
        const done = () => {
          this.waiters.delete(done);
          if (timer) clearTimeout(timer);
          resolve();
        };
        const timer = this.pollMs ? setTimeout(done, this.pollMs) : undefined;
        wake = done;
        this.waiters.add(done);
      });
    const running = (async () => {
      let checkpoint = options.afterPosition ?? -1;
      let caughtUp = false;
      while (!stopped && !this.closed) {
        const batch = await fetch(checkpoint, 512);
        for (const event of batch) {
          if (stopped) return;
          if (matchesPrefixes(event.streamName, options.streamPrefixes)) await handlers.onEvent(event);
          checkpoint = event.position;
        }
        if (batch.length > 0) continue;
        if (!caughtUp) {
          caughtUp = true;
          handlers.onCaughtUp?.();
        }
        await sleep();
      }
    })().catch((error: unknown) => {
      if (!stopped) handlers.onError?.(error instanceof Error ? error : new Error(String(error)));
    });
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await running;
      },
    };
  }
}

import { GOVREC_STREAM_PREFIXES } from '../application/aggregates';
import { EventStore, Subscription } from '../application/event-store';
import { toRecordedDomainEvent } from '../application/stored-events';
import { RecordedGovrecEvent } from './types';

/** Where a subscription to govrec's events starts. */
export interface EventSubscriptionOptions {
  /**
   * The position of the last event the embedder has folded (its checkpoint); events after it are
   * delivered. Omitted: from the first event.
   */
  readonly afterPosition?: number;
}

/** What a subscription to govrec's events calls: the embedder's own projection of the record. */
export interface EventHandlers {
  /**
   * Called once per event, in the record's order; the next waits until the promise settles. Store
   * the event's effect and its `position` together (one transaction) to make the projection
   * exactly once: delivery is at least once, so after a crash events after the stored position
   * come again.
   */
  onEvent(event: RecordedGovrecEvent): void | Promise<void>;
  /** Called when the history is read and live events follow. */
  onCaughtUp?(): void;
  /** The subscription dropped (the store went away); subscribe again from your checkpoint. */
  onError?(error: Error): void;
}

/** Subscribes to govrec's events (upcast to the current schema, with their metadata and position). */
export function subscribeToEvents(
  store: EventStore,
  options: EventSubscriptionOptions,
  handlers: EventHandlers,
): Subscription {
  return store.subscribeToAll(
    {
      ...(options.afterPosition !== undefined ? { afterPosition: options.afterPosition } : {}),
      streamPrefixes: GOVREC_STREAM_PREFIXES,
    },
    {
      onEvent: (event) => handlers.onEvent(toRecordedDomainEvent(event) as RecordedGovrecEvent),
      ...(handlers.onCaughtUp ? { onCaughtUp: () => handlers.onCaughtUp!() } : {}),
      ...(handlers.onError ? { onError: (error: Error) => handlers.onError!(error) } : {}),
    },
  );
}

/**
 * Values pushed by a producer, read as an async iterable by any number of consumers, each from the
 * moment it starts reading. A slow consumer gets only the latest value it missed (a checkpoint
 * supersedes those before it), so nothing queues without bound.
 */
export class LatestValues<T> {
  private readonly waiting = new Set<{ latest?: T; wake?: () => void }>();
  private closed = false;

  push(value: T): void {
    for (const reader of this.waiting) {
      reader.latest = value;
      reader.wake?.();
    }
  }

  close(): void {
    this.closed = true;
    for (const reader of this.waiting) reader.wake?.();
  }

  async *values(signal?: AbortSignal): AsyncGenerator<T> {
    const reader: { latest?: T; wake?: () => void } = {};
    this.waiting.add(reader);
    const stop = () => reader.wake?.();
    signal?.addEventListener('abort', stop);
    try {
      for (;;) {
        if (reader.latest === undefined) {
          if (this.closed || signal?.aborted) return;
          await new Promise<void>((resolve) => (reader.wake = resolve));
          reader.wake = undefined;
          continue;
        }
        const value = reader.latest;
        reader.latest = undefined;
        yield value;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      this.waiting.delete(reader);
    }
  }
}

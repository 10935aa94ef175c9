import { AllStreamSubscription } from '@eventstore/db-client';
import { RecordedEvent, Subscription, SubscriptionHandlers } from '../../../application/event-store';
import { toRecordedEvent } from './esdb-codec';

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** $all is read in pages of this many of the port's events while catching up. */
const CATCH_UP_PAGE = 500;

/** Where an {@link EsdbSubscription} reads from and subscribes. */
export interface SubscriptionSource {
  /**
   * The port's events after a position (exclusive), from the leader. Fails with
   * CheckpointAheadOfStore when the position lies past the store's last event.
   */
  readAfter(after: number, maxCount: number): Promise<RecordedEvent[]>;
  /** The server's subscription to $all after a position (exclusive; -1 for the start). */
  subscribe(after: number): AllStreamSubscription;
}

/**
 * Drives the port's handlers in two phases. Catch-up reads $all from the leader, page after page,
 * until a page comes back short: every event that existed is handled, then onCaughtUp is called.
 * Then a server subscription from the last event handled delivers the rest, live, one at a time
 * (the async iterator applies backpressure down to the gRPC stream).
 *
 * The server's own catch-up is not relied on, because servers differ (ESDB-WIRE.md): 22.x sends
 * no `caught_up`; v24 may send `fell_behind` and a second `caught_up`; and a v24 subscription
 * from a position past the end of the log (a restored cluster behind a kept checkpoint) goes live
 * and silently skips every event at or below it. The reads detect that position instead
 * (CheckpointAheadOfStore, reported to onError). Server messages other than events are ignored.
 * A drop (23.10 ends slow consumers; an election ends every subscription) reaches onError; the
 * client does not resubscribe: the application resumes from the last event it handled.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  private source: AllStreamSubscription | undefined;
  private readonly running: Promise<void>;

  constructor(
    private readonly from: SubscriptionSource,
    /** The position of the last event handled (or skipped), -1 before the first. */
    private after: number,
    private readonly wanted: (event: RecordedEvent) => boolean,
    private readonly handlers: SubscriptionHandlers,
  ) {
    this.running = this.run();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.source?.unsubscribe();
    }
    await this.running;
  }

  private async run(): Promise<void> {
    try {
      await this.catchUp();
      if (this.stopped) return;
      this.handlers.onCaughtUp?.();
      if (this.stopped) return;
      await this.followLive();
    } catch (error) {
      if (this.stopped) return;
      this.stopped = true;
      await this.source?.unsubscribe(); // a failing handler leaves the call open otherwise
      this.handlers.onError?.(asError(error));
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      const page = await this.from.readAfter(this.after, CATCH_UP_PAGE);
      for (const event of page) {
        if (this.stopped) return;
        await this.handle(event);
      }
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  private async followLive(): Promise<void> {
    const source = this.from.subscribe(this.after);
    this.source = source;
    // Errors reach the loop through the iterator; this listener keeps a late one from being unhandled.
    source.on('error', () => undefined);
    for await (const resolved of source) {
      if (this.stopped) return;
      const event = toRecordedEvent(resolved);
      if (event !== undefined) await this.handle(event);
    }
    if (!this.stopped) throw new Error('The server ended the subscription');
  }

  private async handle(event: RecordedEvent): Promise<void> {
    // The subscription starts after the last event read: nothing at or below it is delivered twice.
    if (event.position <= this.after) return;
    if (this.wanted(event)) await this.handlers.onEvent(event);
    this.after = event.position;
  }
}

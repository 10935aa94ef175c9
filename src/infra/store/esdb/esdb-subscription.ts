import { AllStreamSubscription } from '@eventstore/db-client';
import { RecordedEvent, Subscription, SubscriptionHandlers } from '../../../application/event-store';
import { toRecordedEvent } from './esdb-codec';

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Drives the port's handlers from the client's catch-up subscription: one event at a time (the
 * async iterator applies backpressure down to the gRPC stream), onCaughtUp once every event that
 * preceded the server's `caught_up` has been handled, onError when the subscription drops. The
 * client does not resubscribe: the application resumes from the position of the last event it
 * handled.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  /** Events taken from the client's stream, and events whose handler has returned. */
  private taken = 0;
  private handled = 0;
  private caughtUpAfter: number | undefined;
  private caughtUpCalled = false;
  private readonly running: Promise<void>;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly wanted: (event: RecordedEvent) => boolean,
    private readonly handlers: SubscriptionHandlers,
  ) {
    // Errors reach the loop through the iterator; this listener keeps a late one from being unhandled.
    source.on('error', () => undefined);
    source.on('caughtUp', () => this.onCaughtUpMessage());
    this.running = this.consume();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.source.unsubscribe();
    }
    await this.running;
  }

  /**
   * The client emits 'caughtUp' while transforming that message, before the events pushed ahead of
   * it are necessarily consumed: those still buffered must be handled first.
   */
  private onCaughtUpMessage(): void {
    this.caughtUpAfter = this.taken + this.source.readableLength;
    this.callCaughtUpWhenDue();
  }

  private callCaughtUpWhenDue(): void {
    if (this.stopped || this.caughtUpCalled || this.caughtUpAfter === undefined) return;
    if (this.handled < this.caughtUpAfter) return;
    this.caughtUpCalled = true;
    this.handlers.onCaughtUp?.();
  }

  private async consume(): Promise<void> {
    try {
      for await (const resolved of this.source) {
        this.taken += 1;
        if (this.stopped) return;
        const event = toRecordedEvent(resolved);
        if (event !== undefined && this.wanted(event)) await this.handlers.onEvent(event);
        this.handled += 1;
        this.callCaughtUpWhenDue();
      }
      if (!this.stopped) throw new Error('The server ended the subscription');
    } catch (error) {
      if (this.stopped) return;
      this.stopped = true;
      await this.source.unsubscribe(); // a failing handler leaves the call open otherwise
      this.handlers.onError?.(asError(error));
    }
  }
}

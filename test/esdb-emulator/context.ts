import { EventLog } from './log';
import { Subscriptions } from './subscriptions';

/** What every handler of the emulated server shares. */
export interface EmulatorContext {
  readonly log: EventLog;
  readonly subscriptions: Subscriptions;
  /** The server's MaxAppendSize option (default 1 MiB). */
  readonly maxAppendSize: number;
  /** Counts calls and messages per method, so tests can tell which path the client took. */
  count(what: string): void;
}

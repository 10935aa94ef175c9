import { Faults, ServerVersion } from './faults';
import { EventLog } from './log';
import { Subscriptions } from './subscriptions';

/** What every handler of the emulated server shares. */
export interface EmulatorContext {
  readonly log: EventLog;
  readonly subscriptions: Subscriptions;
  /** The server's MaxAppendSize option (default 1 MiB). */
  readonly maxAppendSize: number;
  /** The server version whose behaviour is reproduced (faults.ts). */
  readonly version: ServerVersion;
  /** What misbehaves, and when (faults.ts). */
  readonly faults: Faults;
  /** Where a not-leader answer sends the client: this emulator, now "the new leader". */
  leaderEndpoint(): { readonly host: string; readonly port: number };
  /** Counts calls and messages per method, so tests can tell which path the client took. */
  count(what: string): void;
}

import { join } from 'node:path';
import { Verdict } from '../application/record-verification';
import { RequestThread } from '../infra/threads/request-thread';
import { parseStoreSpec, StoreLocation, StoreSpec } from './store-spec';

/** What the verify thread is asked: the meetings to check (every certified one when empty). */
export interface VerifyRequest {
  readonly kind: 'verify';
  readonly meetingIds: readonly string[];
}

/**
 * `govrec verify` on a thread of its own, on the same store opened again there: a record of
 * hundreds of thousands of events takes seconds to read and hash, which on the caller's thread
 * would stall everything else it does (a server's every request). Only for a store another thread
 * can open (a SQLite file, EventStoreDB); a memory store has no second door.
 */
export class VerifyThread {
  private readonly thread: RequestThread<VerifyRequest, Verdict[]>;

  private constructor(location: StoreLocation) {
    this.thread = new RequestThread(
      join(__dirname, 'verify-thread'),
      { location },
      { name: 'The verify thread', unrefWhenIdle: true },
    );
  }

  /** A thread on the store the spec names; undefined for `memory` or a spec that names no store. */
  static on(spec: StoreSpec): VerifyThread | undefined {
    const location = parseStoreSpec(spec);
    if ('rule' in location || location.kind === 'memory') return undefined;
    if (location.kind === 'sqlite' && location.path === ':memory:') return undefined;
    return new VerifyThread(location);
  }

  /** Each named meeting's record against its seal (as Govrec.verify). */
  verify(meetingIds: readonly string[]): Promise<Verdict[]> {
    return this.thread.request({ kind: 'verify', meetingIds });
  }

  /** Lets a check in progress finish, then ends the thread. */
  close(): Promise<void> {
    return this.thread.close();
  }
}

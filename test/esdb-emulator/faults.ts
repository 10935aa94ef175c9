/**
 * How a production cluster misbehaves, switchable per test: each fault is what a real node does
 * under a timeout, an election, a restore or a slow consumer (see /work/shared/ESDB-WIRE.md). The
 * handlers ask this object before answering; with nothing set the emulator is a healthy single
 * leader, as before.
 */

/** The server versions whose differences the emulator reproduces. */
export type ServerVersion = '22.10' | '23.10' | '24.10' | '25';

export const SERVER_VERSIONS: readonly ServerVersion[] = ['22.10', '23.10', '24.10', '25'];

/**
 * What happens to one append (Append or one BatchAppend request).
 * - `timeout-after-commit`: Services/RequestManagement/WriteEvents: the request manager answers
 *   CommitTimeout after its 2 s PrepareTimeout while the write still reaches the log and commits;
 *   gRPC maps CommitTimeout to RpcExceptions.Timeout (ABORTED).
 * - `timeout-pending`: the same, but the write is still replicating: hidden from every read and
 *   subscription for `pendingMs`, and a retry of the same ids meanwhile is dropped by the
 *   leader's idempotency check (the commit is not yet indexed) and times out too.
 * - `unavailable-after-commit` / `not-leader-after-commit`: an election right after the write was
 *   acknowledged by a majority: the node answers ServerNotReady (UNAVAILABLE) or
 *   RpcExceptions.LeaderInfo (not-leader, NOT_FOUND with the new leader's endpoint).
 * - `timeout`, `unavailable`, `not-leader`: the same answers with nothing written.
 */
export type AppendFault =
  | 'timeout-after-commit'
  | 'timeout-pending'
  | 'unavailable-after-commit'
  | 'not-leader-after-commit'
  | 'timeout'
  | 'unavailable'
  | 'not-leader';

export const committedDespite = (fault: AppendFault): boolean =>
  fault.endsWith('-after-commit') || fault === 'timeout-pending';

export class Faults {
  private appendFaults: AppendFault[] = [];
  /** BatchAppend: after this many more appends commit, the whole call fails (an election). */
  batchCutAfter: number | undefined;
  /** How long a `timeout-pending` write stays hidden. */
  pendingMs = 300;
  /**
   * Lagging follower: reads sent without `requires-leader` see only the first `followerSees`
   * records of the log (ClusterVNode: followers serve reads from their own, replicated, log).
   */
  followerSees: number | undefined;
  /** Set by fallBehind(): running v24 subscriptions send fell_behind, then caught_up again. */
  fallBehindRequests = 0;
  /** Asked for each append when no fault is queued: random faults (a seeded test's choice). */
  chooser: (() => AppendFault | undefined) | undefined;

  /** The next appends meet these faults, one each, in order. */
  failAppends(...faults: AppendFault[]): void {
    this.appendFaults.push(...faults);
  }

  takeAppendFault(): AppendFault | undefined {
    return this.appendFaults.shift() ?? this.chooser?.();
  }

  get appendFaultsLeft(): number {
    return this.appendFaults.length;
  }

  clear(): void {
    this.appendFaults = [];
    this.batchCutAfter = undefined;
    this.followerSees = undefined;
    this.fallBehindRequests = 0;
    this.chooser = undefined;
  }
}

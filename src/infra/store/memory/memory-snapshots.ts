import { Snapshot, SnapshotStore } from '../../../application/snapshot-store';

/** Snapshots kept as long as the memory store itself: for tests of the repository's use of them. */
export class MemorySnapshots implements SnapshotStore {
  private readonly byStream = new Map<string, Snapshot>();

  async readSnapshot(streamName: string): Promise<Snapshot | undefined> {
    return this.byStream.get(streamName);
  }

  async writeSnapshot(streamName: string, snapshot: Snapshot): Promise<void> {
    this.byStream.set(streamName, { ...snapshot });
  }

  async snapshotStreams(): Promise<string[]> {
    return [...this.byStream.keys()].sort();
  }

  async discardSnapshot(streamName: string): Promise<void> {
    this.byStream.delete(streamName);
  }
}

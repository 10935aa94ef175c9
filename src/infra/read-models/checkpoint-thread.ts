import { join } from 'node:path';
import { RequestThread } from '../threads/request-thread';
import { CheckpointRequest } from './checkpoint-protocol';
import type { CheckpointRows } from './checkpoint-rows';

/**
 * Checkpoints written on a thread of their own while the caller goes on folding: a rebuild of the
 * AGM-1M record spent ~1 s of its ~7 s writing them (50,000 proxy-register documents, 80,000 rows
 * of the holder index). Each checkpoint is still one transaction of every read model's documents,
 * rows and position, so a crash leaves the read models as of the last one committed. They are
 * written in the order saved; after one fails, every later one is refused (checkpoint-writer.ts),
 * since it would claim events whose changes were lost.
 */
export class CheckpointThread {
  private readonly thread: RequestThread<CheckpointRequest, undefined>;

  constructor(path: string) {
    this.thread = new RequestThread(
      join(__dirname, 'checkpoint-writer'),
      { path },
      {
        name: 'The checkpoint thread',
      },
    );
  }

  /**
   * Resolves once the checkpoint is committed; rejects if it, or one saved before it, failed. Not an
   * async function: its frame would keep `parts`, the checkpoint's documents, alive until then,
   * though the thread has its own copy once posted.
   */
  save(parts: readonly CheckpointRows[]): Promise<void> {
    return this.thread.request({ kind: 'save', parts }).then(() => undefined);
  }

  /** Lets the checkpoints already saved be written, then ends the thread. */
  close(): Promise<void> {
    return this.thread.close();
  }
}

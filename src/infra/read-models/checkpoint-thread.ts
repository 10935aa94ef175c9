import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorOf, startWorker } from '../store/sqlite/worker-thread';
import { CheckpointRequest, CheckpointResponse } from './checkpoint-protocol';
import type { CheckpointRows } from './sqlite-read-models';

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Checkpoints written on a thread of their own while the caller goes on folding: a rebuild of the
 * AGM-1M record spent ~1 s of its ~7 s writing them (50,000 proxy-register documents, 80,000 rows
 * of the holder index). Each checkpoint is still one transaction of every read model's documents,
 * rows and position, so a crash leaves the read models as of the last one committed. They are
 * written in the order saved; after one fails, every later one is refused, since it would claim
 * events whose changes were lost.
 */
export class CheckpointThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(path: string) {
    this.worker = startWorker(join(__dirname, 'checkpoint-writer'), { path });
    this.worker.on('message', (response: CheckpointResponse) => this.receive(response));
    this.worker.on('error', (error: Error) => this.stop(error));
    this.worker.on('exit', (code: number) =>
      this.stop(new Error(`The checkpoint thread has stopped (exit code ${code})`)),
    );
  }

  /** Resolves once the checkpoint is committed; rejects if it, or one saved before it, failed. */
  save(parts: readonly CheckpointRows[]): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.closing) return Promise.reject(new Error('The checkpoint thread is closing'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'save', id, parts } satisfies CheckpointRequest);
    });
  }

  /** Lets the checkpoints already saved be written, then ends the thread. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.stopped) return (this.closing = Promise.resolve());
    const exited = once(this.worker, 'exit').then(() => undefined);
    this.worker.postMessage({ kind: 'close' } satisfies CheckpointRequest);
    return (this.closing = exited);
  }

  private receive(response: CheckpointResponse): void {
    if (response.kind === 'closed') return;
    const waiting = this.waiting.get(response.id);
    this.waiting.delete(response.id);
    if (response.kind === 'saved') waiting?.resolve();
    else waiting?.reject(errorOf(response.failure));
  }

  private stop(cause: Error): void {
    this.stopped ??= cause;
    for (const { reject } of this.waiting.values()) reject(cause);
    this.waiting.clear();
  }
}

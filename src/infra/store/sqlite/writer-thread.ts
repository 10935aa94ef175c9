import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ExpectedRevision } from '../../../application/event-store';
import { AppendReply, EventRows } from './sqlite-appends';
import { WriterRequest, WriterResponse, WriterSettings } from './writer-protocol';
import { errorOf, startWorker } from './worker-thread';

interface Pending {
  readonly resolve: (reply: AppendReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Appends made on a thread of their own. better-sqlite3 is synchronous: on the caller's thread an
 * append blocks it for the inserts and for the sync of the WAL at commit (synchronous = FULL), and
 * a command, a file import or an HTTP request waits behind it. Here the caller serialises its
 * events, posts them, and goes on deciding the next batch while this thread writes the last one:
 * on a 2-core machine the two overlap (see bench/, "ingest").
 *
 * Appends are made in the order they were posted, each in its own IMMEDIATE transaction as before.
 * If the thread dies, every append not yet answered is refused with the cause; such an append may
 * or may not have been committed, exactly as when a server's connection drops after a write, and
 * sending it again is safe: its event ids make the retry idempotent.
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(settings: WriterSettings) {
    this.worker = startWorker(join(__dirname, 'sqlite-writer'), settings);
    // Idle, the thread does not keep the process alive; with appends in flight it does.
    this.worker.unref();
    this.worker.on('message', (response: WriterResponse) => this.receive(response));
    this.worker.on('error', (error: Error) => this.stop(error));
    this.worker.on('exit', (code: number) =>
      this.stop(new Error(`The store's writer thread has stopped (exit code ${code})`)),
    );
  }

  append(streamName: string, rows: EventRows, expected: ExpectedRevision): Promise<AppendReply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<AppendReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ kind: 'append', id, streamName, rows, expected } satisfies WriterRequest);
    });
  }

  /** Waits for the appends already posted, then closes the thread's connection. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.stopped) return (this.closing = Promise.resolve());
    const exited = once(this.worker, 'exit').then(() => undefined);
    this.worker.ref();
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    return (this.closing = exited);
  }

  private receive(response: WriterResponse): void {
    if (response.kind === 'closed') return;
    const pending = this.pending.get(response.id);
    this.pending.delete(response.id);
    if (this.pending.size === 0) this.worker.unref();
    if (!pending) return;
    if (response.kind === 'reply') pending.resolve(response.reply);
    else pending.reject(errorOf(response.failure));
  }

  private stop(cause: Error): void {
    this.stopped ??= cause;
    for (const { reject } of this.pending.values()) reject(cause);
    this.pending.clear();
  }
}

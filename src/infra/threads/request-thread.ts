import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { errorOf, startWorker, ThreadFailure } from './worker-thread';

/** What a thread program (sqlite-writer.ts, checkpoint-writer.ts) answers. */
export type ThreadResponse<Reply> =
  | { readonly kind: 'reply'; readonly id: number; readonly reply: Reply }
  | { readonly kind: 'failed'; readonly id: number; readonly failure: ThreadFailure }
  | { readonly kind: 'closed' };

/** What a thread program is sent: a request, numbered by the caller, or `close`. */
export type ThreadRequest<Request> = (Request & { readonly id: number }) | { readonly kind: 'close' };

interface Waiting<Reply> {
  readonly resolve: (reply: Reply) => void;
  readonly reject: (error: Error) => void;
}

export interface RequestThreadOptions {
  /** Named in the error that refuses requests once the thread has stopped. */
  readonly name: string;
  /** The thread keeps the process alive only while requests are in flight (a store's writer). */
  readonly unrefWhenIdle?: boolean;
}

/**
 * The caller's side of a thread program that takes requests in the order posted and answers each
 * by its number. `close` lets it finish what was posted, then ends it. If the thread dies, every
 * request not yet answered is refused with the cause, and so is every later one.
 */
export class RequestThread<Request extends { readonly kind: string }, Reply> {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting<Reply>>();
  private nextId = 0;
  private stopped: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    modulePath: string,
    workerData: unknown,
    private readonly options: RequestThreadOptions,
  ) {
    this.worker = startWorker(modulePath, workerData);
    if (options.unrefWhenIdle) this.worker.unref();
    this.worker.on('message', (response: ThreadResponse<Reply>) => this.receive(response));
    this.worker.on('error', (error: Error) => this.stop(error));
    this.worker.on('exit', (code: number) =>
      this.stop(new Error(`${options.name} has stopped (exit code ${code})`)),
    );
  }

  request(request: Request): Promise<Reply> {
    if (this.stopped) return Promise.reject(this.stopped);
    if (this.closing) return Promise.reject(new Error(`${this.options.name} is closing`));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1 && this.options.unrefWhenIdle) this.worker.ref();
      this.worker.postMessage({ ...request, id } satisfies ThreadRequest<Request>);
    });
  }

  /** Waits for the requests already posted, then ends the thread. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.stopped) return (this.closing = Promise.resolve());
    const exited = once(this.worker, 'exit').then(() => undefined);
    this.worker.ref();
    this.worker.postMessage({ kind: 'close' } satisfies ThreadRequest<Request>);
    return (this.closing = exited);
  }

  private receive(response: ThreadResponse<Reply>): void {
    if (response.kind === 'closed') return;
    const waiting = this.waiting.get(response.id);
    this.waiting.delete(response.id);
    if (this.waiting.size === 0 && this.options.unrefWhenIdle) this.worker.unref();
    if (!waiting) return;
    if (response.kind === 'reply') waiting.resolve(response.reply);
    else waiting.reject(errorOf(response.failure));
  }

  private stop(cause: Error): void {
    this.stopped ??= cause;
    for (const { reject } of this.waiting.values()) reject(cause);
    this.waiting.clear();
  }
}

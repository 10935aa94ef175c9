import { join } from 'node:path';
import { ExpectedRevision } from '../../../application/event-store';
import { RequestThread } from '../../threads/request-thread';
import { AppendReply, EventRows } from './sqlite-appends';
import { WriterRequest, WriterSettings } from './writer-protocol';

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
  private readonly thread: RequestThread<WriterRequest, AppendReply>;

  constructor(settings: WriterSettings) {
    // Idle, the thread does not keep the process alive; with appends in flight it does.
    this.thread = new RequestThread(join(__dirname, 'sqlite-writer'), settings, {
      name: "The store's writer thread",
      unrefWhenIdle: true,
    });
  }

  append(streamName: string, rows: EventRows, expected: ExpectedRevision): Promise<AppendReply> {
    return this.thread.request({ kind: 'append', streamName, rows, expected });
  }

  /** Waits for the appends already posted, then closes the thread's connection. */
  close(): Promise<void> {
    return this.thread.close();
  }
}

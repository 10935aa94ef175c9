/**
 * The verify thread's program (see verify-off-thread.ts): its own read-only use of the store, on
 * which it checks meetings' records against their seals, so that the hashing of a large record
 * never holds the event loop of the process that asked (a server answering other requests).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EventStore } from '../application/event-store';
import { ThreadRequest, ThreadResponse } from '../infra/threads/request-thread';
import { failureOf } from '../infra/threads/worker-thread';
import { SqliteEventStore } from '../infra/store/sqlite/sqlite-event-store';
import type { Verdict } from '../application/record-verification';
import { verifyRecord } from './reads';
import { openStoreAt, StoreLocation } from './store-spec';
import type { VerifyRequest } from './verify-off-thread';

const port = parentPort!;
const location = (workerData as { location: StoreLocation }).location;
// A SQLite store is opened without a writer thread of its own: this thread never appends.
const opened: Promise<EventStore> =
  location.kind === 'sqlite' ? Promise.resolve(new SqliteEventStore(location.path)) : openStoreAt(location);
let pending = Promise.resolve();

type Response = ThreadResponse<Verdict[]>;

port.on('message', (request: ThreadRequest<VerifyRequest>) => {
  // One request at a time, in order: the thread is there to take the load off, not to multiply it.
  pending = pending.then(async () => {
    const store = await opened;
    if (request.kind === 'close') {
      await store.close();
      port.postMessage({ kind: 'closed' } satisfies Response);
      port.close();
      return;
    }
    try {
      const verdicts = await verifyRecord(store, request.meetingIds);
      port.postMessage({ kind: 'reply', id: request.id, reply: verdicts } satisfies Response);
    } catch (error) {
      port.postMessage({ kind: 'failed', id: request.id, failure: failureOf(error) } satisfies Response);
    }
  });
});

/**
 * The writer thread's program (see writer-thread.ts): its own connection to the store's file, on
 * which it makes the appends it is sent, one at a time and in the order they were sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './schema';
import { ThreadRequest, ThreadResponse } from '../../threads/request-thread';
import { failureOf } from '../../threads/worker-thread';
import { AppendReply, SqliteAppends } from './sqlite-appends';
import { WriterRequest, WriterSettings } from './writer-protocol';

const settings = workerData as WriterSettings;
const port = parentPort!;
const db = openDatabase(settings.path, settings);
const appends = new SqliteAppends(db, settings.busyRetries);

// A chain, not a handler per message: a retry's back-off awaits, and the next append must not
// overtake the one before it.
let previous: Promise<void> = Promise.resolve();

port.on('message', (request: ThreadRequest<WriterRequest>) => {
  previous = previous.then(() => handle(request));
});

type Response = ThreadResponse<AppendReply>;

async function handle(request: ThreadRequest<WriterRequest>): Promise<void> {
  if (request.kind === 'close') {
    db.close();
    port.postMessage({ kind: 'closed' } satisfies Response);
    port.close();
    return;
  }
  try {
    const reply = await appends.append(request.streamName, request.rows, request.expected);
    port.postMessage({ kind: 'reply', id: request.id, reply } satisfies Response);
  } catch (error) {
    port.postMessage({ kind: 'failed', id: request.id, failure: failureOf(error) } satisfies Response);
  }
}

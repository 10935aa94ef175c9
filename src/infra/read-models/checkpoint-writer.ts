/**
 * The checkpoint thread's program (see checkpoint-thread.ts): its own connection to the read
 * models' file, on which it writes the checkpoints it is sent, one transaction each, in the order
 * sent. After a failure it writes none of the later ones: a later checkpoint would claim events
 * whose changes were never written.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ThreadRequest, ThreadResponse } from '../threads/request-thread';
import { failureOf, ThreadFailure } from '../threads/worker-thread';
import { CheckpointRequest } from './checkpoint-protocol';
import { SqliteReadModels } from './sqlite-read-models';

const port = parentPort!;
const readModels = new SqliteReadModels((workerData as { path: string }).path);
let failed: ThreadFailure | undefined;

type Response = ThreadResponse<undefined>;

// Synchronous, so messages are handled one after the other, in order.
port.on('message', (request: ThreadRequest<CheckpointRequest>) => {
  if (request.kind === 'close') {
    readModels.close();
    port.postMessage({ kind: 'closed' } satisfies Response);
    port.close();
    return;
  }
  if (!failed) {
    try {
      readModels.write(request.parts);
    } catch (error) {
      failed = failureOf(error);
    }
  }
  const response: Response = failed
    ? { kind: 'failed', id: request.id, failure: failed }
    : { kind: 'reply', id: request.id, reply: undefined };
  port.postMessage(response);
});

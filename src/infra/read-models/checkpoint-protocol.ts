import { ThreadFailure } from '../store/sqlite/worker-thread';
import { CheckpointRows } from './sqlite-read-models';

export type CheckpointRequest =
  | { readonly kind: 'save'; readonly id: number; readonly parts: readonly CheckpointRows[] }
  | { readonly kind: 'close' };

export type CheckpointResponse =
  | { readonly kind: 'saved'; readonly id: number }
  | { readonly kind: 'failed'; readonly id: number; readonly failure: ThreadFailure }
  | { readonly kind: 'closed' };

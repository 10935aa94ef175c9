import { CheckpointRows } from './checkpoint-rows';

/** A checkpoint as it is posted to the checkpoint thread (RequestThread numbers it). */
export interface CheckpointRequest {
  readonly kind: 'save';
  readonly parts: readonly CheckpointRows[];
}

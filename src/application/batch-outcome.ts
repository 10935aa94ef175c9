import { DomainEvent } from '../domain/events';
import { DomainError } from '../domain/shared/errors';

/** What became of one command of a batch. */
export type BatchOutcome =
  | { readonly kind: 'recorded'; readonly events: readonly DomainEvent[] }
  /** Recorded before (same command id): nothing written. Its events are not read back, to keep re-runs cheap. */
  | { readonly kind: 'alreadyRecorded' }
  | { readonly kind: 'refused'; readonly error: DomainError };

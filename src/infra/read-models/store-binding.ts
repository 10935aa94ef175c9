/**
 * Read models are bound to the record they were folded from, so that they are never served beside
 * another one. They live in a file of their own (govrec.read.db), which outlives the store it sits
 * beside: a store deleted and created again, a copy of the read models from elsewhere, a store
 * restored from an older backup, or a checkpoint edited by hand would otherwise have the runner
 * serve one record's figures as another's, and catch up from a position that means nothing there.
 *
 * The file records the store's identity (store-identity.ts) and each checkpoint the id of the event
 * at its position. Before a runner folds or serves anything it checks both: the same store, and at
 * each checkpoint's position the very event folded there (an event missing there — a checkpoint
 * ahead of the log — or another event is a mismatch). Any mismatch, or a checkpoint that names no
 * event (a file from before binding), and every read model is dropped and folded again from the
 * first event: a rebuild costs time, serving another record's figures costs the truth.
 *
 * Where the store keeps a hash chain (EventStore.chainAt), the read models also record the chain's
 * link at a position they had folded (after each catch-up): it stands for every event up to there,
 * not only the last, so a record rewritten or restored before the checkpoint is another record too.
 */
import { EventStore } from '../../application/event-store';
import { storeIdOf } from '../../application/store-identity';
import { SqliteReadModels } from './sqlite-read-models';

/** Why read models were not served as they stood; undefined when they are the store's. */
export type BindingMismatch =
  | 'another-store'
  | 'checkpoint-names-no-event'
  | 'no-event-at-checkpoint'
  | 'another-event-at-checkpoint'
  | 'another-chain';

/** A read model's checkpoint as the runner holds it. */
export interface BoundCheckpoint {
  readonly position: number;
  readonly eventId?: string;
}

/** Whether the read models' checkpoints are this store's; the first mismatch found otherwise. */
export async function bindingMismatch(
  store: EventStore,
  boundStore: string | undefined,
  storeId: string,
  checkpoints: readonly BoundCheckpoint[],
  chain?: { readonly position: number; readonly link: string },
): Promise<BindingMismatch | undefined> {
  const folded = checkpoints.filter((c) => c.position >= 0);
  // Read models that say nothing of their store but hold nothing either are anyone's.
  if (boundStore !== undefined && boundStore !== storeId) return 'another-store';
  for (const checkpoint of folded) {
    if (checkpoint.eventId === undefined) return 'checkpoint-names-no-event';
    const [at] = await store.readAll({ fromPosition: checkpoint.position, maxCount: 1 });
    if (at?.position !== checkpoint.position) return 'no-event-at-checkpoint';
    if (at.eventId !== checkpoint.eventId) return 'another-event-at-checkpoint';
  }
  if (chain && store.chainAt && (await store.chainAt(chain.position)) !== chain.link) return 'another-chain';
  return undefined;
}

/**
 * Checks the binding and, on a mismatch, forgets every read model; either way records the store
 * the read models are (from now on) folded from. Returns the mismatch, if there was one.
 */
export async function bindReadModels(
  store: EventStore,
  readModels: SqliteReadModels,
  checkpoints: readonly BoundCheckpoint[],
): Promise<BindingMismatch | undefined> {
  const storeId = await storeIdOf(store);
  const chain = readModels.boundChain();
  const mismatch = await bindingMismatch(store, readModels.boundStore(), storeId, checkpoints, chain);
  readModels.bindTo(storeId, mismatch !== undefined);
  return mismatch;
}

/** Records the chain's link at `position`, which the read models have folded, where the store keeps a chain. */
export async function recordChainLink(
  store: EventStore,
  readModels: SqliteReadModels,
  position: number,
): Promise<void> {
  if (!store.chainAt || position < 0) return;
  const link = await store.chainAt(position);
  if (link !== undefined) readModels.recordChain(position, link);
}

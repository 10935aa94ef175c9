/**
 * Which store a record is: what read models (and anything else kept beside the record) are bound
 * to, so that a copy kept beside another store, or beside a store deleted and created again under
 * the same name, is recognised as someone else's rather than served.
 */
import { EventStore } from './event-store';

/** A store that knows its own identity: a value made once, when the store was created. */
export interface IdentifiedStore {
  /** The store's id: the same for as long as the store exists, another for any other store. */
  storeId(): Promise<string>;
}

const isIdentified = (store: EventStore): store is EventStore & IdentifiedStore =>
  typeof (store as Partial<IdentifiedStore>).storeId === 'function';

/**
 * The store's id. A store that keeps none (an EventStoreDB server, an embedder's own) is known by
 * its first event, which no later append can change: `first:<event id>@<position>`, or `empty`.
 * Two stores holding the same first event (one scenario recorded in both) are then told apart only
 * by the checkpoint's own event, which the binding checks as well.
 */
export async function storeIdOf(store: EventStore): Promise<string> {
  if (isIdentified(store)) return store.storeId();
  const [first] = await store.readAll({ maxCount: 1 });
  return first ? `first:${first.eventId}@${first.position}` : 'empty';
}

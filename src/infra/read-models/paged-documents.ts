import { RecordedDomainEvent } from '../../projections/shared/recorded-event';
import { PersistedProjection } from './persisted-projections';
import { SqliteReadModels } from './sqlite-read-models';
import { WrittenKeys } from './written-keys';

/**
 * A paged read model in the runner (PersistedProjection.paged): its model holds only the documents
 * in use, the rest are on disk as last written. Its memory is bounded by the documents changed
 * between two checkpoints, not by the meeting's size (docs/performance.md, "The rebuild's memory at
 * xl"). Every document the model does not hold is on disk as the fold left it: one is forgotten only
 * once the checkpoint that wrote it is committed, and only if no event changed it since.
 */
export interface PagedRunning {
  readonly projection: PersistedProjection<unknown>;
  readonly model: unknown;
  /** The documents changed since the last checkpoint. */
  readonly touched: ReadonlySet<string>;
  /** The documents the checkpoint being written wrote, until it is committed. */
  written?: readonly string[];
  /** Set when it started from no documents: every key written since (written-keys.ts). */
  writtenKeys?: WrittenKeys;
}

/** What a paged read model that starts from no documents keeps of the keys it writes. */
export const writtenKeysFrom = (
  projection: PersistedProjection<unknown>,
  position: number,
): { writtenKeys?: WrittenKeys } =>
  // No checkpoint, no documents: both are written, and removed, in one transaction.
  projection.paged && position < 0 ? { writtenKeys: new WrittenKeys() } : { writtenKeys: undefined };

/** Before an event is folded: each document it names read in, where the model does not hold it. */
export function pageIn(r: PagedRunning, event: RecordedDomainEvent, stored: SqliteReadModels): void {
  const paged = r.projection.paged;
  if (!paged) return;
  for (const key of paged.keysOf(event)) {
    if (paged.holds(r.model, key) || (r.writtenKeys && !r.writtenKeys.mayHave(key))) continue;
    const body = stored.document(r.projection.name, key);
    if (body !== undefined) paged.hold(r.model, key, body);
  }
}

/** The documents of a checkpoint about to be written, kept in the model until it is committed. */
export function noteWritten(r: PagedRunning): void {
  if (!r.projection.paged) return;
  r.written = [...r.touched];
  if (r.writtenKeys) for (const key of r.written) r.writtenKeys.add(key);
}

/** Once the checkpoint is committed: what it wrote forgotten, except what events changed since. */
export function pageOut(r: PagedRunning): void {
  const paged = r.projection.paged;
  if (!paged || r.written === undefined) return;
  for (const key of r.written) if (!r.touched.has(key)) paged.forget(r.model, key);
  r.written = undefined;
}

/**
 * A paged read model's documents under a key prefix: as stored, with those changed in memory and
 * not yet committed over them. What a query reads instead of the whole model.
 */
export function documentsUnder<M>(r: PagedRunning, stored: SqliteReadModels, prefix: string): M {
  const projection = r.projection as PersistedProjection<M>;
  const model = projection.fromDocuments(stored.documentsUnder(projection.name, prefix));
  const changed = new Set([...r.touched, ...(r.written ?? [])]);
  for (const key of changed) {
    if (!key.startsWith(prefix)) continue;
    const body = projection.documentOf(r.model as M, key);
    if (body === undefined) projection.paged?.forget(model, key);
    else projection.paged?.hold(model, key, body);
  }
  return model;
}

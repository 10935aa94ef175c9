import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { CheckpointWrite } from './checkpoint-rows';
import { noteWritten } from './paged-documents';
import { PersistedProjection } from './persisted-projections';
import { SqliteReadModels } from './sqlite-read-models';

/** One read model in the runner: its model in memory, its checkpoint, the documents it changed since. */
export interface Running {
  readonly projection: PersistedProjection<unknown>;
  model: unknown;
  position: number;
  /** The id of the event at `position`, which the checkpoint records (store-binding.ts). */
  eventId?: string;
  readonly touched: Set<string>;
  /** A paged read model's documents written by the checkpoint in flight (paged-documents.ts). */
  written?: readonly string[];
}

export function isGovrecStream(streamName: string): boolean {
  for (const prefix of GOVREC_STREAM_PREFIXES) if (streamName.startsWith(prefix)) return true;
  return false;
}

/** A read model as stored: its documents (a paged one reads them in as events name them) and checkpoint. */
export const loadRunning = (projection: PersistedProjection<unknown>, stored: SqliteReadModels): Running => ({
  projection,
  model: projection.fromDocuments(projection.paged ? [] : stored.documents(projection.name)),
  ...stored.checkpointEvent(projection.name),
  touched: new Set(),
});

/** A read model's changes since the last checkpoint, as they are to be written; forgotten here. */
export function takeWrite(r: Running): CheckpointWrite {
  const changed = new Map<string, string | undefined>();
  for (const key of r.touched) changed.set(key, r.projection.documentOf(r.model, key));
  const appended = r.projection.takeRows?.(r.model) ?? [];
  const { position, eventId } = r;
  noteWritten(r);
  r.touched.clear();
  return { projection: r.projection.name, position, ...(eventId ? { eventId } : {}), changed, appended };
}

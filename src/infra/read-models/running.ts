import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { CheckpointWrite } from './checkpoint-rows';
import { noteWritten, PagedRunning, writtenKeysFrom } from './paged-documents';
import { PersistedProjection } from './persisted-projections';
import { SqliteReadModels } from './sqlite-read-models';

/** One read model in the runner: its model in memory, its checkpoint, the documents it changed since. */
export interface Running extends PagedRunning {
  readonly projection: PersistedProjection<unknown>;
  model: unknown;
  position: number;
  /** The id of the event at `position`, which the checkpoint records (store-binding.ts). */
  eventId?: string;
  readonly touched: Set<string>;
}

/** A rebuild's events come in runs of one stream: the last stream's answer is kept. */
let lastStream = { name: '', govrec: false };

export function isGovrecStream(streamName: string): boolean {
  if (streamName !== lastStream.name) {
    let govrec = false;
    for (const prefix of GOVREC_STREAM_PREFIXES) if (streamName.startsWith(prefix)) govrec = true;
    lastStream = { name: streamName, govrec };
  }
  return lastStream.govrec;
}

/** A read model as stored: its documents (a paged one reads them in as events name them) and checkpoint. */
export function loadRunning(projection: PersistedProjection<unknown>, stored: SqliteReadModels): Running {
  const checkpoint = stored.checkpointEvent(projection.name);
  return {
    projection,
    model: projection.fromDocuments(projection.paged ? [] : stored.documents(projection.name)),
    ...checkpoint,
    touched: new Set(),
    ...writtenKeysFrom(projection, checkpoint.position),
  };
}

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

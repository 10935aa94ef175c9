import { GOVREC_STREAM_PREFIXES } from '../../application/aggregates';
import { EventStore, RecordedEvent } from '../../application/event-store';
import { toTrustedRecordedDomainEvent } from '../../application/stored-events';
import { instantNs } from '../../domain/shared/dates';
import { PersistedProjection } from './persisted-projections';

/** Where to stop: after the event at a position, or before the first event that happened after a time. */
export type Moment = { readonly position: number } | { readonly time: string };

/** The read models folded from the record's first events, and where the fold stopped. */
export interface FoldedAsAt {
  /** The position of the last event folded; -1 when none was. */
  readonly position: number;
  /** The time of the last event folded (its command's time); absent when none was. */
  readonly occurredAt?: string;
  /** Whether the fold reached the record's end: every event was folded. */
  readonly whole: boolean;
  /** The models, in the order of the projections asked for. */
  readonly models: readonly unknown[];
}

const PAGE = 1000;

const isGovrecEvent = (event: RecordedEvent): boolean =>
  GOVREC_STREAM_PREFIXES.some((prefix) => event.streamName.startsWith(prefix));

/**
 * Folds the projections, from empty, over the record's events up to a moment: every event up to
 * and including the position, or, for a time, every event before the first one that happened (by
 * its command's time) after it. The fold stops there: a prefix of the record, which is always a
 * state the record was in, even where events were not recorded in the order of their times. The
 * same fold the projection runner makes, over fewer events: nothing kept, nothing written.
 */
export async function foldAsAt(
  store: EventStore,
  projections: readonly PersistedProjection<unknown>[],
  moment: Moment,
): Promise<FoldedAsAt> {
  const models = projections.map((p) => p.fromDocuments([]));
  const until = 'time' in moment ? instantNs(moment.time) : undefined;
  const touched = new Set<string>();
  let folded: RecordedEvent | undefined;
  let stopped = false;
  for (let after = -1; !stopped;) {
    const page = await store.readAll({ afterPosition: after, maxCount: PAGE });
    if (page.length === 0) break;
    after = page[page.length - 1].position;
    for (const event of page) {
      const beyond =
        until === undefined
          ? event.position > (moment as { position: number }).position
          : instantNs(event.metadata.occurredAt) > until;
      if (beyond) {
        stopped = true;
        break;
      }
      if (isGovrecEvent(event)) {
        const recorded = toTrustedRecordedDomainEvent(event);
        projections.forEach((p, i) => p.apply(models[i], recorded, touched));
        touched.clear();
      }
      folded = event;
    }
  }
  return {
    position: folded?.position ?? -1,
    ...(folded ? { occurredAt: folded.metadata.occurredAt } : {}),
    whole: !stopped,
    models,
  };
}

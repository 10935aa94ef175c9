import { instantNs } from '../domain/shared/dates';
import { AuditEntry, AuditTrail, entryAt } from './audit-trail';

/** Every field narrows: an entry is selected when it matches all that are given. */
export interface AuditFilter {
  /** The meeting's own events and those of the resolutions put to it that concern it. */
  readonly meetingId?: string;
  readonly resolutionId?: string;
  /** Events naming the holder, including the register batches that list it. */
  readonly holderId?: string;
  readonly actor?: string;
  readonly types?: readonly string[];
  /** Inclusive, an ISO-8601 instant; compared as instants, so offsets may differ. */
  readonly from?: string;
  /** Exclusive, so that consecutive ranges never count an event twice. */
  readonly to?: string;
}

/** By offset (a page number × size), or after the last position already seen (stable while events arrive). */
export type AuditPaging =
  | { readonly offset?: number; readonly limit?: number }
  | { readonly afterPosition: number; readonly limit?: number };

export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Entries matching the filter, on every page. */
  readonly total: number;
  /** The cursor of the next page (afterPosition), absent on the last page. */
  readonly next?: number;
}

export const DEFAULT_AUDIT_LIMIT = 100;

/** The entries a filter can match, from the holder index when it names a holder, else all of them. */
function candidates(trail: AuditTrail, filter: AuditFilter): AuditEntry[] {
  if (filter.holderId === undefined) return [...trail.pages.values()].flat();
  return (trail.holders.get(filter.holderId) ?? []).flatMap((ref) => entryAt(trail, ref) ?? []);
}

function matches(filter: AuditFilter): (e: AuditEntry) => boolean {
  const from = filter.from === undefined ? undefined : instantNs(filter.from);
  const to = filter.to === undefined ? undefined : instantNs(filter.to);
  const types = filter.types === undefined ? undefined : new Set(filter.types);
  return (e) =>
    (filter.meetingId === undefined || e.meetingIds.includes(filter.meetingId)) &&
    (filter.resolutionId === undefined || e.resolutionIds.includes(filter.resolutionId)) &&
    (filter.actor === undefined || e.actor === filter.actor) &&
    (types === undefined || types.has(e.type)) &&
    (from === undefined || instantNs(e.occurredAt) >= from) &&
    (to === undefined || instantNs(e.occurredAt) < to);
}

/** The entries matching the filter in the store's order, one page of them. */
export function queryAudit(trail: AuditTrail, filter: AuditFilter = {}, paging: AuditPaging = {}): AuditPage {
  const selected = candidates(trail, filter)
    .filter(matches(filter))
    .sort((a, b) => a.position - b.position);
  const limit = Math.max(0, paging.limit ?? DEFAULT_AUDIT_LIMIT);
  const start =
    'afterPosition' in paging
      ? firstAfter(selected, paging.afterPosition)
      : Math.max(0, ('offset' in paging ? paging.offset : undefined) ?? 0);
  const entries = selected.slice(start, start + limit);
  const more = start + limit < selected.length && entries.length > 0;
  return { entries, total: selected.length, ...(more ? { next: entries[entries.length - 1].position } : {}) };
}

/** Index of the first entry after a position (binary search: entries are in position order). */
function firstAfter(entries: readonly AuditEntry[], position: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid].position <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

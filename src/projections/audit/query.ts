import { instantNs } from '../../domain/shared/dates';
import { AuditEntry, AuditTrail, entryAt } from './trail';

/** Every field narrows: an entry is selected when it matches all that are given. */
export interface AuditFilter {
  /** The meeting's own events and those of the resolutions put to it that concern it. */
  readonly meetingId?: string;
  /** The resolution's own events. */
  readonly resolutionId?: string;
  /** Events naming the holder, including the register batches that list it. */
  readonly holderId?: string;
  /** Events caused by this actor, e.g. `registrar:computershare-hk`. */
  readonly actor?: string;
  /** Events of these types, e.g. `VoteCast`, `ProxyLodged`. */
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

/** One page of the audit trail. */
export interface AuditPage {
  /** The entries of this page, in the order the store recorded them. */
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
  return pageOf(
    candidates(trail, filter).sort((a, b) => a.position - b.position),
    filter,
    paging,
  );
}

/**
 * One page of the entries (given in position order) that match the filter, and how many match in
 * all. The entries are read once, as they come, and only the page is kept: the stored trail of a
 * large meeting is never all in memory.
 */
export function pageOf(entries: Iterable<AuditEntry>, filter: AuditFilter, paging: AuditPaging): AuditPage {
  const pager = auditPager(filter, paging);
  for (const entry of entries) pager.offer(entry);
  return pager.page();
}

/** pageOf for entries that come one by one (e.g. read from a store): offer each, then take the page. */
export function auditPager(filter: AuditFilter, paging: AuditPaging) {
  const selects = matches(filter);
  const limit = Math.max(0, paging.limit ?? DEFAULT_AUDIT_LIMIT);
  const after = 'afterPosition' in paging ? paging.afterPosition : undefined;
  const offset = Math.max(0, ('offset' in paging ? paging.offset : undefined) ?? 0);
  const entries: AuditEntry[] = [];
  let total = 0;
  let more = false;
  return {
    offer(entry: AuditEntry): void {
      if (!selects(entry)) return;
      total += 1;
      if (after !== undefined ? entry.position <= after : total <= offset) return;
      if (entries.length < limit) entries.push(entry);
      else more = entries.length > 0;
    },
    page(): AuditPage {
      return { entries, total, ...(more ? { next: entries[entries.length - 1].position } : {}) };
    },
  };
}

/**
 * The positions on a page, when every position given (in order) is an entry the filter selects (an
 * index's rows for the one key the filter names): the page and total as auditPager would give them,
 * without reading the entries off the page.
 */
export function pagePositions(
  positions: readonly number[],
  paging: AuditPaging,
): { readonly positions: number[]; readonly total: number; readonly more: boolean } {
  const limit = Math.max(0, paging.limit ?? DEFAULT_AUDIT_LIMIT);
  const after = 'afterPosition' in paging ? paging.afterPosition : undefined;
  const offset = Math.max(0, ('offset' in paging ? paging.offset : undefined) ?? 0);
  const rest = after !== undefined ? positions.filter((p) => p > after) : positions.slice(offset);
  const page = rest.slice(0, limit);
  return { positions: page, total: positions.length, more: page.length > 0 && rest.length > page.length };
}

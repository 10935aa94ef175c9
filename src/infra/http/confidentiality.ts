import { AuditEntry, AuditFilter, DomainError, READS_EVERY_HOLDER } from '../../index';
import { Caller } from './api-keys';
import { refuse } from './refusals';

/**
 * The audit trail's entries that say nothing of what one holder did: the meeting's convening and
 * proceedings, the register's batches (their summary is a count), resolutions, results. Every
 * other type (a vote, a ballot, a proxy, an attendance, a holders' proposal, and any type newer than
 * this list) is confidential: only a key that may read holders sees it whole.
 */
const PUBLIC_TYPES: ReadonlySet<string> = new Set([
  'MeetingScheduled',
  'NoticeIssued',
  'RecordDateFixed',
  'EntitlementsRecorded',
  'RegisterClosed',
  'ScrutineersAppointed',
  'DirectorsPresentRecorded',
  'ResolutionTabled',
  'MeetingOpened',
  'PollOpened',
  'PollClosed',
  'MeetingClosed',
  'ResultsCertified',
  'ResolutionProposed',
  'ResolutionPassed',
  'ResolutionFailed',
  'ResolutionOutcomeDetermined',
  'MeetingPostponed',
  'MeetingAdjourned',
  'ResumptionNoticeIssued',
  'MeetingResumed',
  'SupplementaryNoticeIssued',
  'ResolutionWithdrawn',
  'ElectionProposed',
  'ElectionTabled',
  'PollClosedOnResolution',
  'PollClosedOnElection',
  'ElectionDecided',
  'ElectionWithdrawn',
  'RecordSealed',
]);

/** Whether the caller may read every holder's votes and proxies (registrar, secretary, scrutineer, auditor). */
export const readsEveryHolder = (caller: Caller | undefined): boolean =>
  caller !== undefined && READS_EVERY_HOLDER.includes(caller.role);

/** Whether the caller may read what this holder did: a role that reads every holder, or the holder's own key. */
export const readsHolder = (caller: Caller | undefined, holderId: string): boolean =>
  readsEveryHolder(caller) || (caller?.role === 'HOLDER' && caller.holderId === holderId);

/** Why a caller may not read a holder, or undefined when it may. */
export function holderRefusal(
  caller: Caller | undefined,
  holderId: string,
  field: string,
): DomainError | undefined {
  if (readsHolder(caller, holderId)) return undefined;
  if (!caller)
    return refuse('Unauthenticated', '(headers).authorization', 'Reading a holder needs an API key');
  return refuse('NotAuthorized', field, `${caller.role} may not read another holder's votes or proxies`);
}

const CONFIDENTIAL = '(confidential)';

/**
 * An entry as a caller without rights over holders sees it: that an event of its type happened,
 * where and when, but not whose or what, nor the ids its sender chose (which may name a holder).
 */
const redacted = (e: AuditEntry): AuditEntry => ({
  ...e,
  eventId: CONFIDENTIAL,
  commandId: CONFIDENTIAL,
  causationId: CONFIDENTIAL,
  correlationId: CONFIDENTIAL,
  summary: `${e.type}: confidential; readable with a key that may read holders`,
});

/**
 * The audit entries as the caller may see them. A filter by holder has already been allowed
 * (holderRefusal), and then every entry names that holder; otherwise only a role that reads every
 * holder sees confidential entries whole.
 */
export function visibleEntries(
  caller: Caller | undefined,
  filter: AuditFilter,
  entries: readonly AuditEntry[],
): AuditEntry[] {
  const whole =
    readsEveryHolder(caller) || (filter.holderId !== undefined && readsHolder(caller, filter.holderId));
  return whole ? [...entries] : entries.map((e) => (PUBLIC_TYPES.has(e.type) ? e : redacted(e)));
}

import { csvRecords } from '../shared/csv';
import { HolderProxies } from './proxy-register';
import { HolderHistoryView, HolderMeetingView } from './view';

/** The columns of the proxy register as CSV: one row per proxy lodged, the one in force marked. */
export const PROXY_REGISTER_COLUMNS = [
  'meetingId',
  'holderId',
  'proxyId',
  'proxyName',
  'shares',
  'status',
  'lodgedAt',
  'recordedAt',
  'supersedes',
  'supersededBy',
  'revokedReason',
  'revokedAt',
  'attendedAt',
  'attendedShares',
] as const;

/** The proxy register as a spreadsheet reads it, through the one formula-neutralising CSV writer. */
export function proxyRegisterCsv(register: readonly HolderProxies[]): string {
  const rows = register.flatMap((h) =>
    h.proxies.map((p) => [
      h.meetingId,
      h.holderId,
      p.proxyId,
      p.proxyName,
      p.shares,
      p.status,
      p.lodgedAt,
      p.recordedAt,
      p.supersedes ?? '',
      p.supersededBy?.proxyId ?? '',
      p.revoked?.reason ?? '',
      p.revoked?.at ?? '',
      p.attended?.at ?? '',
      p.attended?.shares ?? '',
    ]),
  );
  return csvRecords([PROXY_REGISTER_COLUMNS, ...rows], '\r\n');
}

/** The columns of a holder's history as CSV: one row per vote cast (a meeting without one: a row alone). */
export const HOLDER_HISTORY_COLUMNS = [
  'holderId',
  'name',
  'meetingId',
  'meetingTitle',
  'shareClass',
  'entitledShares',
  'attendedBy',
  'attendingShares',
  'resolutionNo',
  'resolutionId',
  'castBy',
  'proxyId',
  'for',
  'against',
  'abstain',
  'sharesFor',
  'sharesAgainst',
  'sharesAbstain',
  'castAt',
  'rejected',
] as const;

type Cell = string | number;

function meetingRows(history: HolderHistoryView, m: HolderMeetingView): Cell[][] {
  const heading: Cell[] = [
    history.holderId,
    history.name ?? '',
    m.meetingId,
    m.meeting?.title ?? '',
    m.shareClass ?? '',
    m.entitledShares ?? '',
    m.attendance?.mode ?? '',
    m.attendance?.shares ?? '',
  ];
  if (m.votes.length === 0)
    return [[...heading, ...HOLDER_HISTORY_COLUMNS.slice(heading.length).map(() => '')]];
  return m.votes.map((v) => [
    ...heading,
    v.number ?? '',
    v.resolutionId,
    v.castBy,
    v.proxy?.proxyId ?? '',
    v.votes.for,
    v.votes.against,
    v.votes.abstain,
    v.shares.for,
    v.shares.against,
    v.shares.abstain,
    v.castAt,
    v.rejected ? `${v.rejected.reason} (${v.rejected.rejectedBy}, ${v.rejected.at})` : '',
  ]);
}

/**
 * A holder's history as a spreadsheet reads it: its votes (a rejected one marked with the reason),
 * with its holding and attendance at each meeting. Ballots in elections are in the JSON alone.
 */
export function holderHistoryCsv(history: HolderHistoryView): string {
  return csvRecords(
    [HOLDER_HISTORY_COLUMNS, ...history.meetings.flatMap((m) => meetingRows(history, m))],
    '\r\n',
  );
}

import {
  AuditEntry,
  AuditFilter,
  auditCsv,
  Govrec,
  HolderHistoryView,
  holderHistoryCsv,
  HolderProxies,
  proxyRegisterCsv,
} from '../../index';
import { asAtHeading, asAtOption, recordAt } from './as-at-option';
import { CommandLine, Io, OptionSpec } from './command-line';
import { STORE } from './common-options';
import { alignedTable } from './aligned-table';
import { withGovrec } from './store-location';
import { EXIT, refuseUsage } from './usage';

/*
 * The CLI's reads of the record beyond the results: the audit trail, a meeting's proxy register, a
 * holder's history. The CLI is the operator's tool: whoever runs it can open the store's files, and
 * so reads every holder, as the API's roles that read every holder do. Who may read what over the
 * network is the server's to enforce (docs/cli.md).
 */

/** The formats of the record's reads: a table for a terminal, JSON, CSV for a spreadsheet. */
export const READ_FORMATS = ['table', 'json', 'csv'];

/** The options of `govrec audit`: the API's filters, as flags. */
export const AUDIT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  meeting: { type: 'string', value: '<id>', help: "The meeting's events and its resolutions'." },
  resolution: { type: 'string', value: '<id>', help: "The resolution's events." },
  holder: { type: 'string', value: '<id>', help: 'The events naming the holder.' },
  actor: { type: 'string', value: '<role:name>', help: 'The events this actor caused.' },
  type: {
    type: 'string',
    multiple: true,
    value: '<EventType>',
    help: 'Events of this type (as often as wanted).',
  },
  from: { type: 'string', value: '<ISO time>', help: 'Events at or after this time.' },
  to: { type: 'string', value: '<ISO time>', help: 'Events before this time.' },
  ...STORE,
};

/** The filter the options ask for; or which option is not valid. */
function auditFilter(line: CommandLine): AuditFilter | string {
  const given = (name: string) => line.text(name);
  for (const field of ['from', 'to']) {
    const time = given(field);
    if (time !== undefined && (!/^\d{4}-\d\d-\d\dT/.test(time) || Number.isNaN(Date.parse(time))))
      return `--${field} takes an ISO-8601 time (2023-11-23T15:00:00+08:00), not ${time}`;
  }
  const types = line.list('type').flatMap((t) => t.split(','));
  const pairs: [keyof AuditFilter, unknown][] = [
    ['meetingId', given('meeting')],
    ['resolutionId', given('resolution')],
    ['holderId', given('holder')],
    ['actor', given('actor')],
    ['types', types.length > 0 ? types : undefined],
    ['from', given('from')],
    ['to', given('to')],
  ];
  return Object.fromEntries(pairs.filter(([, v]) => v !== undefined)) as AuditFilter;
}

/** Every entry matching the filter, a page at a time after the last seen (stable while events arrive). */
async function everyEntry(govrec: Govrec, filter: AuditFilter): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let after = -1;
  for (;;) {
    const page = await govrec.auditTrail(filter, { afterPosition: after, limit: 1000 });
    entries.push(...page.entries);
    if (page.next === undefined || page.entries.length === 0) return entries;
    after = page.next;
  }
}

const auditTable = (entries: readonly AuditEntry[]): string =>
  alignedTable(
    ['Position', 'Time', 'Event', 'Actor', 'What'],
    entries.map((e) => [String(e.position), e.occurredAt, e.type, e.actor, e.summary]),
  ) + `${entries.length} event(s)\n`;

/** `govrec audit`: the audit trail, filtered as the API filters it, every page of it. */
export function audit(line: CommandLine, io: Io): Promise<number> {
  const filter = auditFilter(line);
  if (typeof filter === 'string') return Promise.resolve(refuseUsage(io, 'audit', filter));
  return withGovrec(
    line,
    io,
    async (govrec) => {
      const unknown = await unknownIds(govrec, filter);
      if (unknown) return notFound(io, unknown);
      const entries = await everyEntry(govrec, filter);
      const written = { json: () => JSON.stringify(entries, null, 2) + '\n', csv: () => auditCsv(entries) };
      io.out(line.format === 'table' ? auditTable(entries) : written[line.format as 'json' | 'csv']());
      return EXIT.ok;
    },
    { keep: ['holder-index', 'meeting-index'] },
  );
}

/** A meeting or resolution the filter names that the record does not know: an empty answer would mislead. */
async function unknownIds(govrec: Govrec, filter: AuditFilter): Promise<string | undefined> {
  if (filter.meetingId === undefined && filter.resolutionId === undefined) return undefined;
  const view = await govrec.results();
  if (filter.meetingId !== undefined && !view.meetings.some((m) => m.id === filter.meetingId))
    return `no meeting ${filter.meetingId} in the record`;
  if (filter.resolutionId !== undefined && !view.outcomes.some((o) => o.resolutionId === filter.resolutionId))
    return `no resolution ${filter.resolutionId} in the record`;
  return undefined;
}

function notFound(io: Io, what: string): number {
  io.err(`govrec: ${what}\n`);
  return EXIT.refused;
}

const proxiesTable = (register: readonly HolderProxies[]): string =>
  alignedTable(
    ['Holder', 'Proxy', 'Name', 'Shares', 'Status', 'Lodged', 'Since'],
    register.flatMap((h) =>
      h.proxies.map((p) => [
        h.holderId,
        p.proxyId,
        p.proxyName,
        p.shares.toLocaleString('en-US'),
        p.status === 'REVOKED' && p.revoked ? `REVOKED (${p.revoked.reason})` : p.status,
        p.lodgedAt,
        p.supersededBy?.recordedAt ?? p.revoked?.at ?? '',
      ]),
    ),
    [3],
  );

/** `govrec proxies --meeting <id>`: the meeting's proxy register, every holder's. */
export function proxies(line: CommandLine, io: Io): Promise<number> {
  const meetingId = line.text('meeting');
  if (!meetingId) return Promise.resolve(refuseUsage(io, 'proxies', 'needs --meeting <id>'));
  const asAt = asAtOption(line, io);
  if (typeof asAt === 'number') return Promise.resolve(asAt);
  return withGovrec(
    line,
    io,
    async (govrec) => {
      const unknown = await unknownIds(govrec, { meetingId });
      if (unknown) return notFound(io, unknown);
      const record = asAt ? await recordAt(govrec, asAt, io) : undefined;
      if (typeof record === 'number') return record;
      const register = record ? record.proxyRegister(meetingId) : await govrec.proxyRegister(meetingId);
      if (record && line.format === 'table') io.out(asAtHeading(record));
      const written = {
        table: () => proxiesTable(register),
        json: () => JSON.stringify(register, null, 2) + '\n',
        csv: () => proxyRegisterCsv(register),
      };
      io.out(written[line.format as keyof typeof written]());
      return EXIT.ok;
    },
    { keep: ['proxy-register'] },
  );
}

function historyTable(history: HolderHistoryView): string {
  const blocks = history.meetings.map((m) => {
    const attended = m.attendance
      ? `attended ${m.attendance.mode} with ${m.attendance.shares.toLocaleString('en-US')} shares`
      : 'did not attend';
    const heading = `${m.meeting?.title ?? m.meetingId} (${m.meetingId}): ${(m.entitledShares ?? 0).toLocaleString('en-US')} ${m.shareClass ?? ''} shares entitled; ${attended}`;
    const votes = alignedTable(
      ['No.', 'Resolution', 'Cast by', 'FOR', 'AGAINST', 'ABSTAIN', 'Counted'],
      m.votes.map((v) => [
        String(v.number ?? ''),
        v.resolutionId,
        v.proxy ? `${v.castBy} (${v.proxy.proxyName ?? v.proxy.proxyId})` : v.castBy,
        v.votes.for.toLocaleString('en-US'),
        v.votes.against.toLocaleString('en-US'),
        v.votes.abstain.toLocaleString('en-US'),
        v.rejected ? `no: rejected (${v.rejected.reason})` : 'yes',
      ]),
      [3, 4, 5],
    );
    return `${heading}\n${m.votes.length > 0 ? votes : '  no vote cast\n'}`;
  });
  return [`${history.name ?? history.holderId} (${history.holderId})`, ...blocks].join('\n');
}

/** `govrec holder <holderId>`: how the holder took part in each meeting, a rejected vote marked. */
export function holder(line: CommandLine, io: Io): Promise<number> {
  const [holderId, ...extra] = line.positional;
  if (!holderId || extra.length > 0) return Promise.resolve(refuseUsage(io, 'holder', 'takes one holder id'));
  return withGovrec(
    line,
    io,
    async (govrec) => {
      const history = await govrec.holderHistory(holderId);
      if (!history) return notFound(io, `no holder ${holderId} in the record`);
      const written = {
        table: () => historyTable(history),
        json: () => JSON.stringify(history, null, 2) + '\n',
        csv: () => holderHistoryCsv(history),
      };
      io.out(written[line.format as keyof typeof written]());
      return EXIT.ok;
    },
    { keep: ['holder-index', 'holder-headings'] },
  );
}

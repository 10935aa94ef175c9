import { parse } from 'csv-parse/sync';
import { AUDIT_COLUMNS, auditCsv, auditJson } from '../../../src/projections/audit/export';
import { csvRecords } from '../../../src/projections/shared/csv';
import { queryAudit } from '../../../src/projections/audit/query';
import { AuditTrail, foldAuditTrail } from '../../../src/projections/audit/trail';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { MEETING_IDS, referenceCommands } from '../../golden/reference-scenario';
import { hkAgmCommands, REJECTION, SCRUTINEER } from '../hk-agm-scenario';
import { recordedEvents } from '../recorded';

let agm: RecordedDomainEvent[];
let trail: AuditTrail;
let reference: RecordedDomainEvent[];
let referenceTrail: AuditTrail;

beforeAll(async () => {
  agm = await recordedEvents(hkAgmCommands());
  trail = foldAuditTrail(agm);
  reference = await recordedEvents(referenceCommands());
  referenceTrail = foldAuditTrail(reference);
});

const everything = { limit: Number.MAX_SAFE_INTEGER };
const types = (t: AuditTrail, filter: Parameters<typeof queryAudit>[1]) =>
  queryAudit(t, filter, everything).entries.map((e) => e.type);

describe('the audit trail', () => {
  it('keeps every event once, in the order of the store, with who, when, which command and why', () => {
    const page = queryAudit(trail, {}, everything);
    expect(page.total).toBe(agm.length);
    expect(page.entries.map((e) => e.position)).toEqual(agm.map((e) => e.position));
    page.entries.forEach((entry, i) => {
      const e = agm[i];
      expect(entry).toMatchObject({
        streamName: e.streamName,
        revision: e.revision,
        type: e.type,
        eventId: e.metadata.eventId,
        actor: e.metadata.actor,
        occurredAt: e.metadata.occurredAt,
        commandId: e.metadata.commandId,
        causationId: e.metadata.causationId,
        correlationId: e.metadata.correlationId,
      });
      expect(entry.summary.length).toBeGreaterThan(0);
    });
  });

  it('is not changed by an event delivered twice', () => {
    expect(queryAudit(foldAuditTrail([...agm, ...agm]), {}, everything).total).toBe(agm.length);
  });

  it('says why: the second vote names the scrutineer’s rejection as its cause', () => {
    const votes = queryAudit(trail, { holderId: 'ORD-4', resolutionId: 'hlh-r2' }, everything).entries;
    expect(votes.map((e) => e.type)).toEqual(['VoteCast', 'VoteRejected', 'VoteCast']);
    const [, rejection, again] = votes;
    expect(rejection).toMatchObject({ commandId: REJECTION, actor: SCRUTINEER, correlationId: REJECTION });
    expect(rejection.summary).toContain('Voting slip not signed');
    expect(again).toMatchObject({ causationId: REJECTION, correlationId: REJECTION });
    expect(again.summary).toBe('ORD-4 votes at hlh-2024-agm in person: FOR 0, AGAINST 0, ABSTAIN 30,000');
  });

  it('follows a holder, from the register batch that lists it to its proxies and votes', () => {
    expect(types(trail, { holderId: 'ORD-5' })).toEqual([
      'EntitlementsRecorded',
      'ProxyLodged',
      'ProxyRevoked',
    ]);
    expect(types(trail, { holderId: 'ORD-4' })).toEqual([
      'EntitlementsRecorded',
      'ProxyLodged',
      'ProxyRevoked',
      'AttendanceRecorded',
      ...['VoteCast', 'VoteCast', 'VoteRejected', 'VoteCast', 'VoteCast', 'VoteCast'],
    ]);
    expect(types(trail, { holderId: 'nobody' })).toEqual([]);
  });

  it('follows a meeting with the resolutions put to it, but not their votes at other meetings', () => {
    const egm = queryAudit(referenceTrail, { meetingId: MEETING_IDS.EGM }, everything).entries;
    const votedAt = (meetingId: string) =>
      reference.filter((e) => e.type === 'VoteCast' && e.data.meetingId === meetingId).length;
    expect(egm.filter((e) => e.type === 'VoteCast')).toHaveLength(votedAt(MEETING_IDS.EGM));
    expect(egm.filter((e) => e.type === 'ResolutionProposed')).toHaveLength(4);
    expect(egm.filter((e) => e.type === 'ResolutionOutcomeDetermined')).toHaveLength(4);
    expect(egm.filter((e) => e.type === 'ResolutionPassed')).toHaveLength(4);
    expect(egm.every((e) => e.meetingIds.includes(MEETING_IDS.EGM))).toBe(true);
    const own = reference.filter((e) => e.streamName === `meeting-${MEETING_IDS.EGM}`).length;
    expect(egm.filter((e) => e.streamName === `meeting-${MEETING_IDS.EGM}`)).toHaveLength(own);
  });

  it('follows a resolution: its tabling at each meeting, proposal, votes, decisions and outcome', () => {
    const r2 = types(referenceTrail, { resolutionId: 'jlmag-2023-r2' });
    expect(r2.filter((t) => t === 'ResolutionTabled')).toHaveLength(3);
    expect(r2.filter((t) => t === 'ResolutionPassed')).toHaveLength(3);
    expect(r2.filter((t) => t === 'ResolutionOutcomeDetermined')).toHaveLength(1);
    expect(r2.filter((t) => t === 'VoteCast')).toHaveLength(
      reference.filter((e) => e.type === 'VoteCast' && e.data.resolutionId === 'jlmag-2023-r2').length,
    );
  });

  it('filters by actor and by type', () => {
    const byScrutineer = types(trail, { actor: SCRUTINEER });
    expect(byScrutineer).toEqual(agm.filter((e) => e.metadata.actor === SCRUTINEER).map((e) => e.type));
    expect(byScrutineer).toEqual(
      expect.arrayContaining(['VoteRejected', 'ResolutionFailed', 'ResultsCertified']),
    );
    expect(byScrutineer).not.toContain('VoteCast');
    expect(types(trail, { types: ['ResolutionFailed'] })).toEqual(['ResolutionFailed']);
    expect(types(trail, { types: ['ProxyRevoked'], holderId: 'ORD-4' })).toEqual(['ProxyRevoked']);
  });

  it('filters by a half-open time range, comparing instants whatever their offsets', () => {
    // 02:30Z is 10:30 in Hong Kong, when the poll opened; 11:00, when it closed, is out of the range.
    const during = queryAudit(
      trail,
      { from: '2024-06-14T02:30:00Z', to: '2024-06-14T11:00:00+08:00' },
      everything,
    );
    const expected = agm.filter((e) => {
      const t = Date.parse(e.metadata.occurredAt);
      return t >= Date.parse('2024-06-14T02:30:00Z') && t < Date.parse('2024-06-14T03:00:00Z');
    });
    expect(during.entries.map((e) => e.eventId)).toEqual(expected.map((e) => e.metadata.eventId));
    expect(during.entries[0].type).toBe('PollOpened');
    expect(during.entries.map((e) => e.type)).not.toContain('PollClosed');
  });

  it('pages by offset and by cursor, each covering every entry once', () => {
    const all = queryAudit(trail, {}, everything).entries.map((e) => e.position);
    const byOffset: number[] = [];
    for (let offset = 0; offset < all.length; offset += 7)
      byOffset.push(...queryAudit(trail, {}, { offset, limit: 7 }).entries.map((e) => e.position));
    expect(byOffset).toEqual(all);

    const byCursor: number[] = [];
    let page = queryAudit(trail, {}, { afterPosition: -1, limit: 7 });
    for (;;) {
      byCursor.push(...page.entries.map((e) => e.position));
      if (page.next === undefined) break;
      page = queryAudit(trail, {}, { afterPosition: page.next, limit: 7 });
    }
    expect(byCursor).toEqual(all);
    expect(page.total).toBe(all.length);
  });

  it('pages a filtered trail with a cursor from any position, not only its own', () => {
    const votes = queryAudit(trail, { types: ['VoteCast'] }, everything).entries;
    // The rejection sits between two votes: a cursor at its position is no VoteCast's.
    const i = votes.findIndex((v, k) => k + 1 < votes.length && votes[k + 1].position - v.position > 1);
    const page = queryAudit(
      trail,
      { types: ['VoteCast'] },
      { afterPosition: votes[i].position + 1, limit: 2 },
    );
    expect(page.entries.map((e) => e.position)).toEqual([votes[i + 1].position, votes[i + 2].position]);
    expect(page.next).toBe(votes[i + 2].position);
  });
});

describe('exports', () => {
  it('CSV per RFC 4180: CRLF lines, quoted fields with doubled quotes, parsed back whole', () => {
    const entries = queryAudit(trail, {}, everything).entries;
    const csv = auditCsv(entries);
    expect(csv.startsWith(`${AUDIT_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('""Lantern""');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(entries.map((e) => Object.fromEntries(AUDIT_COLUMNS.map((c) => [c, String(e[c])]))));
  });

  it('CSV quotes only what needs quoting', () => {
    const cell = (value: string | number) => csvRecords([[value]]).slice(0, -1);
    expect(cell('plain')).toBe('plain');
    expect(cell(42)).toBe('42');
    expect(cell('a,b')).toBe('"a,b"');
    expect(cell('say "no"')).toBe('"say ""no"""');
    expect(cell('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('JSON with the same columns', () => {
    const entries = queryAudit(trail, { holderId: 'ORD-2' }, everything).entries;
    const json = JSON.parse(auditJson(entries)) as Record<string, unknown>[];
    expect(json).toHaveLength(entries.length);
    expect(Object.keys(json[0])).toEqual([...AUDIT_COLUMNS]);
    expect(json[0].summary).toBe(entries[0].summary);
  });
});

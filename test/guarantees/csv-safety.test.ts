import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { EventStore } from '../../src/application/event-store';
import { ImportKind } from '../../src/infra/import/import-types';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { auditCsv } from '../../src/projections/audit/export';
import { AuditEntry } from '../../src/projections/audit/trail';
import { applyStep, demoUpToVotes, importDemo } from '../import/demo';

/**
 * CSV safety. What govrec writes (the rejects file, the audit export) is written by csv-stringify
 * and neutralises spreadsheet formulas: no cell begins with =, +, -, @, a tab or a CR. What govrec
 * reads: bytes that are not UTF-8 refuse the file whole; control characters in names are refused;
 * a line with ill-formed quotes is reported once, and the lines after it are read.
 */
const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://x","y")'];
const DANGEROUS_START = /^[=+\-@\t\r]/;
let dir: string;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'govrec-csv-safety-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importText(store: EventStore, kind: ImportKind, name: string, text: string | Buffer) {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, text);
  const rejectsFile = join(dir, `${name}.rejects.csv`);
  const summary = await importDemo(store, kind, dir, { rejectsFile }, file);
  return { summary, rejects: summary.rejected ? readFileSync(rejectsFile, 'utf8') : '' };
}

const cellsOf = (csv: string): string[] => (parse(csv, { relax_column_count: true }) as string[][]).flat();

describe('CSV that govrec writes neutralises spreadsheet formulas', () => {
  it('the rejects file: a refused row whose cells are formulas is written with each one neutralised', async () => {
    const store = new MemoryEventStore();
    await applyStep(store, 'schedule');
    // A CR would end the line (no record of govrec's files spans lines): the audit test covers it.
    const formulas = FORMULAS.filter((f) => !f.includes('\r'));
    // Unquoted where the cell allows it, so that the row as written (echoed in the rejects file)
    // itself begins with the formula.
    const cell = (f: string) => (/[",]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
    const rows = formulas.map((f) => `${cell(f)},A,100,${cell(f)}`);
    const { summary, rejects } = await importText(
      store,
      'register',
      'formulas',
      ['holder_id,share_class,shares,name', ...rows].join('\n'),
    );
    expect(summary.rejected).toBe(formulas.length);
    const cells = cellsOf(rejects);
    expect(cells.filter((c) => DANGEROUS_START.test(c))).toEqual([]);
    // Neutralised, not dropped: the row as written is there after the apostrophe.
    expect(cells).toContain(`'=1+1,A,100,=1+1`);
    expect(cells).toContain(`'@SUM(A1),A,100,@SUM(A1)`);
  });

  it('the audit export: an actor, a summary or a command id that is a formula is neutralised', () => {
    const entries = FORMULAS.map(
      (f, i) =>
        ({
          position: i,
          streamName: 'meeting-x',
          revision: i,
          type: 'NoticeIssued',
          eventId: `e${i}`,
          actor: f,
          occurredAt: '2025-01-01T00:00:00Z',
          commandId: f,
          causationId: '',
          correlationId: '',
          summary: f,
        }) as unknown as AuditEntry,
    );
    const cells = cellsOf(auditCsv(entries));
    expect(cells.filter((c) => DANGEROUS_START.test(c))).toEqual([]);
    expect(cells.filter((c) => c === `'=1+1`)).toHaveLength(3);
  });
});

describe('CSV that govrec reads', () => {
  it('bytes that are not UTF-8 refuse the whole file: nothing is recorded', async () => {
    const store = new MemoryEventStore();
    await applyStep(store, 'schedule');
    const before = (await store.readAll()).length;
    const good = 'holder_id,share_class,shares,name\nA-0001,A,100,Alice\n';
    const bad = Buffer.concat([Buffer.from(good), Buffer.from('A-0002,A,100,Bob \xff\xfe\n', 'latin1')]);
    await expect(importText(store, 'register', 'latin1', bad)).rejects.toThrow(/not UTF-8/);
    expect((await store.readAll()).length).toBe(before);
  });

  it.each([
    ['a bell', 'Alice\u0007'],
    ['an escape', 'Alice\u001b[31m'],
    ['a right-to-left override', 'Alice \u202egnp.exe'],
    ['a C1 control', 'Alice\u0085'],
    ['DEL', 'Alice\u007f'],
  ])('a register name holding %s is refused, and that row only', async (_what, name) => {
    const store = new MemoryEventStore();
    await applyStep(store, 'schedule');
    const { summary } = await importText(
      store,
      'register',
      `name-${name.length}-${name.charCodeAt(5)}`,
      `holder_id,share_class,shares,name\nA-0001,A,100,${name}\nA-0002,A,100,Bob\n`,
    );
    expect(summary).toMatchObject({
      rows: 2,
      recorded: 1,
      rejected: 1,
      rejectedByRule: { 'Invalid:Name': 1 },
    });
  });

  it('a proxy name and a representative with control characters are refused', async () => {
    const store = new MemoryEventStore();
    await demoUpToVotes(store, dir);
    const proxies = await importText(
      store,
      'proxies',
      'proxy-control',
      'proxy_id,holder_id,proxy_name,lodged_at\nPX-9,A-0004,Chair\u0000man,2025-06-17T12:00:00+08:00\n',
    );
    expect(proxies.summary).toMatchObject({ rejected: 1, rejectedByRule: { 'Invalid:Name': 1 } });
    const votes = await importText(
      store,
      'votes',
      'representative-control',
      'resolution_id,holder_id,for,against,abstain,attendance,representative\n' +
        'demo-r1,A-0004,1200,0,0,CORPORATE_REPRESENTATIVE,Wong\u202eKa Ho\n',
    );
    expect(votes.summary).toMatchObject({ rejected: 1, rejectedByRule: { 'Invalid:Name': 1 } });
  });

  it('a line with ill-formed quotes is reported once, on its own line, and the lines after it are read', async () => {
    const store = new MemoryEventStore();
    await demoUpToVotes(store, dir);
    const lines = [
      'resolution_id,holder_id,for,against,abstain,attendance',
      'demo-r1,A-0004,1200,0,0,IN_PERSON',
      'demo-r2,"A-0004,1500,0,0,', // an opening quote never closed
      'demo-r3,A-0004,0,1200,0,',
      'demo-r1,A-00"05,800,0,0,IN_PERSON', // a quote inside a cell
      'demo-r1,"A-0005"x,800,0,0,IN_PERSON', // text after a closing quote
      'demo-r1,A-0005,800,0,0,IN_PERSON"', // a quote at the end
      'demo-r1,A-0005,800,0,0,IN_PERSON',
      '"demo-r3",A-0005,0,0,800,',
    ];
    const { summary, rejects } = await importText(
      store,
      'votes',
      'stray-quotes',
      lines.join('\r\n') + '\r\n',
    );
    expect(summary).toMatchObject({
      rows: 8,
      recorded: 4,
      rejected: 4,
      rejectedByRule: { 'Invalid:Csv': 4 },
    });
    const reported = (parse(rejects, { columns: true }) as { line: string }[]).map((r) => Number(r.line));
    expect(reported.sort((a, b) => a - b)).toEqual([3, 5, 6, 7]);
  });
});

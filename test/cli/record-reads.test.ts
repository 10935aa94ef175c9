import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_COLUMNS } from '../../src/projections/audit/export';
import { EXIT, run } from '../../src/infra/cli/main';
import { HOLDER_HISTORY_COLUMNS, openGovrec, PROXY_REGISTER_COLUMNS } from '../../src/index';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

/** The CLI's reads of the record answer what the facade (and so the API) answers, in three formats. */
interface Command {
  type: string;
  payload: { meetingId?: string; holderId?: string };
}
const COMMANDS = (JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')) as { commands: Command[] }).commands;
const EGM = 'jlmag-2023-egm1';

let dir: string;
let store: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-reads-'));
  store = `sqlite:${join(dir, 'govrec.db')}`;
  expect(await run(['apply', SCENARIO_PATH, '--store', store], captureIo())).toBe(EXIT.ok);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function govrec(...args: string[]) {
  const io = captureIo();
  const code = await run([...args, '--store', store], io);
  return { code, ...io };
}

const csvRows = (text: string) => text.trimEnd().split('\r\n');

describe('govrec audit', () => {
  it('writes every event of a filter, as the facade pages them, in table, JSON and CSV', async () => {
    const votes = COMMANDS.filter((c) => c.type === 'CastVote' && c.payload.meetingId === EGM).length;
    const json = await govrec('audit', '--meeting', EGM, '--type', 'VoteCast', '--format', 'json');
    expect(json.code).toBe(EXIT.ok);
    const entries = JSON.parse(json.stdout) as { type: string; position: number }[];
    expect(entries).toHaveLength(votes);
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(['VoteCast']));
    const opened = await openGovrec({ store: store as `sqlite:${string}` });
    try {
      const page = await opened.auditTrail({ meetingId: EGM, types: ['VoteCast'] }, { limit: 1000 });
      expect(entries).toEqual(JSON.parse(JSON.stringify(page.entries)));
    } finally {
      await opened.close();
    }
    const csv = await govrec('audit', '--meeting', EGM, '--type', 'VoteCast', '--format', 'csv');
    expect(csvRows(csv.stdout)).toHaveLength(votes + 1);
    expect(csvRows(csv.stdout)[0]).toBe(AUDIT_COLUMNS.join(','));
    const table = await govrec('audit', '--meeting', EGM, '--type', 'VoteCast');
    expect(table.stdout).toMatch(new RegExp(`\\n${votes} event\\(s\\)\\n$`));
  });

  it('writes the whole trail, each event once', async () => {
    const all = await govrec('audit', '--format', 'json');
    const positions = (JSON.parse(all.stdout) as { position: number }[]).map((e) => e.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect(positions.length).toBeGreaterThan(COMMANDS.length);
  });

  it.each([
    [['audit', '--meeting', 'no-such-meeting'], EXIT.refused, /no meeting no-such-meeting in the record/],
    [['audit', '--from', 'yesterday'], EXIT.usage, /--from takes an ISO-8601 time/],
    [['proxies'], EXIT.usage, /proxies: needs --meeting/],
    [['holder', 'NOBODY'], EXIT.refused, /no holder NOBODY in the record/],
  ])('%j: one line, exit %d', async (args, exit, says) => {
    const answer = await govrec(...args);
    expect(answer.code).toBe(exit);
    expect(answer.stderr).toMatch(says);
    expect(answer.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('govrec proxies and govrec holder', () => {
  it("print the meeting's proxy register: a row per proxy lodged", async () => {
    const lodged = COMMANDS.filter((c) => c.type === 'LodgeProxy' && c.payload.meetingId === EGM).length;
    const csv = await govrec('proxies', '--meeting', EGM, '--format', 'csv');
    expect(csv.code).toBe(EXIT.ok);
    expect(csvRows(csv.stdout)[0]).toBe(PROXY_REGISTER_COLUMNS.join(','));
    expect(csvRows(csv.stdout)).toHaveLength(lodged + 1);
    const table = await govrec('proxies', '--meeting', EGM);
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(lodged + 2);
  });

  it("print a holder's history: a row per vote it cast", async () => {
    const holderId = 'A-0001';
    const cast = COMMANDS.filter((c) => c.type === 'CastVote' && c.payload.holderId === holderId).length;
    const json = await govrec('holder', holderId, '--format', 'json');
    expect(json.code).toBe(EXIT.ok);
    const history = JSON.parse(json.stdout) as { holderId: string; meetings: { votes: unknown[] }[] };
    expect(history.holderId).toBe(holderId);
    expect(history.meetings.flatMap((m) => m.votes)).toHaveLength(cast);
    const csv = await govrec('holder', holderId, '--format', 'csv');
    expect(csvRows(csv.stdout)[0]).toBe(HOLDER_HISTORY_COLUMNS.join(','));
    expect(csvRows(csv.stdout)).toHaveLength(cast + 1);
    const table = await govrec('holder', holderId);
    expect(table.stdout).toContain(`(${holderId})`);
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, EXIT } from '../../src/infra/cli/main';
import { RULE_SETS } from '../../src/domain/rules/rule-sets';
import { RESULTS_COLUMNS } from '../../src/index';
import { expectedMeeting, MEETING_IDS, ROOT, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';

const REFERENCE_FIELDS = [
  'id',
  'kind',
  'shareClasses',
  'sharesEntitledToVote',
  'sharesRequiredToAbstain',
  'attendingShares',
  'attendingPercent',
];
const RESOLUTION_FIELDS = [
  'no',
  'type',
  'title',
  'for',
  'against',
  'abstain',
  'forPct',
  'againstPct',
  'abstainPct',
  'passed',
];
const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, o[k]]));

describe('govrec replay', () => {
  it('prints the reference meetings as JSON in the shape of expected-results.json', async () => {
    const io = captureIo();
    expect(await run(['replay', SCENARIO_PATH, '--format', 'json'], io)).toBe(EXIT.ok);
    const printed = JSON.parse(io.stdout) as { meetings: Record<string, unknown>[] };
    expect(printed.meetings.map((m) => pick(m, REFERENCE_FIELDS))).toEqual(
      Object.keys(MEETING_IDS).map((id) => pick(expectedMeeting(id), REFERENCE_FIELDS)),
    );
    printed.meetings.forEach((m, i) => {
      const expected = expectedMeeting(Object.keys(MEETING_IDS)[i]);
      expect((m.resolutions as Record<string, unknown>[]).map((r) => pick(r, RESOLUTION_FIELDS))).toEqual(
        expected.resolutions.map((r) => pick(r, RESOLUTION_FIELDS)),
      );
    });
  });

  it('prints a table with grouped figures and percentages', async () => {
    const io = captureIo();
    expect(await run(['replay', SCENARIO_PATH], io)).toBe(EXIT.ok);
    expect(io.stdout).toContain('660,025,770 (49.1624%)');
    expect(io.stdout).toMatch(
      /637,597,263 \(96\.6019%\)\s+22,425,307 \(3\.3976%\)\s+3,200 \(0\.0005%\)\s+passed/,
    );
  });

  it('writes CSV: a row per resolution of each meeting, counts ungrouped, a formula-like title neutralised', async () => {
    const io = captureIo();
    expect(await run(['replay', SCENARIO_PATH, '--format', 'csv'], io)).toBe(EXIT.ok);
    const [header, ...rows] = io.stdout.trimEnd().split('\r\n');
    expect(header).toBe(RESULTS_COLUMNS.join(','));
    const resolutions = Object.keys(MEETING_IDS).flatMap((id) => expectedMeeting(id).resolutions);
    expect(rows).toHaveLength(resolutions.length);
    rows.forEach((row, i) => {
      const r = resolutions[i];
      const figures = [r.for, r.forPct, r.against, r.againstPct, r.abstain, r.abstainPct];
      expect(row).toContain(`,${figures.join(',')},${r.passed ? 'passed' : 'not passed'},`);
    });
    const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
    const proposed = scenario.commands.find((c: { type: string }) => c.type === 'ProposeResolution');
    proposed.payload.title = '=HYPERLINK("http://x")';
    const file = join(mkdtempSync(join(tmpdir(), 'govrec-')), 'formula.json');
    writeFileSync(file, JSON.stringify(scenario));
    const formula = captureIo();
    expect(await run(['replay', file, '--format', 'csv'], formula)).toBe(EXIT.ok);
    expect(formula.stdout).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('limits the output to the meetings asked for', async () => {
    const io = captureIo();
    await run(['replay', SCENARIO_PATH, '--format', 'json', '--meeting', MEETING_IDS['H-CLASS']], io);
    expect((JSON.parse(io.stdout) as { meetings: { id: string }[] }).meetings.map((m) => m.id)).toEqual([
      MEETING_IDS['H-CLASS'],
    ]);
  });

  it('names the command, rule and field of a refused scenario and exits 1', async () => {
    const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
    const vote = scenario.commands.findIndex((c: { type: string }) => c.type === 'CastVote');
    scenario.commands[vote].payload.for += 1_000_000_000;
    const file = join(mkdtempSync(join(tmpdir(), 'govrec-')), 'over-vote.json');
    writeFileSync(file, JSON.stringify(scenario));
    const io = captureIo();
    expect(await run(['replay', file], io)).toBe(EXIT.refused);
    expect(io.stderr).toContain(`command ${vote + 1} refused: OverVote at commands[${vote}].payload.for`);
    expect(io.stdout).toBe('');
  });

  it('rejects a malformed scenario before running anything, naming the path', async () => {
    const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
    const at = scenario.commands.findIndex((c: { type: string }) => c.type === 'RecordEntitlements');
    scenario.commands[at].payload.holders[0].shares = 1.5;
    const file = join(mkdtempSync(join(tmpdir(), 'govrec-')), 'bad.json');
    writeFileSync(file, JSON.stringify(scenario));
    const io = captureIo();
    expect(await run(['replay', file], io)).toBe(EXIT.usage);
    expect(io.stderr).toContain(
      `command ${at + 1} refused: Invalid:ShareCount at commands[${at}].payload.holders[0].shares`,
    );
  });

  it('refuses a misspelt field rather than ignoring it', async () => {
    const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
    const at = scenario.commands.findIndex(
      (c: { type: string; payload: { shares?: number } }) => c.type === 'LodgeProxy' && c.payload.shares,
    );
    scenario.commands[at].payload.share = scenario.commands[at].payload.shares;
    delete scenario.commands[at].payload.shares;
    const file = join(mkdtempSync(join(tmpdir(), 'govrec-')), 'typo.json');
    writeFileSync(file, JSON.stringify(scenario));
    const io = captureIo();
    expect(await run(['replay', file], io)).toBe(EXIT.usage);
    expect(io.stderr).toContain(`Invalid:UnknownField at commands[${at}].payload.share`);
  });

  it('explains bad usage with exit code 2', async () => {
    for (const args of [
      ['replay'],
      ['replay', SCENARIO_PATH, '--format', 'xml'],
      ['frobnicate'],
      ['replay', '/no/such/file.json'],
    ]) {
      const io = captureIo();
      expect(await run(args, io)).toBe(EXIT.usage);
      expect(io.stderr.length).toBeGreaterThan(0);
    }
  });

  it('runs as the installed bin from the compiled build', () => {
    const bin = join(ROOT, 'bin', 'govrec.js');
    if (!existsSync(join(ROOT, 'dist', 'infra', 'cli', 'main.js')))
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT });
    const out = execFileSync(process.execPath, [bin, 'replay', SCENARIO_PATH, '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(out).meetings[0].attendingShares).toBe(660025770);
  });
});

describe('a registrar’s own rule sets (--rule-sets)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-rules-'));
  const scenario = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
  for (const c of scenario.commands) if (c.type === 'ScheduleMeeting') c.payload.ruleSetId = 'JLMAG-ARTICLES';
  const scenarioPath = join(dir, 'scenario.json');
  writeFileSync(scenarioPath, JSON.stringify(scenario));
  const custom = {
    ...RULE_SETS.get('PRC-HKEX-H')!,
    id: 'JLMAG-ARTICLES',
    name: "JL MAG's articles of association",
  };

  it('decides meetings under a rule set loaded from a file', async () => {
    const rules = join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ ruleSets: [custom] }));
    const withRules = captureIo();
    expect(await run(['replay', scenarioPath, '--format', 'json', '--rule-sets', rules], withRules)).toBe(
      EXIT.ok,
    );
    const shipped = captureIo();
    await run(['replay', SCENARIO_PATH, '--format', 'json'], shipped);
    expect(withRules.stdout).toBe(shipped.stdout);
  });

  it('refuses a scenario naming a rule set that is not loaded', async () => {
    const io = captureIo();
    expect(await run(['replay', scenarioPath], io)).toBe(EXIT.refused);
    expect(io.stderr).toContain('UnknownRuleSet at commands[0].payload.ruleSetId');
  });

  it('refuses a rule set file with a misspelt field, naming it', async () => {
    const rules = join(dir, 'bad-rules.json');
    writeFileSync(rules, JSON.stringify({ ruleSets: [{ ...custom, proxyDeadlineHour: 24 }] }));
    const io = captureIo();
    expect(await run(['replay', scenarioPath, '--rule-sets', rules], io)).toBe(EXIT.usage);
    expect(io.stderr).toContain('InvalidRuleSet at ruleSets[0].proxyDeadlineHour');
  });
});

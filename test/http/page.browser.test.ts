import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { GovrecCommand } from '../../src/domain/commands';
import { expectedMeeting, MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { CUMULATIVE_EXAMPLE_PATH } from '../golden/example-scenarios';
import { scenarioCommands } from '../../src/application/scenario';
import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import { launchChromium } from '../support/chromium';

/** What a company secretary sees: the page in a real browser (headless Chromium: see ../support/chromium). */
const REGISTRAR_KEY = 'page-test-registrar';

let browser: Browser;
const opened: { serving: Serving; store: SqliteEventStore; readModels: SqliteReadModels; dir: string }[] = [];

async function served(commands: readonly GovrecCommand[]): Promise<Serving> {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-page-'));
  const store = new SqliteEventStore(join(dir, 'govrec.db'));
  const readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  const keys = ApiKeys.of([
    { sha256: sha256(REGISTRAR_KEY).toString('hex'), actor: 'registrar:page', role: 'REGISTRAR' },
  ]);
  const serving = await serve({ store, readModels, keys, port: 0, seedIfEmpty: commands });
  opened.push({ serving, store, readModels, dir });
  return serving;
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const o of opened) {
    await o.serving.close();
    o.readModels.close();
    await o.store.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

it('shows each reference meeting’s attendance and poll results table as announced', async () => {
  const serving = await served(referenceCommands());
  const page = await browser.newPage();
  await page.goto(`${serving.address}/`);
  for (const [referenceId, meetingId] of Object.entries(MEETING_IDS)) {
    const expected = expectedMeeting(referenceId);
    const section = page.locator(`section[data-meeting="${meetingId}"]`);
    await section.locator('tbody tr').first().waitFor();
    await expect(section.locator('.attendance').innerText()).resolves.toContain(
      `${expected.attendingShares.toLocaleString('en-US')} of ${expected.sharesEntitledToVote.toLocaleString('en-US')} entitled (${expected.attendingPercent}%)`,
    );
    const rows = await Promise.all(
      (await section.locator('table.results tbody tr').all()).map(async (row) =>
        (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      ),
    );
    expect(rows.map((cells) => cells.filter((_, i) => i !== 3))).toEqual(
      expected.resolutions.map((r) => {
        const n = (v: unknown) => (v as number).toLocaleString('en-US');
        return [
          `${r.no}.`,
          r.title,
          r.type,
          `${n(r.for)} (${r.forPct}%)`,
          `${n(r.against)} (${r.againstPct}%)`,
          `${n(r.abstain)} (${r.abstainPct}%)`,
          r.passed ? 'Passed' : 'Not passed',
        ];
      }),
    );
  }
  await page.close();
});

it('updates the table live as votes arrive', async () => {
  const all = referenceCommands();
  const serving = await served(
    all.slice(
      0,
      all.findIndex((c) => c.type === 'CastVote'),
    ),
  );
  const page = await browser.newPage();
  await page.goto(`${serving.address}/`);
  const forCell = page.locator(
    `section[data-meeting="${MEETING_IDS.EGM}"] tr[data-resolution="jlmag-2023-r1"] td:nth-child(5)`,
  );
  const shown = async () => (await forCell.innerText()).replace(/\s+/g, ' ').trim();
  await expect(shown()).resolves.toBe('0 (0.0000%)');

  const response = await fetch(`${serving.address}/api/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${REGISTRAR_KEY}` },
    body: JSON.stringify({
      type: 'CastVote',
      commandId: 'page-vote-1',
      payload: {
        resolutionId: 'jlmag-2023-r1',
        meetingId: MEETING_IDS.EGM,
        holderId: 'A-0004',
        for: 200,
        against: 0,
        abstain: 0,
      },
    }),
  });
  expect(response.status).toBe(201);
  for (let i = 0; i < 200 && (await shown()) !== '200 (100.0000%)'; i++) await page.waitForTimeout(50);
  await expect(shown()).resolves.toBe('200 (100.0000%)');
  await page.close();
});

it('shows each election’s candidates with their votes and whether they were elected', async () => {
  const commands = scenarioCommands(JSON.parse(readFileSync(CUMULATIVE_EXAMPLE_PATH, 'utf8')));
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  const serving = await served(commands.right);
  const page = await browser.newPage();
  await page.goto(`${serving.address}/`);
  const table = page.locator('table[data-election="prc-2026-e4"]');
  await table.locator('tbody tr').first().waitFor();
  const rows = await Promise.all(
    (await table.locator('tbody tr').all()).map(async (row) =>
      (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
    ),
  );
  expect(rows).toEqual([
    ['4.01', 'Prof. Chen Hua', '900,000 (75.0000%)', 'Elected'],
    ['4.02', 'Mr. Liu Yang', '650,000 (54.1667%)', 'Not elected (tied for the last seat)'],
    ['4.03', 'Ms. Sun Li', '650,000 (54.1667%)', 'Not elected (tied for the last seat)'],
  ]);
  await page.close();
});

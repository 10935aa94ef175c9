import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { AnnouncementOptions } from '../../src/projections/announcement';
import { ApiKeys } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { EXPECTED, MEETING_IDS, referenceCommands, ROOT } from '../golden/reference-scenario';
import { launchChromium } from '../support/chromium';
import { pdfText } from '../support/pdf-text';

/**
 * The announcement ready to file, in a real browser and as a PDF printed by the same headless
 * Chromium: the PDF's text, read back by PDF.js, states every reference figure in English and in
 * Chinese, with the terms each language's filings use.
 */
const OPTIONS = JSON.parse(
  readFileSync(join(ROOT, 'examples', 'jlmag-2023-11-23', 'announcement-options.json'), 'utf8'),
) as AnnouncementOptions;

let browser: Browser;
let serving: Serving;
let store: SqliteEventStore;
let readModels: SqliteReadModels;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-announcement-'));
  store = new SqliteEventStore(join(dir, 'govrec.db'));
  readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  serving = await serve({
    store,
    readModels,
    keys: ApiKeys.none(),
    port: 0,
    seedIfEmpty: referenceCommands(),
    announcementOptions: OPTIONS,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
  readModels?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every cell of the reference's poll tables: "659,910,462 (99.9825%)", white space dropped. */
const referenceCells = (): string[] =>
  (EXPECTED.meetings as { resolutions: Record<string, unknown>[] }[]).flatMap((m) =>
    m.resolutions.flatMap((r) =>
      (['for', 'against', 'abstain'] as const).map(
        (k) => `${(r[k] as number).toLocaleString('en-US')}(${r[`${k}Pct`] as string}%)`,
      ),
    ),
  );

const squeezed = (pages: readonly string[]) => pages.join('').replace(/\s+/g, '');

describe.each([
  ['en', ['FOR', 'AGAINST', 'ABSTAIN', 'ORDINARY RESOLUTION', 'SPECIAL RESOLUTIONS', 'November 23, 2023']],
  ['zh-Hant', ['贊成', '反對', '棄權', '普通決議案', '特別決議案', '2023年11月23日', '投票表決結果公告']],
] as const)('the %s PDF', (language, terms) => {
  let text: string;
  beforeAll(async () => {
    const response = await fetch(`${serving.address}/api/announcement?format=pdf&lang=${language}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    text = squeezed(await pdfText(pdf));
  });

  it('states every figure of the reference poll', () => {
    const cells = referenceCells();
    expect(cells).toHaveLength(30);
    for (const cell of cells) expect(text).toContain(cell);
    for (const m of EXPECTED.meetings as { attendingShares: number; attendingPercent: string }[]) {
      expect(text).toContain(m.attendingShares.toLocaleString('en-US'));
      expect(text).toContain(`${m.attendingPercent}%`);
    }
  });

  it('uses the terms of its language, in glyphs the PDF carries', () => {
    for (const term of terms) expect(text).toContain(term.replace(/\s+/g, ''));
    expect(text).not.toContain('\u0000');
  });
});

describe.each(['en', 'zh-Hant'])('the %s announcement page', (language) => {
  it('is styled as a filing under its own strict policy, nothing blocked', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const response = await page.goto(
      `${serving.address}/announcement?meeting=${MEETING_IDS.EGM}&lang=${language}`,
    );
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(errors).toEqual([]);
    const figure = await page.evaluate<{ align: string; border: string }>(
      `(() => { const s = getComputedStyle(document.querySelector('td.n')); return { align: s.textAlign, border: s.borderTopStyle }; })()`,
    );
    expect(figure).toEqual({ align: 'right', border: 'solid' });
    // Only the meeting clicked: the EGM's tables, not the class meetings'.
    await expect(page.locator('table').count()).resolves.toBe(2);
    await page.close();
  });
});

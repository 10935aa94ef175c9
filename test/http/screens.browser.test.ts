import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { expectedMeeting, MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { launchChromium } from '../support/chromium';

/**
 * Every screen in a real browser (headless Chromium, ../support/chromium): whole with JavaScript
 * off, no wider than a 360-pixel phone, readable in print, and nothing the page's own CSP blocks.
 */
const REGISTRAR_KEY = 'screens-registrar';
let browser: Browser;
let serving: Serving;
let store: SqliteEventStore;
let readModels: SqliteReadModels;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-screens-'));
  store = new SqliteEventStore(join(dir, 'govrec.db'));
  readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  const keys = ApiKeys.of([
    { sha256: sha256(REGISTRAR_KEY).toString('hex'), actor: 'registrar:screens', role: 'REGISTRAR' },
  ]);
  serving = await serve({ store, readModels, keys, port: 0, seedIfEmpty: referenceCommands() });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await serving?.close();
  readModels?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SCREENS: readonly { name: string; path: string; keyed?: boolean; shows: string }[] = [
  { name: 'results', path: '/', shows: 'JL MAG RARE-EARTH CO., LTD.' },
  { name: 'one meeting', path: `/meetings/${MEETING_IDS.EGM}`, shows: 'Majority needed' },
  { name: 'meeting picker', path: '/meetings', shows: 'The first extraordinary general meeting of 2023' },
  { name: 'audit trail', path: `/audit?meeting=${MEETING_IDS.EGM}`, shows: 'entries match' },
  { name: 'proxy register', path: `/meetings/${MEETING_IDS.EGM}/proxies`, keyed: true, shows: 'PX-A2-egm' },
  { name: 'holder history', path: '/holders/A-0002', keyed: true, shows: 'To consider and approve' },
];

async function opened(path: string, options: BrowserContextOptions & { keyed?: boolean }): Promise<Page> {
  const { keyed, ...context } = options;
  const page = await (
    await browser.newContext({
      ...context,
      ...(keyed ? { httpCredentials: { username: 'registrar', password: REGISTRAR_KEY } } : {}),
    })
  ).newPage();
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') blocked.push(m.text());
  });
  const response = await page.goto(`${serving.address}${path}`);
  expect(response?.status()).toBe(200);
  expect(blocked).toEqual([]);
  return page;
}

describe.each(SCREENS)('the $name screen', ({ path, keyed, shows }) => {
  it('is whole with JavaScript disabled', async () => {
    const page = await opened(path, { javaScriptEnabled: false, keyed });
    const text = await page.locator('main').innerText();
    expect(text).toContain(shows);
    expect(text).not.toContain('Loading');
    await page.context().close();
  });

  it('fits a 360-pixel phone: the page never scrolls sideways, wide tables scroll in their own box', async () => {
    const page = await opened(path, { viewport: { width: 360, height: 740 }, keyed });
    // Evaluated in the page (as text: the tests are compiled without the DOM's types).
    const widths = await page.evaluate<{ page: number; view: number }>(
      '({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth })',
    );
    const wide = await page.evaluate<string[]>(
      `[...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 361 && !e.closest('.scroll'))
        .map((e) => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)`,
    );
    expect(wide).toEqual([]);
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const boxes = await page.evaluate<number[]>(
      `[...document.querySelectorAll('table')].map((t) => (t.closest('.scroll') ?? t).getBoundingClientRect().right)`,
    );
    for (const right of boxes) expect(right).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('prints without the navigation, its content in black', async () => {
    const page = await opened(path, { keyed });
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.site nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('main').isVisible()).resolves.toBe(true);
    const colour = await page.evaluate<string>('getComputedStyle(document.body).color');
    expect(colour).toBe('rgb(0, 0, 0)');
    await page.context().close();
  });
});

it('prints the chart in colour with its figures written beside each bar', async () => {
  const page = await opened(`/meetings/${MEETING_IDS.EGM}`, {});
  await page.emulateMedia({ media: 'print' });
  const chart = page.locator('svg.chart');
  await expect(chart.isVisible()).resolves.toBe(true);
  await expect(chart.getAttribute('role')).resolves.toBe('img');
  const labels = await chart.locator('text').allTextContents();
  for (const r of expectedMeeting('EGM').resolutions)
    expect(labels).toContain(`FOR ${r.forPct}% · AGAINST ${r.againstPct}%`);
  const adjust = await page.evaluate<string>(
    `getComputedStyle(document.querySelector('svg.chart')).getPropertyValue('print-color-adjust')`,
  );
  expect(adjust).toBe('exact');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.context().close();
});

it('asks the browser for a key before showing the proxy register', async () => {
  const page = await (await browser.newContext()).newPage();
  const response = await page.goto(`${serving.address}/meetings/${MEETING_IDS.EGM}/proxies`);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body').innerText()).resolves.not.toContain('PX-');
  await page.context().close();
});

it('follows the Announcement link of the meeting clicked, and Audit trail to a page', async () => {
  const page = await opened('/', {});
  const section = page.locator(`section[data-meeting="${MEETING_IDS.EGM}"]`);
  await section.getByRole('link', { name: 'Audit trail' }).click();
  expect(page.url()).toBe(`${serving.address}/audit?meeting=${MEETING_IDS.EGM}`);
  await expect(page.locator('table.audit').isVisible()).resolves.toBe(true);
  await page.goBack();
  await section.getByRole('link', { name: 'Announcement' }).click();
  expect(page.url()).toBe(`${serving.address}/announcement?meeting=${MEETING_IDS.EGM}`);
  await page.context().close();
});

describe('the results as at a moment', () => {
  /** The EGM's votes on resolution 1, as recorded, with their positions. */
  const votesOnR1 = async () =>
    (await store.readAll({}))
      .filter((e) => e.type === 'VoteCast')
      .map((e) => ({
        position: e.position,
        data: e.data as { meetingId: string; resolutionId: string; votes: { for: number } },
      }))
      .filter((e) => e.data.meetingId === MEETING_IDS.EGM && e.data.resolutionId === 'jlmag-2023-r1');

  const forOfR1 = async (page: Page) =>
    (await page.locator(`tr[data-resolution="jlmag-2023-r1"] td:nth-child(5)`).innerText())
      .replace(/\s+/g, ' ')
      .trim();

  it('shows the tally mid-poll, with JavaScript off: the first vote alone, then none before it', async () => {
    const [first, second] = await votesOnR1();
    expect(second).toBeDefined();
    const page = await opened(`/meetings/${MEETING_IDS.EGM}?asAt=${first.position}`, {
      javaScriptEnabled: false,
    });
    await expect(forOfR1(page)).resolves.toMatch(
      new RegExp(`^${first.data.votes.for.toLocaleString('en-US')} \\(`),
    );
    await expect(page.locator('dd.status').getAttribute('data-status')).resolves.toBe('POLL_OPEN');
    await expect(page.locator('main p.meta').first().innerText()).resolves.toContain(
      `As at position ${first.position}`,
    );
    // No certificate or verdict from later on, and no live updates for a moment past.
    await expect(page.locator('.seal-root').count()).resolves.toBe(0);
    await expect(page.locator('script').count()).resolves.toBe(0);
    await page.goto(`${serving.address}/meetings/${MEETING_IDS.EGM}?asAt=${first.position - 1}`);
    await expect(forOfR1(page)).resolves.toMatch(/^0 /);
    await page.context().close();
  });

  it('takes a time, and refuses a moment that is neither a position nor a time', async () => {
    const page = await opened(`/?asAt=${encodeURIComponent('2023-11-23T14:05:00+08:00')}`, {});
    await expect(
      page.locator(`section[data-meeting="${MEETING_IDS.EGM}"] dd.status`).getAttribute('data-status'),
    ).resolves.toBe('DRAFT');
    const bad = await page.goto(`${serving.address}/?asAt=yesterday`);
    expect(bad?.status()).toBe(400);
    await page.context().close();
  });
});

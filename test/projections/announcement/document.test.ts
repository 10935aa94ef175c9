import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { announcementFromEvents, AnnouncementOptions } from '../../../src/projections/announcement';
import { announcementDocument } from '../../../src/projections/announcement/document';
import { runsOfKind } from '../../../src/projections/announcement/poll';
import { ResolutionView } from '../../../src/projections/results/view';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { referenceCommands, ROOT } from '../../golden/reference-scenario';
import { recordedEvents } from '../recorded';

/** The announcement as a filing: one self-contained, styled HTML document in either language. */
const OPTIONS = JSON.parse(
  readFileSync(join(ROOT, 'examples', 'jlmag-2023-11-23', 'announcement-options.json'), 'utf8'),
) as AnnouncementOptions;

let events: RecordedDomainEvent[];
beforeAll(async () => {
  events = await recordedEvents(referenceCommands());
});

describe.each(['en', 'zh-Hant'] as const)('the %s document', (language) => {
  const document = () => announcementDocument(announcementFromEvents(events, OPTIONS, undefined, language));

  it('is whole and self-contained: its style inline, nothing fetched, no script', () => {
    const html = document();
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toMatch(/<style>[\s\S]*@page \{ size: A4;/);
    expect(html).not.toMatch(/<script|<link|\ssrc=|url\(/i);
  });

  it('sets the masthead apart and right-aligns every figure in bordered tables', () => {
    const html = document();
    const masthead = html.slice(html.indexOf('<header class="masthead">'), html.indexOf('</header>'));
    expect(masthead).toContain('6680');
    expect(masthead).not.toContain('Hong Kong Exchanges');
    expect(masthead).not.toContain('香港交易及結算所');
    const figures = [...html.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(figures).toHaveLength(30);
    for (const f of figures) expect(f).toMatch(/^[\d,]+ \(\d+\.\d{4}%\)$/);
    expect(html).toMatch(/th, td \{ border: 0\.75pt solid #000;/);
  });
});

it('keeps resolutions in the notice’s order: a table for each run of one kind', () => {
  const r = (no: number, type: 'ordinary' | 'special') => ({ no, type }) as ResolutionView;
  const runs = runsOfKind([r(3, 'ordinary'), r(1, 'ordinary'), r(2, 'special'), r(4, 'special')]);
  expect(runs.map((run) => run.map((x) => x.no))).toEqual([[1], [2], [3], [4]]);
  const grouped = runsOfKind([r(1, 'ordinary'), r(2, 'special'), r(3, 'special'), r(4, 'special')]);
  expect(grouped.map((run) => run.map((x) => x.no))).toEqual([[1], [2, 3, 4]]);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { announcementFromEvents, AnnouncementOptions } from '../../src/projections/announcement';
import { announcementText } from '../../src/projections/announcement/text';
import { RecordedDomainEvent } from '../../src/projections/shared/recorded-event';
import { referenceCommands, ROOT } from './reference-scenario';
import { recordedEvents } from '../projections/recorded';

/**
 * The reference case's announcement in Traditional Chinese, digit for digit and character for
 * character against its golden file; and every figure it states is the English version's, in the
 * same order. GOVREC_UPDATE_GOLDEN=1 rewrites the golden file (then read the diff before committing).
 */
const GOLDEN = join(ROOT, 'test', 'fixtures', 'jlmag-2023-11-23', 'announcement.zh-Hant.txt');
const OPTIONS = JSON.parse(
  readFileSync(join(ROOT, 'examples', 'jlmag-2023-11-23', 'announcement-options.json'), 'utf8'),
) as AnnouncementOptions;

let events: RecordedDomainEvent[];
beforeAll(async () => {
  events = await recordedEvents(referenceCommands());
});

const chinese = () => announcementText(announcementFromEvents(events, OPTIONS, undefined, 'zh-Hant'));
const english = () => announcementText(announcementFromEvents(events, OPTIONS));

it('is the golden Chinese announcement, character for character', () => {
  if (process.env.GOVREC_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, chinese());
  expect(chinese()).toBe(readFileSync(GOLDEN, 'utf8'));
});

it('uses the terms Chinese filings use', () => {
  const text = chinese();
  for (const term of [
    '贊成',
    '反對',
    '棄權',
    '普通決議案',
    '特別決議案',
    '2023年11月23日（星期四）',
    '（股份代號：6680）',
  ])
    expect(text).toContain(term);
  expect(text).not.toMatch(/\b(FOR|AGAINST|ABSTAIN|ORDINARY|SPECIAL)\b/);
});

/** Every figure in the poll tables, in order: "659,910,462 (99.9825%)" and the rest. */
const tableFigures = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => /^\d+\.\t/.test(line))
    .flatMap((line) => line.split('\t').slice(2));

/** Every share count and percentage stated in running text, in order. */
const textFigures = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => !/^\d+\.\t/.test(line) && !/\t/.test(line))
    .flatMap((line) => line.match(/\d{1,3}(?:,\d{3})+|\d+\.\d{4}%/g) ?? []);

it('states every figure the English version states, in the same order', () => {
  const zh = chinese();
  const en = english();
  expect(tableFigures(zh)).toEqual(tableFigures(en));
  expect(tableFigures(zh).length).toBe(3 * 10);
  expect(textFigures(zh)).toEqual(textFigures(en));
});

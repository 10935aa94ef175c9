import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { referenceCommands, ROOT } from '../../golden/reference-scenario';
import { recordedEvents } from '../recorded';

/**
 * The reference case: the results section of JL MAG's published announcement of 23 November 2023,
 * line by line, generated from the events its scenario records. Whitespace is normalised (runs
 * collapsed, lines trimmed, blank lines dropped) and the reference's ** bold markers stripped; its
 * curly quotes stay and must be generated.
 */
const REFERENCE = readFileSync(
  join(ROOT, 'test', 'fixtures', 'jlmag-2023-11-23', 'announcement.txt'),
  'utf8',
);

/** What the reference cannot tell from the events, as its drafting does it. */
const OPTIONS = { noVotingIntentionsStated: true, nonCumulativeStatedFor: ['ORDINARY'] as const };

const normalise = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');

/** From "1. Convening of the Meetings" to the last line ending "respectively.". */
function resultsSection(lines: readonly string[]): string[] {
  const start = lines.indexOf('1. Convening of the Meetings');
  const end = lines.map((l) => l.endsWith('respectively.')).lastIndexOf(true);
  if (start < 0 || end < start) throw new Error('No results section');
  return lines.slice(start, end + 1);
}

let events: RecordedDomainEvent[];
let generated: string[];

beforeAll(async () => {
  events = await recordedEvents(referenceCommands());
  generated = normalise(announcementText(announcementFromEvents(events, OPTIONS)));
});

describe('the reference announcement, generated from events', () => {
  const reference = resultsSection(normalise(REFERENCE.replace(/\*\*/g, '')));

  it('has a results section of the reference length', () => {
    expect(reference.length).toBeGreaterThan(30);
    expect(resultsSection(generated)).toHaveLength(reference.length);
  });

  it.each(reference.map((line, i) => [i + 1, line]))('results line %i equals the reference', (i, line) => {
    expect(resultsSection(generated)[(i as number) - 1]).toBe(line);
  });

  it('opens with the company, the meetings and the issued shares, taken from the events', () => {
    const text = generated.join('\n');
    expect(generated).toContain('JL MAG RARE-EARTH CO., LTD.');
    expect(generated).toContain('(Stock Code: 6680)');
    expect(generated).toContain(
      'POLL RESULTS OF THE FIRST EXTRAORDINARY GENERAL MEETING OF 2023, THE SECOND A SHARES CLASS MEETING OF 2023 AND THE SECOND H SHARES CLASS MEETING OF 2023 HELD ON NOVEMBER 23, 2023',
    );
    expect(generated).toContain(
      'POLL RESULTS OF THE EXTRAORDINARY GENERAL MEETING, THE A SHARES CLASS MEETING AND THE H SHARES CLASS MEETING HELD ON NOVEMBER 23, 2023',
    );
    expect(text).toContain(
      'the first extraordinary general meeting of 2023 (the “EGM”), the second A shares class meeting of 2023 (the “A Shares Class Meeting”) and the second H shares class meeting of 2023 (the “H Shares Class Meeting”, together with the EGM and the A Shares Class Meeting, collectively referred to as the “Meetings”) have been held at the conference room of Ganzhou Jinjiang International Hotel, 88 Jindongbei Road, Zhanggong District, Ganzhou City, Jiangxi Province, the PRC on Thursday, November 23, 2023 and all the resolutions set out below were voted by way of poll.',
    );
    expect(text).toContain('and the circular (the “Circular”) of the Company all dated November 6, 2023.');
    expect(text).toContain(
      'As at the date of the EGM, the total number of issued shares of the Company (the “Shares”) was 1,342,540,451 Shares (including 1,141,794,851 A Shares and 200,745,600 H Shares).',
    );
  });

  it('names the scrutineers and the directors who attended, as the events record them', () => {
    const text = generated.join('\n');
    expect(text).toContain(
      "the Company appointed Computershare Hong Kong Investor Services Limited (the Company’s H share registrar), the supervisor of the Company, the representative of the Company's shareholders, and Jingtian & Gongcheng (the Company’s PRC legal adviser) to act as the scrutineers for the vote-taking at the Meetings.",
    );
    expect(text).toContain(
      'The Company had 9 Directors as at the time of the Meetings. Mr. Cai Baogui and Mr. Lyu Feng, the executive Directors, and Mr. Zhu Yuhua and Ms. Cao Ying, the independent non-executive Directors, attended the EGM in person or by electronic means, whereas the other Directors did not attend the EGM.',
    );
  });

  it('states no voting intentions and no voting system unless told: the events do not record them', () => {
    const plain = normalise(announcementText(announcementFromEvents(events)));
    expect(plain.join('\n')).not.toContain('intention to vote against');
    expect(plain.join('\n')).not.toContain('non-cumulative');
  });
});

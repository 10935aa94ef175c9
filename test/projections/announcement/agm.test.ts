import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { hkAgmCommands } from '../hk-agm-scenario';
import { recordedEvents } from '../recorded';

/**
 * A second case built from commands, unlike the reference: a Hong Kong company's AGM under HK-CAP622,
 * one class, majorities of votes cast, a failed special resolution, a holder barred from voting on
 * resolution 2 and one from voting in favour of resolution 3. The figures below were worked out by
 * hand from the scenario's votes (see hk-agm-scenario.ts), not read off the generator.
 */
let events: RecordedDomainEvent[];
let lines: string[];

const normalise = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');

beforeAll(async () => {
  events = await recordedEvents(hkAgmCommands());
  lines = normalise(announcementText(announcementFromEvents(events)));
});

const between = (first: string, last: string) => lines.slice(lines.indexOf(first), lines.indexOf(last) + 1);

describe('an HK-CAP622 AGM with a failed special resolution and required abstentions', () => {
  it('convenes one meeting, stating the shares entitled on each resolution and who had to abstain', () => {
    expect(between('1. Convening of the AGM', '2. Poll Results of the AGM')).toEqual([
      '1. Convening of the AGM',
      // 1,000,000 on the register; on resolution 2, less ORD-1's 400,000.
      'The total number of Shares entitling the holders to attend and vote in respect of the respective resolutions at the AGM was 1,000,000 Shares, save for resolution No. 2, in respect of which it was 600,000 Shares (approximately 60.0000% of the issued Shares).',
      // The register names both holders, and the announcement names them.
      'Mr. Chan Tai Man, holding 100,000 Shares, was required to abstain from voting in favour of resolution No. 3 at the AGM according to Rule 13.40 of the Rules Governing the Listing of Securities on the Hong Kong Stock Exchange (the “Hong Kong Listing Rules”). Lantern Family Trust, holding 400,000 Shares (approximately 40.0000% of the issued Shares), was required to abstain from voting on resolution No. 2 at the AGM according to the Hong Kong Listing Rules.',
      // 400,000 + 450,000 + 100,000 + 30,000 of 1,000,000.
      'The total number of Shares with voting rights represented by the shareholders of the Company (the “Shareholders”) attending the AGM in person or by proxy was 980,000 Shares, representing approximately 98.0000% of the total number of Shares.',
      '2. Poll Results of the AGM',
    ]);
  });

  it('tables the ordinary and the special resolutions apart, every percentage of a row of the votes cast', () => {
    const table = between(
      'ORDINARY RESOLUTIONS NUMBER OF VOTES (%)',
      '4. To adopt the new articles of association 700,000 (71.4286%) 280,000 (28.5714%) 0',
    );
    expect(table).toEqual([
      'ORDINARY RESOLUTIONS NUMBER OF VOTES (%)',
      'FOR AGAINST ABSTAIN',
      // 970,000 / 980,000 = 98.97959…; 10,000 / 980,000 = 1.02040…
      '1. To receive the audited financial statements for the year ended 31 December 2023 970,000 (98.9796%) 10,000 (1.0204%) 0',
      // ORD-4's rejected AGAINST is out; its second slip abstains. 400,000 / 550,000 = 72.7272…; the
      // 30,000 abstaining are no votes cast, so they have no percentage (before: 5.1724% of another
      // total, a row summing to 105.1724%).
      '2. To approve the <lease> agreement with "Lantern" Family Trust & its associates 400,000 (72.7273%) 150,000 (27.2727%) 30,000',
      // 850,000 / 950,000 = 89.47368…; 100,000 / 950,000 = 10.52631…
      '3. To grant a general mandate to issue new shares 850,000 (89.4737%) 100,000 (10.5263%) 30,000',
      'SPECIAL RESOLUTION NUMBER OF VOTES (%)',
      'FOR AGAINST ABSTAIN',
      // 700,000 / 980,000 = 71.42857…, short of three-quarters.
      '4. To adopt the new articles of association 700,000 (71.4286%) 280,000 (28.5714%) 0',
    ]);
  });

  it('says which resolutions passed and which failed, in the words of the HK-CAP622 majorities', () => {
    expect(lines).toContain(
      'The above resolutions No. 1 to 3 are ordinary resolutions, each of which has been passed by votes representing more than one half of the votes cast by the Shareholders (including their proxies) attending the AGM, respectively.',
    );
    expect(lines).toContain(
      'The above resolution No. 4 is a special resolution, which has not been passed, as it did not receive votes representing no less than three-quarters of the votes cast by the Shareholders (including their proxies) attending the AGM.',
    );
  });

  it('opens with one meeting held, its notice and circular, its scrutineer and its directors', () => {
    const text = lines.join('\n');
    expect(lines).toContain('POLL RESULTS OF THE ANNUAL GENERAL MEETING OF 2024 HELD ON JUNE 14, 2024');
    expect(text).toContain(
      // Resolution No. 4 failed: the Board announces, without being "pleased".
      '(the “Company”) announces that the annual general meeting of 2024 (the “AGM”) was held at Island Ballroom, 1 Harbour Road, Wan Chai, Hong Kong on Friday, June 14, 2024 and all the resolutions',
    );
    expect(text).toContain(
      'Reference is made to the notice of the AGM and the circular (the “Circular”) of the Company both dated May 20, 2024.',
    );
    expect(text).toContain(
      'the total number of issued shares of the Company (the “Shares”) was 1,000,000 Shares.',
    );
    expect(text).toContain(
      'the Company appointed Tricor Investor Services Limited (the Company’s branch share registrar) to act as the scrutineer for the vote-taking at the AGM.',
    );
    expect(text).toContain(
      'The Company had 3 Directors as at the time of the AGM. Mr. Wong Kai Ming, the executive Director, and Ms. Lau Wing Yee, the independent non-executive Director, attended the AGM in person or by electronic means, whereas the other Directors did not attend the AGM.',
    );
  });

  it('has no wording of the reference the events do not call for', () => {
    const text = lines.join('\n');
    expect(text).not.toMatch(
      /Meetings|Class Meeting|non-cumulative|respectively\.\nThe above resolutions are/,
    );
    expect(text).not.toContain('There were no Shareholders who were required to abstain');
  });

  it('ends with the closing block the caller gives, and the legal opinion where it belongs', () => {
    const text = announcementText(
      announcementFromEvents(events, {
        legalOpinion: 'Counsel witnessed the AGM and opined that it was validly convened.',
        closing: ['By order of the Board', 'Harbour Lantern Holdings Limited'],
      }),
    );
    expect(text.trimEnd().endsWith('By order of the Board\nHarbour Lantern Holdings Limited')).toBe(true);
    expect(text.indexOf('Counsel witnessed')).toBeGreaterThan(text.indexOf('to act as the scrutineer'));
    expect(text.indexOf('Counsel witnessed')).toBeLessThan(text.indexOf('1. Convening of the AGM'));
  });
});

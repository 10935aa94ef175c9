import { isLeft } from 'fp-ts/Either';
import { scenarioCommands } from '../../../src/application/scenario';
import { announcementFromEvents } from '../../../src/projections/announcement';
import {
  dayAndDate,
  listed,
  longDate,
  numbersPhrase,
  resolutionsPhrase,
} from '../../../src/projections/announcement/names';
import { announcementText } from '../../../src/projections/announcement/text';
import { recordedEvents } from '../recorded';

/**
 * A PRC issuer's EGM and H class meeting on two different days: a holder required to abstain at the
 * EGM only, and from voting in favour at both; two special resolutions failing at the class meeting
 * (one sentence for both); a resolution whose voting at the EGM was never closed. Figures by hand.
 */
const at = (day: number, time: string) => `2024-09-${String(day).padStart(2, '0')}T${time}:00+08:00`;
const c = (type: string, issuedAt: string, payload: object) => ({ type, issuedAt, payload });
const PLACE = 'The Pearl Hall, 8 Xiangjiang Road, Changsha, the PRC';

function meeting(meetingId: string, kind: string, title: string, shareClasses: object[], day: number) {
  return c('ScheduleMeeting', '2024-08-01T09:00:00+08:00', {
    meetingId,
    company: { name: 'Eastern Pearl Mining Co., Ltd.', stockCode: '1234' },
    kind,
    title,
    shareClasses,
    startsAt: at(day, '10:00'),
    place: PLACE,
    ruleSetId: 'PRC-HKEX-H',
  });
}

const A = { code: 'A', issuedShares: 600, votesPerShare: 1 };
const H = { code: 'H', issuedShares: 400, votesPerShare: 1 };
const H_HOLDERS = [
  { holderId: 'H1', shareClass: 'H', shares: 300 },
  { holderId: 'H2', shareClass: 'H', shares: 100 },
];
const circular = {
  title: 'Circular on related transactions and amendments to the articles',
  date: '2024-08-20',
};

function registered(meetingId: string, holders: object[], day: number) {
  return [
    c('IssueNotice', '2024-08-20T18:00:00+08:00', { meetingId, issuedOn: '2024-08-20', circular }),
    c('FixRecordDate', '2024-08-21T09:00:00+08:00', { meetingId, recordDate: '2024-09-03' }),
    c('RecordEntitlements', '2024-09-03T17:00:00+08:00', { meetingId, batch: 1, holders }),
    c('CloseRegister', '2024-09-03T17:05:00+08:00', { meetingId }),
    ...holders.map((h) =>
      c('RecordAttendance', at(day, '09:30'), {
        meetingId,
        holderId: (h as { holderId: string }).holderId,
        mode: 'IN_PERSON',
      }),
    ),
    c('OpenMeeting', at(day, '10:00'), { meetingId }),
    c('OpenPoll', at(day, '10:30'), { meetingId }),
  ];
}

const vote = (
  resolutionId: string,
  meetingId: string,
  holderId: string,
  day: number,
  f: number,
  a: number,
  x: number,
) => c('CastVote', at(day, '10:40'), { resolutionId, meetingId, holderId, for: f, against: a, abstain: x });
const closed = (meetingId: string, day: number, resolutionIds: string[]) => [
  c('ClosePoll', at(day, '11:00'), { meetingId }),
  ...resolutionIds.map((resolutionId) => c('CloseVoting', at(day, '11:05'), { resolutionId, meetingId })),
  c('CloseMeeting', at(day, '11:10'), { meetingId }),
];

const SCENARIO = {
  id: 'ep-2024',
  actor: 'registrar:test',
  commands: [
    meeting('ep-egm', 'EGM', 'The 2024 first extraordinary general meeting', [A, H], 10),
    meeting('ep-h', 'CLASS', 'The 2024 first H shares class meeting', [H], 11),
    c('ProposeResolution', '2024-08-20T17:00:00+08:00', {
      resolutionId: 'e1',
      title: 'To approve the related transaction with H2',
      kind: 'ORDINARY',
      meetings: [{ meetingId: 'ep-egm', number: 1 }],
      requiredToAbstain: [{ holderId: 'H2', scope: 'ALL' }],
    }),
    c('ProposeResolution', '2024-08-20T17:00:00+08:00', {
      resolutionId: 'e2',
      title: 'To amend the articles of association',
      kind: 'SPECIAL',
      meetings: [
        { meetingId: 'ep-egm', number: 2 },
        { meetingId: 'ep-h', number: 1 },
      ],
      requiredToAbstain: [{ holderId: 'H2', scope: 'IN_FAVOUR' }],
    }),
    c('ProposeResolution', '2024-08-20T17:00:00+08:00', {
      resolutionId: 'e3',
      title: 'To grant a mandate to repurchase H shares',
      kind: 'SPECIAL',
      meetings: [
        { meetingId: 'ep-egm', number: 3 },
        { meetingId: 'ep-h', number: 2 },
      ],
    }),
    ...registered('ep-egm', [{ holderId: 'A1', shareClass: 'A', shares: 600 }, ...H_HOLDERS], 10),
    vote('e1', 'ep-egm', 'A1', 10, 600, 0, 0),
    vote('e1', 'ep-egm', 'H1', 10, 0, 300, 0),
    vote('e2', 'ep-egm', 'A1', 10, 600, 0, 0),
    vote('e2', 'ep-egm', 'H1', 10, 300, 0, 0),
    vote('e2', 'ep-egm', 'H2', 10, 0, 100, 0),
    vote('e3', 'ep-egm', 'A1', 10, 600, 0, 0),
    vote('e3', 'ep-egm', 'H1', 10, 0, 300, 0),
    vote('e3', 'ep-egm', 'H2', 10, 0, 0, 100),
    // Voting on e3 at the EGM is never closed.
    ...closed('ep-egm', 10, ['e1', 'e2']),
    ...registered('ep-h', H_HOLDERS, 11),
    vote('e2', 'ep-h', 'H1', 11, 100, 200, 0),
    vote('e2', 'ep-h', 'H2', 11, 0, 100, 0),
    vote('e3', 'ep-h', 'H1', 11, 0, 300, 0),
    vote('e3', 'ep-h', 'H2', 11, 0, 0, 100),
    ...closed('ep-h', 11, ['e2', 'e3']),
  ],
};

let lines: string[];

beforeAll(async () => {
  const commands = scenarioCommands(SCENARIO);
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  const text = announcementText(announcementFromEvents(await recordedEvents(commands.right)));
  lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
});

describe('an EGM and an H class meeting on different days', () => {
  it('says when and where each was held', () => {
    expect(lines).toContain(
      'POLL RESULTS OF THE 2024 FIRST EXTRAORDINARY GENERAL MEETING HELD ON SEPTEMBER 10, 2024 AND THE 2024 FIRST H SHARES CLASS MEETING HELD ON SEPTEMBER 11, 2024',
    );
    expect(lines.join('\n')).toContain(
      // Two resolutions failed at the class meeting: the Board announces, without being "pleased".
      '(the “Company”) announces that the 2024 first extraordinary general meeting (the “EGM”) held at the Pearl Hall, 8 Xiangjiang Road, Changsha, the PRC on Tuesday, September 10, 2024 and the 2024 first H shares class meeting (the “H Shares Class Meeting”, together with the EGM, collectively referred to as the “Meetings”) held at the Pearl Hall, 8 Xiangjiang Road, Changsha, the PRC on Wednesday, September 11, 2024 have been held and all the resolutions',
    );
  });

  it('states the abstentions at the EGM in the general meeting’s words', () => {
    expect(lines).toContain(
      'The total number of Shares entitling the holders to attend and vote in respect of the respective resolutions at the EGM was 1,000 Shares, save for resolution No. 1, in respect of which it was 900 Shares (approximately 90.0000% of the issued Shares).',
    );
    expect(lines).toContain(
      'The holder of 100 Shares was required to abstain from voting in favour of resolution No. 2 at the EGM according to Rule 13.40 of the Rules Governing the Listing of Securities on the Hong Kong Stock Exchange (the “Hong Kong Listing Rules”). The holder of 100 Shares (approximately 10.0000% of the issued Shares) was required to abstain from voting on resolution No. 1 at the EGM according to the Hong Kong Listing Rules.',
    );
  });

  it('states the abstentions at the class meeting in the class meeting’s words, numbered as there', () => {
    expect(lines).toContain(
      'No H Shareholders were required to abstain from voting on the resolutions proposed at the H Shares Class Meeting according to the Hong Kong Listing Rules. The holder of 100 H Shares was required to abstain from voting in favor of resolution No. 1 at the H Shares Class Meeting as set out in Rule 13.40 of the Hong Kong Listing Rules. No H Shareholders were required to abstain from voting according to the Hong Kong Listing Rules.',
    );
    expect(lines).toContain(
      'The total number of H Shares with voting rights represented by the Shareholders attending the H Shares Class Meeting in person or by proxy was 400 Shares, representing approximately 100.0000% of the total number of H Shares.',
    );
  });

  it('tables each meeting’s figures, including a resolution still open', () => {
    expect(lines).toContain(
      '1. To approve the related transaction with H2 600 (66.6667%) 300 (33.3333%) 0 (0.0000%)',
    );
    expect(lines).toContain(
      '3. To grant a mandate to repurchase H shares 600 (60.0000%) 300 (30.0000%) 100 (10.0000%)',
    );
    expect(lines).toContain(
      '1. To amend the articles of association 100 (25.0000%) 300 (75.0000%) 0 (0.0000%)',
    );
    expect(lines).toContain(
      '2. To grant a mandate to repurchase H shares 0 (0.0000%) 300 (75.0000%) 100 (25.0000%)',
    );
  });

  it('says what passed, what is still open, and what failed, one sentence per like group', () => {
    const egm =
      'of the total Shares with valid voting rights held by the Shareholders (including their proxies) attending the EGM.';
    expect(lines).toContain(
      `The above resolution No. 1 is an ordinary resolution, which has been passed by votes representing no less than one half ${egm}`,
    );
    expect(lines).toContain(
      `The above resolution No. 2 is a special resolution, which has been passed by votes representing no less than two-thirds ${egm}`,
    );
    expect(lines).toContain('Voting on the above resolution No. 3 has not closed.');
    expect(lines).toContain(
      'The above resolutions are special resolutions, none of which has been passed, as none received votes representing no less than two-thirds of the total Shares with valid voting rights held by the Shareholders (including their proxies) attending the H Shares Class Meeting.',
    );
  });
});

describe('phrases', () => {
  it('cite resolution numbers as ranges and lists', () => {
    expect(numbersPhrase([1])).toBe('No. 1');
    expect(numbersPhrase([2, 3])).toBe('No. 2 and 3');
    expect(numbersPhrase([4, 2, 3])).toBe('No. 2 to 4');
    expect(numbersPhrase([1, 3, 5, 6, 7])).toBe('No. 1, 3 and 5 to 7');
    expect(resolutionsPhrase([1])).toBe('resolution No. 1');
    expect(resolutionsPhrase([2, 3, 4])).toBe('resolutions No. 2 to 4');
  });

  it('write dates as the reference does, weekday from the civil date', () => {
    expect(longDate('2023-11-06')).toBe('November 6, 2023');
    expect(dayAndDate('2023-11-23T14:00:00+08:00')).toBe('Thursday, November 23, 2023');
    // Just after midnight in Hong Kong is still the previous day in UTC: the date as written counts.
    expect(dayAndDate('2024-03-01T00:30:00+08:00')).toBe('Friday, March 1, 2024');
  });

  it('list with or without the serial comma', () => {
    expect(listed(['a'])).toBe('a');
    expect(listed(['a', 'b'], true)).toBe('a and b');
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listed(['a', 'b', 'c'], true)).toBe('a, b, and c');
  });
});

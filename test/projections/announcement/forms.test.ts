import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../../src/application/event-store';
import { toDomainEvent } from '../../../src/application/stored-events';
import { isLeft, isRight } from 'fp-ts/Either';
import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementFormNamed } from '../../../src/projections/announcement/forms';
import { announcementText } from '../../../src/projections/announcement/text';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { publishedCommands, PublishedMeeting } from '../../golden/published/scenario-builder';
import { recordedEvents } from '../recorded';

/** The announcement's form: named by the caller, else the meeting's presentation's, else HKEX. */
const meeting = (ruleSetId: string, id: string): PublishedMeeting => ({
  id,
  company: { name: 'Form Plc' },
  kind: 'AGM',
  title: 'Annual General Meeting 2024',
  ruleSetId,
  shareClasses: [{ code: 'ORD', issuedShares: 1_000, votesPerShare: 1 }],
  startsAt: '2024-07-18T11:00:00+01:00',
  place: 'London',
  noticeOn: '2024-06-10',
  recordDate: '2024-07-16',
  holders: [
    { holderId: 'N1', shareClass: 'ORD', shares: 600, attends: true },
    { holderId: 'N2', shareClass: 'ORD', shares: 400, attends: true },
  ],
  resolutions: [
    {
      id: `${id}-r1`,
      number: 1,
      title: 'To receive the accounts',
      kind: 'ORDINARY',
      votes: [
        ['N1', 600, 0, 0],
        ['N2', 0, 300, 100],
      ],
    },
  ],
});

let uk: RecordedDomainEvent[];
let hk: RecordedDomainEvent[];
beforeAll(async () => {
  uk = await recordedEvents(publishedCommands(meeting('UK-CA2006', 'uk-agm')));
  hk = await recordedEvents(publishedCommands(meeting('HK-CAP622', 'hk-agm')));
});

const RESULT_OF_AGM = 'Result of Annual General Meeting';
const HKEX = 'Poll Results of the AGM';

describe('the form of the announcement', () => {
  it('is the meeting presentation’s where the caller names none: UK-CA2006 publishes a Result of AGM', () => {
    const text = announcementText(announcementFromEvents(uk));
    expect(text).toContain(RESULT_OF_AGM);
    expect(text).toContain('600\t66.67\t300\t33.33\t900\t90.00%\t100');
  });

  it('is the HKEX poll results where the presentation names none', () => {
    expect(announcementText(announcementFromEvents(hk))).toContain(HKEX);
  });

  it('is the caller’s where it names one, over the presentation’s', () => {
    expect(announcementText(announcementFromEvents(uk, { form: 'HKEX_POLL_RESULTS' }))).toContain(HKEX);
    expect(announcementText(announcementFromEvents(hk, { form: 'UK_RESULT_OF_MEETING' }))).toContain(
      RESULT_OF_AGM,
    );
  });
});

describe('a form named by the CLI or the API', () => {
  it('is one of the forms, or none', () => {
    expect(announcementFormNamed('hkex', 'query.form')).toEqual({
      _tag: 'Right',
      right: 'HKEX_POLL_RESULTS',
    });
    expect(announcementFormNamed('uk-result-of-meeting', 'query.form')).toEqual({
      _tag: 'Right',
      right: 'UK_RESULT_OF_MEETING',
    });
    expect(isRight(announcementFormNamed(undefined, 'query.form'))).toBe(true);
  });

  it.each(['HKEX', 'uk', '', 'toString'])('refuses %j, naming the field and the forms allowed', (name) => {
    const named = announcementFormNamed(name, 'query.form');
    expect(isLeft(named) && named.left).toEqual({
      rule: 'Invalid:AnnouncementForm',
      field: 'query.form',
      message: `query.form takes hkex or uk-result-of-meeting, not ${JSON.stringify(name)}`,
    });
  });
});

describe('a stored record of MeetingScheduled version 5', () => {
  it('reads back with its presentation’s form, and announces in it', () => {
    const events = readFileSync(
      join(__dirname, '..', '..', 'fixtures', 'stored-events', 'announcement-form.v5.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => toDomainEvent(JSON.parse(line) as RecordedEvent));
    const scheduled = events.find((e) => e.type === 'MeetingScheduled');
    expect(scheduled?.type === 'MeetingScheduled' && scheduled.data.presentation.form).toBe(
      'UK_RESULT_OF_MEETING',
    );
    expect(announcementText(announcementFromEvents(events))).toContain(RESULT_OF_AGM);
  });
});

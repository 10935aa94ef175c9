import { left, right } from 'fp-ts/Either';
import { clearDaysBetween, dateOf, daysBetween } from '../shared/dates';
import { refuse } from '../shared/errors';
import { presentationFor } from '../rules/presentation';
import { noticePeriodOf } from '../rules/rule-set';
import { MeetingCommandOf } from './commands';
import { MeetingContext, MeetingDecision, Scheduled } from './decision';
import { MeetingState } from './state';

/**
 * Convening the meeting: it is scheduled under a rule set, notice of it is given within the rule
 * set's period, and its record date is fixed within the rule set's window.
 */

export function schedule(
  c: MeetingCommandOf<'ScheduleMeeting'>,
  state: MeetingState,
  context: MeetingContext,
): MeetingDecision {
  if (state.status !== 'NONE')
    return left(
      refuse('MeetingAlreadyScheduled', 'payload.meetingId', `Meeting ${c.payload.meetingId} exists`),
    );
  const { ruleSetId, presentation: own, ...rest } = c.payload;
  const ruleSet = context.ruleSet(ruleSetId);
  if (!ruleSet) return left(refuse('UnknownRuleSet', 'payload.ruleSetId', `No rule set ${ruleSetId}`));
  const codes = rest.shareClasses.map((s) => s.code);
  if (new Set(codes).size !== codes.length) {
    return left(refuse('DuplicateShareClass', 'payload.shareClasses', 'Each share class may appear once'));
  }
  if (rest.kind === 'CLASS' && codes.length !== 1) {
    return left(
      refuse(
        'ClassMeetingNeedsOneClass',
        'payload.shareClasses',
        'A class meeting is held for exactly one share class',
      ),
    );
  }
  const presentation = presentationFor(ruleSet.presentation, own);
  return right([{ type: 'MeetingScheduled', data: { ...rest, ruleSet, presentation } }]);
}

export function issueNotice(c: MeetingCommandOf<'IssueNotice'>, m: Scheduled): MeetingDecision {
  if (m.noticeIssuedOn)
    return left(
      refuse('NoticeAlreadyIssued', 'payload.meetingId', `Notice was issued on ${m.noticeIssuedOn}`),
    );
  const meetingDate = dateOf(m.startsAt);
  const period = noticePeriodOf(m.ruleSet, m.kind);
  const counted =
    period.counting === 'CLEAR_DAYS'
      ? clearDaysBetween(c.payload.issuedOn, meetingDate)
      : daysBetween(c.payload.issuedOn, meetingDate);
  const unit = period.counting === 'CLEAR_DAYS' ? 'clear days' : 'days before the meeting';
  if (counted < period.minDays) {
    return left(
      refuse(
        'NoticeTooShort',
        'payload.issuedOn',
        `${m.kind} needs ${period.minDays} ${unit}' notice under ${m.ruleSet.id}; notice on ${c.payload.issuedOn} gives ${Math.max(counted, 0)}`,
      ),
    );
  }
  // Where the law caps the notice period (DGCL §222(b): 60 days), an earlier notice is no notice.
  if (period.maxDays !== undefined && counted > period.maxDays) {
    return left(
      refuse(
        'NoticeTooEarly',
        'payload.issuedOn',
        `${m.kind} notice may be given at most ${period.maxDays} ${unit} ahead under ${m.ruleSet.id}; notice on ${c.payload.issuedOn} gives ${counted}`,
      ),
    );
  }
  const clearDays = clearDaysBetween(c.payload.issuedOn, meetingDate);
  return right([{ type: 'NoticeIssued', data: { ...c.payload, clearDays } }]);
}

export function fixRecordDate(c: MeetingCommandOf<'FixRecordDate'>, m: Scheduled): MeetingDecision {
  if (m.entitlementBatches > 0) {
    return left(
      refuse(
        'RecordDateLocked',
        'payload.recordDate',
        'Entitlements have been recorded against the record date',
      ),
    );
  }
  const daysBefore = daysBetween(c.payload.recordDate, dateOf(m.startsAt));
  if (daysBefore < 0) {
    return left(
      refuse('RecordDateAfterMeeting', 'payload.recordDate', 'The record date cannot fall after the meeting'),
    );
  }
  const window = m.ruleSet.recordDate;
  if (daysBefore < window.minDaysBefore) {
    return left(
      refuse(
        'RecordDateTooLate',
        'payload.recordDate',
        `${m.ruleSet.id} needs the record date at least ${window.minDaysBefore} days before the meeting; ${c.payload.recordDate} is ${daysBefore}`,
      ),
    );
  }
  if (window.maxDaysBefore !== undefined && daysBefore > window.maxDaysBefore) {
    return left(
      refuse(
        'RecordDateTooEarly',
        'payload.recordDate',
        `${m.ruleSet.id} allows the record date at most ${window.maxDaysBefore} days before the meeting; ${c.payload.recordDate} is ${daysBefore}`,
      ),
    );
  }
  return right([{ type: 'RecordDateFixed', data: c.payload }]);
}

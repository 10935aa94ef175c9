import { left, right } from 'fp-ts/Either';
import { checkQuorum, describeQuorum } from '../rules/quorum';
import { NoticePeriod, noticePeriodOf, RuleSet } from '../rules/rule-set';
import { clearDaysBetween, dateOf, daysBetween, hoursBefore, instantNs } from '../shared/dates';
import { DomainError, refuse } from '../shared/errors';
import { MeetingCommandOf } from './commands';
import { MeetingDecision, quorumFigures, Scheduled } from './decision';
import { sittingAt } from './state';

/**
 * Postponement and adjournment. A postponed meeting has not opened: it is the same meeting at a later
 * time, with its notice, record date, register and proxies. An adjourned meeting stands adjourned
 * between two sittings; its proxies stay valid for the resumption, and attendance and votes recorded
 * before it stand (the record of attendance is of the meeting, not of one sitting: a holder who
 * attended the first sitting stays recorded, and its votes, cast in an open poll, stay counted). New
 * proxies may be lodged until the rule set's deadline before the new time. Whether the resumption
 * needs a notice of its own, and how long, is the rule set's `adjournment` section.
 */

const proxyDeadline = (m: Scheduled, at: string): string => hoursBefore(at, m.ruleSet.proxyDeadlineHours);

/** Days counted between a notice and a date, as the period counts them. */
const counted = (period: NoticePeriod, from: string, to: string): number =>
  period.counting === 'CLEAR_DAYS' ? clearDaysBetween(from, to) : daysBetween(from, to);

/** A notice on `issuedOn` for a sitting on `date` is within `period`, or the refusal that says why not. */
export function noticeRefusal(
  period: NoticePeriod,
  issuedOn: string,
  date: string,
  what: string,
): DomainError | undefined {
  const days = counted(period, issuedOn, date);
  const unit = period.counting === 'CLEAR_DAYS' ? 'clear days' : 'days before';
  if (days < period.minDays)
    return refuse(
      'NoticeTooShort',
      'payload.issuedOn',
      `${what} needs ${period.minDays} ${unit}' notice; notice on ${issuedOn} gives ${Math.max(days, 0)}`,
    );
  if (period.maxDays !== undefined && days > period.maxDays)
    return refuse(
      'NoticeTooEarly',
      'payload.issuedOn',
      `${what} may be noticed at most ${period.maxDays} ${unit}; notice on ${issuedOn} gives ${days}`,
    );
  return undefined;
}

export function postpone(c: MeetingCommandOf<'PostponeMeeting'>, m: Scheduled): MeetingDecision {
  const { startsAt, reason } = c.payload;
  if (m.phase !== 'SCHEDULED' || m.adjourned)
    return left(
      refuse(
        'MeetingAlreadyOpened',
        'payload.meetingId',
        `${m.meetingId} has opened (${m.adjourned ? 'adjourned' : m.phase}); adjourn it instead`,
      ),
    );
  // At or after its time a meeting is held or stands adjourned for want of a quorum; it is not postponed.
  if (instantNs(c.issuedAt) >= instantNs(m.startsAt))
    return left(
      refuse('MeetingTimeReached', 'issuedAt', `${m.meetingId} was due at ${m.startsAt}; adjourn it instead`),
    );
  if (instantNs(startsAt) <= instantNs(m.startsAt))
    return left(
      refuse(
        'NotAPostponement',
        'payload.startsAt',
        `${startsAt} is not later than ${m.startsAt}; a meeting is not brought forward`,
      ),
    );
  const recordDate = recordDateRefusal(m, startsAt);
  if (recordDate) return left(recordDate);
  // The notice given still counts if the rule set's period admits it for the new date (a maximum, as
  // DGCL §222(b)'s 60 days, may be overrun); otherwise a new notice must be given before it opens.
  const period = noticePeriodOf(m.ruleSet, m.kind);
  const noticeStands =
    m.noticeIssuedOn !== undefined && !noticeRefusal(period, m.noticeIssuedOn, dateOf(startsAt), m.kind);
  return right([
    {
      type: 'MeetingPostponed',
      data: {
        meetingId: m.meetingId,
        from: m.startsAt,
        startsAt,
        reason,
        noticeStands,
        proxyDeadline: proxyDeadline(m, startsAt),
      },
    },
  ]);
}

/** The record date stands for the postponed meeting, so it must still fall within the rule set's window. */
function recordDateRefusal(m: Scheduled, startsAt: string): DomainError | undefined {
  if (!m.recordDate) return undefined;
  const daysBefore = daysBetween(m.recordDate, dateOf(startsAt));
  const max = m.ruleSet.recordDate.maxDaysBefore;
  if (max === undefined || daysBefore <= max) return undefined;
  return refuse(
    'RecordDateOutsideWindow',
    'payload.startsAt',
    `The record date ${m.recordDate} would be ${daysBefore} days before the meeting; ${m.ruleSet.id} allows ${max}`,
  );
}

/**
 * Adjourns an open meeting (before its poll closes), or a meeting without a quorum at its time or at
 * the time it was to resume (cause QUORUM_NOT_PRESENT). The rule set decides whether the resumption
 * needs a notice.
 */
export function adjourn(c: MeetingCommandOf<'AdjournMeeting'>, m: Scheduled): MeetingDecision {
  const { cause, reason, resumesAt } = c.payload;
  const inquorate = standsWithoutQuorum(c, m);
  const open = (m.phase === 'OPEN' || m.phase === 'POLL_OPEN') && !m.adjourned;
  if (!open && !inquorate)
    return left(
      refuse(
        'MeetingNotOpen',
        'payload.meetingId',
        m.adjourned
          ? `${m.meetingId} stands adjourned to ${m.adjourned.resumesAt}; resume it first`
          : `${m.meetingId} is ${m.phase}: only an open meeting, or one without a quorum at its time, is adjourned`,
      ),
    );
  if (!open && cause !== 'QUORUM_NOT_PRESENT')
    return left(
      refuse(
        'MeetingNotOpen',
        'payload.cause',
        `${m.meetingId} has not opened: it can adjourn only for want of a quorum`,
      ),
    );
  if (instantNs(resumesAt) <= instantNs(c.issuedAt))
    return left(
      refuse(
        'ResumptionNotLater',
        'payload.resumesAt',
        `${resumesAt} is not after the adjournment (${c.issuedAt})`,
      ),
    );
  return right([
    {
      type: 'MeetingAdjourned',
      data: {
        meetingId: m.meetingId,
        at: c.issuedAt,
        cause,
        reason,
        resumesAt,
        noticeRequired: resumptionNeedsNotice(m.ruleSet, c.issuedAt, resumesAt),
        proxyDeadline: proxyDeadline(m, resumesAt),
        // The figures that made it inquorate, as MeetingOpened records those that made it quorate.
        ...(cause === 'QUORUM_NOT_PRESENT'
          ? { quorum: checkQuorum(m.ruleSet.quorum, quorumFigures(m)) }
          : {}),
      },
    },
  ]);
}

/** Not opened (or not resumed), its time come, and those present are not a quorum. */
function standsWithoutQuorum(c: MeetingCommandOf<'AdjournMeeting'>, m: Scheduled): boolean {
  const waiting = m.phase === 'SCHEDULED' || m.adjourned !== undefined;
  if (!waiting || instantNs(c.issuedAt) < instantNs(sittingAt(m))) return false;
  return !checkQuorum(m.ruleSet.quorum, quorumFigures(m)).met;
}

/** Days adjourned, date to date, against the rule set's threshold; no section, no notice. */
function resumptionNeedsNotice(ruleSet: RuleSet, at: string, resumesAt: string): boolean {
  const rule = ruleSet.adjournment;
  if (!rule) return false;
  const days = daysBetween(dateOf(at), dateOf(resumesAt));
  const { days: limit, comparator } = rule.noticeIfAdjournedFor;
  return comparator === 'AT_LEAST' ? days >= limit : days > limit;
}

export function issueResumptionNotice(
  c: MeetingCommandOf<'IssueResumptionNotice'>,
  m: Scheduled,
): MeetingDecision {
  const adjourned = m.adjourned;
  if (!adjourned)
    return left(refuse('MeetingNotAdjourned', 'payload.meetingId', `${m.meetingId} is not adjourned`));
  if (adjourned.noticeIssuedOn)
    return left(
      refuse(
        'NoticeAlreadyIssued',
        'payload.meetingId',
        `The resumption was noticed on ${adjourned.noticeIssuedOn}`,
      ),
    );
  const { issuedOn } = c.payload;
  if (daysBetween(dateOf(adjourned.at), issuedOn) < 0)
    return left(
      refuse(
        'NoticeBeforeAdjournment',
        'payload.issuedOn',
        `The meeting was adjourned on ${dateOf(adjourned.at)}`,
      ),
    );
  const rule = m.ruleSet.adjournment;
  const period: NoticePeriod = !rule
    ? { counting: 'DAYS_BEFORE', minDays: 0 }
    : rule.notice === 'AS_ORIGINAL_MEETING'
      ? noticePeriodOf(m.ruleSet, m.kind)
      : rule.notice;
  const resumesOn = dateOf(adjourned.resumesAt);
  const refused = noticeRefusal(period, issuedOn, resumesOn, `The resumed ${m.kind} under ${m.ruleSet.id}`);
  if (refused) return left(refused);
  return right([
    {
      type: 'ResumptionNoticeIssued',
      data: {
        meetingId: m.meetingId,
        issuedOn,
        resumesAt: adjourned.resumesAt,
        clearDays: Math.max(clearDaysBetween(issuedOn, resumesOn), 0),
      },
    },
  ]);
}

/** Resumes at or after the time fixed, with the notice the rule set required, and a quorum again. */
export function resume(c: MeetingCommandOf<'ResumeMeeting'>, m: Scheduled): MeetingDecision {
  const adjourned = m.adjourned;
  if (!adjourned)
    return left(refuse('MeetingNotAdjourned', 'payload.meetingId', `${m.meetingId} is not adjourned`));
  if (instantNs(c.issuedAt) < instantNs(adjourned.resumesAt))
    return left(
      refuse('ResumedTooEarly', 'issuedAt', `${m.meetingId} stands adjourned to ${adjourned.resumesAt}`),
    );
  if (adjourned.noticeRequired && !adjourned.noticeIssuedOn)
    return left(
      refuse(
        'ResumptionNoticeNotIssued',
        'payload.meetingId',
        `${m.ruleSet.id} requires notice of a meeting adjourned as this one was; none was issued`,
      ),
    );
  const quorum = checkQuorum(m.ruleSet.quorum, quorumFigures(m));
  if (!quorum.met)
    return left(
      refuse('QuorumNotMet', 'payload.meetingId', `${describeQuorum(quorum)} under ${m.ruleSet.id}`),
    );
  return right([{ type: 'MeetingResumed', data: { meetingId: m.meetingId, resumedAt: c.issuedAt, quorum } }]);
}

import * as t from 'io-ts';
import { Id, IsoDate, IsoDateTime, NonEmptyString, ShareCount } from '../shared/codecs';
import { event } from '../shared/command';
import { QuorumRecord } from '../rules/quorum';

/** Postponed before it opened, or adjourned and resumed: the same meeting at a later time. */

/**
 * Postponed before it opened: held at `startsAt` instead of `from`. The notice given stands if it
 * still meets the rule set's notice period for the new date; otherwise a new one must be given before
 * the meeting opens. The record date and the register stand, and proxies lodged stay valid; more may
 * be lodged until `proxyDeadline`, the rule set's deadline before the new time.
 */
export const MeetingPostponed = event(
  'MeetingPostponed',
  t.readonly(
    t.type({
      meetingId: Id,
      from: IsoDateTime,
      startsAt: IsoDateTime,
      reason: NonEmptyString,
      noticeStands: t.boolean,
      proxyDeadline: IsoDateTime,
    }),
  ),
);

/** Why a meeting stood adjourned: no quorum at its time, a resolution of the meeting, or the chair's own power. */
export const AdjournmentCause = t.keyof({ QUORUM_NOT_PRESENT: null, BY_RESOLUTION: null, BY_CHAIR: null });
export type AdjournmentCause = t.TypeOf<typeof AdjournmentCause>;

/**
 * Adjourned to `resumesAt`. Proxies lodged stay valid for the resumed meeting, and more may be lodged
 * until `proxyDeadline`; attendance and votes recorded stand. `noticeRequired` is what the rule set
 * said: the meeting resumes only after a notice of the resumption (ResumptionNoticeIssued).
 */
export const MeetingAdjourned = event(
  'MeetingAdjourned',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        at: IsoDateTime,
        cause: AdjournmentCause,
        reason: NonEmptyString,
        resumesAt: IsoDateTime,
        noticeRequired: t.boolean,
        proxyDeadline: IsoDateTime,
      }),
      /** For want of a quorum: the quorum as it was found (optional, so version 1 still). */
      t.partial({ quorum: QuorumRecord }),
    ]),
  ),
);

/** Notice of the resumed meeting, counted to the resumption date by the rule set's adjournment notice. */
export const ResumptionNoticeIssued = event(
  'ResumptionNoticeIssued',
  t.readonly(t.type({ meetingId: Id, issuedOn: IsoDate, resumesAt: IsoDateTime, clearDays: ShareCount })),
);

/** The adjourned meeting resumed, its quorum checked again by the rule set. */
export const MeetingResumed = event(
  'MeetingResumed',
  t.readonly(t.type({ meetingId: Id, resumedAt: IsoDateTime, quorum: QuorumRecord })),
);

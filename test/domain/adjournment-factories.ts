/**
 * Events of postponement, adjournment and holders' proposals, for the given/when/then tests. Figures
 * (deadlines, due dates) are written out by the tests that use them, not computed by the code under test.
 */
import { MeetingEvent } from '../../src/domain/meeting/events';
import { MeetingSpec, quorumOf, QuorumFound } from './factories';

export const meetingPostponed = (
  s: MeetingSpec,
  startsAt: string,
  proxyDeadline: string,
  noticeStands = true,
): MeetingEvent => ({
  type: 'MeetingPostponed',
  data: {
    meetingId: s.meetingId,
    from: s.startsAt,
    startsAt,
    reason: 'Typhoon signal No. 8',
    noticeStands,
    proxyDeadline,
  },
});

export const meetingAdjourned = (
  s: MeetingSpec,
  resumesAt: string,
  proxyDeadline: string,
  extra: Partial<{
    at: string;
    noticeRequired: boolean;
    cause: 'QUORUM_NOT_PRESENT' | 'BY_RESOLUTION' | 'BY_CHAIR';
    /** Who was present, for an adjournment for want of a quorum. */
    found: QuorumFound;
  }> = {},
): MeetingEvent => ({
  type: 'MeetingAdjourned',
  data: {
    meetingId: s.meetingId,
    at: extra.at ?? '2023-11-23T15:10:00+08:00',
    cause: extra.cause ?? 'BY_RESOLUTION',
    reason: 'The meeting resolved to adjourn to consider the revised circular',
    resumesAt,
    noticeRequired: extra.noticeRequired ?? false,
    proxyDeadline,
    ...(extra.found ? { quorum: quorumOf(s, extra.found) } : {}),
  },
});

export const resumptionNoticed = (
  s: MeetingSpec,
  issuedOn: string,
  resumesAt: string,
  clearDays: number,
): MeetingEvent => ({
  type: 'ResumptionNoticeIssued',
  data: { meetingId: s.meetingId, issuedOn, resumesAt, clearDays },
});

export const meetingResumed = (s: MeetingSpec, resumedAt: string, found: QuorumFound): MeetingEvent => ({
  type: 'MeetingResumed',
  data: { meetingId: s.meetingId, resumedAt, quorum: quorumOf(s, found) },
});

export interface ProposerHolding {
  readonly holderId: string;
  readonly shareClass: string;
  readonly shares: number;
}

export const proposalSubmitted = (
  s: MeetingSpec,
  proposalId: string,
  proposers: readonly ProposerHolding[],
  submittedOn: string,
  due: string,
  sharesIssued: number,
  kind: 'ORDINARY' | 'SPECIAL' = 'ORDINARY',
): MeetingEvent => ({
  type: 'ShareholderProposalSubmitted',
  data: {
    meetingId: s.meetingId,
    proposalId,
    submittedOn,
    title: 'To approve the increase in the annual cash dividend',
    kind,
    proposers,
    sharesHeld: proposers.reduce((sum, p) => sum + p.shares, 0),
    sharesIssued,
    supplementaryNoticeDueBy: due,
  },
});

export const supplementaryNoticed = (
  s: MeetingSpec,
  proposalId: string,
  issuedOn: string,
  late = false,
): MeetingEvent => ({
  type: 'SupplementaryNoticeIssued',
  data: { meetingId: s.meetingId, proposalId, issuedOn, late },
});

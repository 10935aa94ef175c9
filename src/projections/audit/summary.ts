import { DomainEvent } from '../../domain/events';
import { Split } from '../../domain/resolution/events';
import { grouped } from '../shared/figures';
import { describeQuorum } from '../../domain/rules/quorum';
import { summariseElection } from './summary-elections';

/**
 * One line a person can read in the audit trail: what happened, to whom, with the figures. It
 * describes the event's data only; who and when are the trail's own columns.
 */
export function summarise(event: DomainEvent): string {
  switch (event.type) {
    case 'MeetingScheduled':
      return `${event.data.kind} "${event.data.title}" scheduled for ${event.data.startsAt} at ${event.data.place} under ${event.data.ruleSet.id}`;
    case 'NoticeIssued':
      return `Notice issued on ${event.data.issuedOn} (${event.data.clearDays} clear days)${
        event.data.circular
          ? ` with circular "${event.data.circular.title}" of ${event.data.circular.date}`
          : ''
      }`;
    case 'RecordDateFixed':
      return `Record date fixed at ${event.data.recordDate}`;
    case 'EntitlementsRecorded':
      return `Register batch ${event.data.batch}: ${grouped(event.data.holders.length)} holders, ${grouped(
        event.data.holders.reduce((sum, h) => sum + h.shares, 0),
      )} shares`;
    case 'RegisterClosed':
      return `Register closed after ${event.data.batches} batches: ${event.data.totals
        .map((t) => `${t.shareClass} ${grouped(t.shares)} shares held by ${grouped(t.holders)}`)
        .join('; ')}`;
    case 'ScrutineersAppointed':
      return `Scrutineers appointed: ${event.data.scrutineers.map((s) => `${s.name} (${s.capacity})`).join(', ')}`;
    case 'DirectorsPresentRecorded':
      return `Directors recorded: ${event.data.directors.filter((d) => d.present).length} of ${event.data.directors.length} present`;
    case 'ProxyLodged':
      return `Proxy ${event.data.proxyId} for ${event.data.holderId} lodged at ${event.data.lodgedAt}: ${event.data.proxyName}, ${grouped(event.data.shares)} shares${
        event.data.supersedes ? `, superseding ${event.data.supersedes}` : ''
      }`;
    case 'ProxyRevoked':
      return `Proxy ${event.data.proxyId} of ${event.data.holderId} revoked (${event.data.reason})`;
    case 'AttendanceRecorded':
      return `${event.data.holderId} attends ${attendanceMode(event.data.mode)}${
        event.data.proxyId ? ` ${event.data.proxyId}` : ''
      }${event.data.representative ? ` (${event.data.representative})` : ''} for ${grouped(event.data.shares)} ${event.data.shareClass} shares`;
    case 'ResolutionTabled':
      return `Resolution ${event.data.resolutionId} tabled as No. ${event.data.number} (${event.data.kind.toLowerCase()})${
        event.data.proposalId ? `, putting holders' proposal ${event.data.proposalId}` : ''
      }: ${event.data.title}`;
    case 'MeetingOpened':
      return `Meeting opened with ${event.data.quorum.holdersPresent} holders present (quorum ${event.data.quorum.required})`;
    case 'PollOpened':
      return `Poll opened at ${event.data.at}`;
    case 'PollClosed':
      return `Poll closed at ${event.data.at}`;
    case 'MeetingClosed':
      return `Meeting closed at ${event.data.at}`;
    case 'ResultsCertified':
      return `Results certified by ${event.data.scrutineer}`;
    case 'ResolutionProposed':
      return `Resolution proposed (${event.data.kind.toLowerCase()}) to ${event.data.meetings
        .map((m) => `${m.meetingId} as No. ${m.number}`)
        .join(', ')}: ${event.data.title}`;
    case 'VoteCast':
      return `${event.data.holderId} votes at ${event.data.meetingId} ${attendanceMode(event.data.castBy)}${
        event.data.proxyId ? ` ${event.data.proxyId}` : ''
      }: ${split(event.data.shares)}`;
    case 'VoteRejected':
      return `Vote of ${event.data.holderId} at ${event.data.meetingId} rejected by ${event.data.rejectedBy}: ${event.data.reason} (${split(event.data.shares)})`;
    case 'ResolutionPassed':
    case 'ResolutionFailed':
      return `${event.type === 'ResolutionPassed' ? 'Passed' : 'Failed'} at ${event.data.meetingId} as No. ${event.data.number}: ${split(event.data.tally.votes)} votes; base ${grouped(event.data.base.votes)} (${event.data.base.kind})`;
    case 'ResolutionOutcomeDetermined':
      return `Outcome: ${event.data.passed ? 'passed' : 'not passed'} (${event.data.meetings
        .map((m) => `${m.meetingId} ${m.passed ? 'passed' : 'failed'}`)
        .join(', ')})`;
    case 'MeetingPostponed':
      return `Meeting postponed from ${event.data.from} to ${event.data.startsAt}: ${event.data.reason}; ${
        event.data.noticeStands ? 'the notice given stands' : 'a new notice is needed'
      }; proxies lodged stay valid, new ones until ${event.data.proxyDeadline}`;
    case 'MeetingAdjourned':
      return `Meeting adjourned (${adjournmentCause(event.data.cause)}${
        event.data.quorum ? `: ${describeQuorum(event.data.quorum)}` : ''
      }) to ${event.data.resumesAt}: ${event.data.reason}; ${
        event.data.noticeRequired
          ? 'notice of the resumption required'
          : 'no notice of the resumption required'
      }; proxies lodged stay valid, new ones until ${event.data.proxyDeadline}`;
    case 'ResumptionNoticeIssued':
      return `Notice of the resumption at ${event.data.resumesAt} issued on ${event.data.issuedOn} (${event.data.clearDays} clear days)`;
    case 'MeetingResumed':
      return `Meeting resumed at ${event.data.resumedAt} with ${event.data.quorum.holdersPresent} holders present (quorum ${event.data.quorum.required})`;
    case 'ShareholderProposalSubmitted':
      return `Holders' proposal ${event.data.proposalId} (${event.data.kind.toLowerCase()}) received on ${event.data.submittedOn} from ${event.data.proposers
        .map((p) => `${p.holderId} (${grouped(p.shares)} ${p.shareClass})`)
        .join(
          ', ',
        )}: ${grouped(event.data.sharesHeld)} of ${grouped(event.data.sharesIssued)} shares; supplementary notice due by ${event.data.supplementaryNoticeDueBy}: ${event.data.title}`;
    case 'SupplementaryNoticeIssued':
      return `Supplementary notice of holders' proposal ${event.data.proposalId} issued on ${event.data.issuedOn}${
        event.data.late ? ' (LATE: after the days the rule set allows)' : ''
      }`;
    default:
      // An event type newer than this summary still gets a line: its type and what it concerns.
      return summariseElection(event as DomainEvent) ?? generic(event as DomainEvent);
  }
}

function generic(event: DomainEvent): string {
  const data = event.data as { meetingId?: string; resolutionId?: string; holderId?: string };
  const about = [data.meetingId, data.resolutionId, data.holderId].filter((x) => x !== undefined);
  return about.length > 0 ? `${event.type} (${about.join(', ')})` : event.type;
}

const adjournmentCause = (cause: string): string =>
  cause === 'QUORUM_NOT_PRESENT'
    ? 'no quorum'
    : cause === 'BY_RESOLUTION'
      ? 'by resolution of the meeting'
      : 'by the chair';

const attendanceMode = (mode: string): string =>
  mode === 'PROXY'
    ? 'by proxy'
    : mode === 'CORPORATE_REPRESENTATIVE'
      ? 'by corporate representative'
      : mode === 'ONLINE'
        ? 'online'
        : 'in person';

const split = (s: Split): string =>
  `FOR ${grouped(s.for)}, AGAINST ${grouped(s.against)}, ABSTAIN ${grouped(s.abstain)}`;

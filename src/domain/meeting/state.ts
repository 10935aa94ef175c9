import { RuleSet } from '../rules/rule-set';
import { Company, ShareClass } from '../shared/share-class';
import { Keyed } from '../shared/record-table';
import { Director, MeetingEvent, MeetingKind, ResolutionKind } from './events';
import {
  Attendance,
  HolderEntitlement,
  holderTables,
  packedHolderTables,
  ProxyAppointment,
} from './holder-tables';

export type MeetingPhase = 'SCHEDULED' | 'OPEN' | 'POLL_OPEN' | 'POLL_CLOSED' | 'CLOSED' | 'CERTIFIED';

export type { Attendance, HolderEntitlement, ProxyAppointment } from './holder-tables';

export interface TabledResolution {
  readonly resolutionId: string;
  /** Its place in the notice's order. */
  readonly number: number;
  /** As the notice prints it ("2(a)"): unique on the agenda; an election's is its number. */
  readonly label: string;
  readonly title: string;
  readonly kind: ResolutionKind;
  /** Set for an election by cumulative voting (its id is resolutionId): decided by the Election aggregate. */
  readonly election?: true;
}

/** A holders' provisional proposal received for the meeting. */
export interface ShareholderProposal {
  readonly proposalId: string;
  readonly kind: ResolutionKind;
  readonly submittedOn: string;
  readonly supplementaryNoticeDueBy: string;
  /** Set once the board's supplementary notice is issued; votes on the proposal wait for it. */
  supplementaryNoticeOn?: string;
  /** The resolution that puts it to the meeting, once tabled. */
  resolutionId?: string;
}

/** The meeting stands adjourned until it resumes. */
export interface Adjournment {
  readonly at: string;
  readonly resumesAt: string;
  readonly noticeRequired: boolean;
  readonly noticeIssuedOn?: string;
}

export interface ScheduledMeeting {
  readonly meetingId: string;
  readonly company: Company;
  readonly kind: MeetingKind;
  readonly shareClasses: readonly ShareClass[];
  readonly startsAt: string;
  readonly ruleSet: RuleSet;
  readonly phase: MeetingPhase;
  readonly noticeIssuedOn?: string;
  readonly recordDate?: string;
  readonly entitlementBatches: number;
  readonly registerClosed: boolean;
  readonly scrutineers: readonly string[];
  readonly directors: readonly Director[];
  /**
   * The collections below grow with the register (hundreds of thousands of holders), so evolve adds
   * to them in place instead of copying: a state belongs to the fold that built it. They are packed
   * (holder-tables.ts), read as Maps.
   */
  readonly entitlements: Keyed<HolderEntitlement>;
  readonly proxies: Keyed<ProxyAppointment>;
  /** holderId → proxyId of the proxy in force. */
  readonly proxyInForce: Keyed<string>;
  readonly attendance: Keyed<Attendance>;
  readonly agenda: Map<number, TabledResolution>;
  /** Votes represented by those attending, kept as a running sum. */
  readonly votesPresent: number;
  readonly sharesPresent: number;
  /** Set while the meeting stands adjourned; the phase it had then is kept and continues on resumption. */
  readonly adjourned?: Adjournment;
  /** When it last resumed after an adjournment. */
  readonly resumedAt?: string;
  readonly proposals: Map<string, ShareholderProposal>;
}

/** The sitting proxies are lodged for: the resumption of an adjourned meeting, else the meeting's own time. */
export const sittingAt = (m: ScheduledMeeting): string => m.adjourned?.resumesAt ?? m.resumedAt ?? m.startsAt;

export type MeetingState =
  { readonly status: 'NONE' } | ({ readonly status: 'SCHEDULED' } & ScheduledMeeting);

export const initialMeetingState = (): MeetingState => ({ status: 'NONE' });

export const votesPerShare = (m: ScheduledMeeting, shareClass: string): number =>
  m.shareClasses.find((c) => c.code === shareClass)?.votesPerShare ?? 1;

export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    const d = event.data;
    return {
      status: 'SCHEDULED',
      meetingId: d.meetingId,
      company: d.company,
      kind: d.kind,
      shareClasses: d.shareClasses,
      startsAt: d.startsAt,
      ruleSet: d.ruleSet,
      phase: 'SCHEDULED',
      entitlementBatches: 0,
      registerClosed: false,
      scrutineers: [],
      directors: [],
      ...holderTables(),
      agenda: new Map(),
      votesPresent: 0,
      sharesPresent: 0,
      proposals: new Map(),
    };
  }
  if (state.status === 'NONE') return state;
  return evolveScheduled(state, event);
}

function evolveScheduled(m: ScheduledMeeting & { status: 'SCHEDULED' }, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'NoticeIssued':
      return { ...m, noticeIssuedOn: event.data.issuedOn };
    case 'RecordDateFixed':
      return { ...m, recordDate: event.data.recordDate };
    case 'EntitlementsRecorded':
      for (const h of event.data.holders) {
        m.entitlements.set(h.holderId, {
          shareClass: h.shareClass,
          shares: h.shares,
          votes: h.shares * votesPerShare(m, h.shareClass),
        });
      }
      return { ...m, entitlementBatches: event.data.batch };
    case 'RegisterClosed':
      return { ...m, registerClosed: true };
    case 'ScrutineersAppointed':
      return { ...m, scrutineers: [...m.scrutineers, ...event.data.scrutineers.map((s) => s.name)] };
    case 'DirectorsPresentRecorded':
      return { ...m, directors: event.data.directors };
    case 'ProxyLodged': {
      const { proxyId, holderId, proxyName, shares } = event.data;
      m.proxies.set(proxyId, { proxyId, holderId, proxyName, shares });
      m.proxyInForce.set(holderId, proxyId);
      return m;
    }
    case 'ProxyRevoked':
      if (m.proxyInForce.get(event.data.holderId) === event.data.proxyId)
        m.proxyInForce.delete(event.data.holderId);
      return m;
    case 'AttendanceRecorded': {
      const { holderId, mode, shareClass, shares, votes, proxyId } = event.data;
      m.attendance.set(holderId, { mode, shareClass, shares, votes, ...(proxyId ? { proxyId } : {}) });
      return { ...m, votesPresent: m.votesPresent + votes, sharesPresent: m.sharesPresent + shares };
    }
    case 'ResolutionTabled': {
      const { resolutionId, number, label, title, kind } = event.data;
      m.agenda.set(number, { resolutionId, number, label, title, kind });
      const proposal = event.data.proposalId ? m.proposals.get(event.data.proposalId) : undefined;
      if (proposal) proposal.resolutionId = resolutionId;
      return m;
    }
    case 'ElectionTabled': {
      const { electionId, number, title } = event.data;
      const label = String(number);
      m.agenda.set(number, {
        resolutionId: electionId,
        number,
        label,
        title,
        kind: 'ORDINARY',
        election: true,
      });
      return m;
    }
    case 'MeetingOpened':
      return { ...m, phase: 'OPEN' };
    case 'PollOpened':
      return { ...m, phase: 'POLL_OPEN' };
    case 'PollClosed':
      return { ...m, phase: 'POLL_CLOSED' };
    case 'MeetingClosed':
      return { ...m, phase: 'CLOSED' };
    case 'RecordSealed':
      return m;
    case 'ResultsCertified':
      return { ...m, phase: 'CERTIFIED' };
    case 'MeetingScheduled':
      return m;
    case 'MeetingPostponed':
      return {
        ...m,
        startsAt: event.data.startsAt,
        ...(event.data.noticeStands ? {} : { noticeIssuedOn: undefined }),
      };
    case 'MeetingAdjourned': {
      const { at, resumesAt, noticeRequired } = event.data;
      return { ...m, adjourned: { at, resumesAt, noticeRequired } };
    }
    case 'ResumptionNoticeIssued':
      return m.adjourned ? { ...m, adjourned: { ...m.adjourned, noticeIssuedOn: event.data.issuedOn } } : m;
    case 'MeetingResumed':
      // A meeting adjourned for want of a quorum before it opened is open once it resumes with one.
      return {
        ...m,
        adjourned: undefined,
        resumedAt: event.data.resumedAt,
        phase: m.phase === 'SCHEDULED' ? 'OPEN' : m.phase,
      };
    case 'ShareholderProposalSubmitted': {
      const { proposalId, kind, submittedOn, supplementaryNoticeDueBy } = event.data;
      m.proposals.set(proposalId, { proposalId, kind, submittedOn, supplementaryNoticeDueBy });
      return m;
    }
    case 'SupplementaryNoticeIssued': {
      const proposal = m.proposals.get(event.data.proposalId);
      if (proposal) proposal.supplementaryNoticeOn = event.data.issuedOn;
      return m;
    }
  }
}

/**
 * A state as its snapshot's JSON gives it back (its holders' collections as Maps), with them packed
 * again as evolve keeps them (holder-tables.ts).
 */
export const meetingStateFromSnapshot = (state: MeetingState): MeetingState =>
  state.status === 'NONE' ? state : { ...state, ...packedHolderTables(state) };

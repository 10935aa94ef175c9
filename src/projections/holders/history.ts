import { AttendanceMode, MeetingKind, ResolutionKind } from '../../domain/meeting/events';
import { Split } from '../../domain/resolution/events';
import { RecordedDomainEvent } from '../shared/recorded-event';

/**
 * How each holder voted at each meeting: in person, by corporate representative or by proxy (which
 * proxy, by name), on which resolution, with which split. A vote a scrutineer rejected stays in the
 * history, marked with the reason: the holder's record shows what was cast as well as what counted.
 */
export interface ProxyRef {
  /** The proxy form's id. */
  readonly proxyId: string;
  /** Absent only if the proxy's lodging was never recorded (a damaged record). */
  readonly proxyName?: string;
}

/** A scrutineer's rejection of a vote or ballot: it stays in the history, no longer counted. */
export interface Rejection {
  /** Why the scrutineer rejected it. */
  readonly reason: string;
  /** The scrutineer who rejected it. */
  readonly rejectedBy: string;
  /** When, as the record says (ISO-8601). */
  readonly at: string;
  /** The id of the rejection's event. */
  readonly eventId: string;
}

/** A vote the holder cast on a resolution. */
export interface HolderVote {
  /** The resolution voted on. */
  readonly resolutionId: string;
  /** Its number on the meeting's agenda, where the record has it. */
  readonly number?: number;
  /** Its title, where the record has it. */
  readonly title?: string;
  /** Cast in person, by proxy or by corporate representative. */
  readonly castBy: AttendanceMode;
  /** The proxy that cast it, when a proxy did. */
  readonly proxy?: ProxyRef;
  /** The corporate representative who cast it, when one did. */
  readonly representative?: string;
  /** The shares FOR, AGAINST and ABSTAIN. */
  readonly shares: Split;
  /** The votes those shares carry (the shares, unless the class carries weighted votes). */
  readonly votes: Split;
  /** When it was cast, as the record says (ISO-8601). */
  readonly castAt: string;
  /** The id of the vote's event. */
  readonly eventId: string;
  /** Set when a scrutineer rejected the vote. */
  rejected?: Rejection;
}

/** A ballot in an election by cumulative voting, as cast: what it gave each candidate, and whether it was valid. */
export interface HolderBallot {
  /** The election. */
  readonly electionId: string;
  /** Its number on the meeting's agenda, where the record has it. */
  readonly number?: number;
  /** Its title, where the record has it. */
  readonly title?: string;
  /** Cast in person, by proxy or by corporate representative. */
  readonly castBy: AttendanceMode;
  /** The proxy that cast it, when a proxy did. */
  readonly proxy?: ProxyRef;
  /** Votes before cumulation, and what the ballot had to give (× seats). */
  readonly votes: number;
  /** The cumulated votes the ballot had to give: its votes × the seats. */
  readonly available: number;
  /** What it gave each candidate. */
  readonly allocation: readonly { readonly candidateId: string; readonly votes: number }[];
  /** The cumulated votes it gave no candidate (all of them, for an invalid ballot). */
  readonly abstained: number;
  /** Why the ballot was invalid, when it was: then it gave no candidate anything. */
  readonly invalid?: string;
  /** When it was cast, as the record says (ISO-8601). */
  readonly castAt: string;
  /** The id of the ballot's event. */
  readonly eventId: string;
  /** Set when a scrutineer rejected the ballot. */
  rejected?: Rejection;
}

/** How the holder attended a meeting. */
export interface HolderAttendance {
  /** In person, by proxy or by corporate representative. */
  readonly mode: AttendanceMode;
  /** The shares it attended for. */
  readonly shares: number;
  /** When the attendance was recorded, as the record says (ISO-8601). */
  readonly at: string;
  /** The proxy that attended, when a proxy did. */
  readonly proxy?: ProxyRef;
  /** The corporate representative who attended, when one did. */
  readonly representative?: string;
}

export interface HolderAtMeeting {
  readonly meetingId: string;
  shareClass?: string;
  entitledShares?: number;
  /** proxyId → proxy's name, for every proxy the holder lodged for this meeting. */
  readonly proxies: Map<string, string>;
  attendance?: HolderAttendance;
  /** In the order cast. */
  readonly votes: HolderVote[];
  /** Ballots in elections by cumulative voting, in the order cast; absent where the holder cast none. */
  ballots?: HolderBallot[];
}

export interface HolderHistory {
  readonly holderId: string;
  name?: string;
  readonly meetings: Map<string, HolderAtMeeting>;
}

/** A meeting as a holder's history heads it. */
export interface MeetingHeading {
  /** The meeting. */
  readonly meetingId: string;
  /** The meeting as its notice names it. */
  readonly title: string;
  /** AGM, EGM or CLASS. */
  readonly kind: MeetingKind;
  /** When it was scheduled to start (ISO-8601). */
  readonly startsAt: string;
}

export interface AgendaItem {
  readonly number: number;
  readonly title: string;
  readonly kind: ResolutionKind;
}

export interface HolderHistories {
  readonly holders: Map<string, HolderHistory>;
  readonly meetings: Map<string, MeetingHeading>;
  /** `${meetingId}/${resolutionId}` → the resolution's number and title at that meeting. */
  readonly agenda: Map<string, AgendaItem>;
}

export const initialHolderHistories = (): HolderHistories => ({
  holders: new Map(),
  meetings: new Map(),
  agenda: new Map(),
});

/** '/' never occurs in an Id, so the pair cannot be confused with another. */
export const agendaKey = (meetingId: string, resolutionId: string): string => `${meetingId}/${resolutionId}`;

function atMeeting(model: HolderHistories, holderId: string, meetingId: string): HolderAtMeeting {
  const holder = model.holders.get(holderId) ?? { holderId, meetings: new Map<string, HolderAtMeeting>() };
  model.holders.set(holderId, holder);
  const record = holder.meetings.get(meetingId) ?? {
    meetingId,
    proxies: new Map<string, string>(),
    votes: [],
  };
  holder.meetings.set(meetingId, record);
  return record;
}

const proxyRef = (record: HolderAtMeeting, proxyId: string | undefined): { proxy?: ProxyRef } => {
  if (proxyId === undefined) return {};
  const proxyName = record.proxies.get(proxyId);
  return { proxy: proxyName === undefined ? { proxyId } : { proxyId, proxyName } };
};

/** Applies one event in place. */
export function applyToHolderHistories(model: HolderHistories, event: RecordedDomainEvent): HolderHistories {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'MeetingScheduled': {
      const { meetingId, title, kind, startsAt } = event.data;
      model.meetings.set(meetingId, { meetingId, title, kind, startsAt });
      return model;
    }
    case 'ResolutionTabled': {
      const { meetingId, resolutionId, number, title, kind } = event.data;
      model.agenda.set(agendaKey(meetingId, resolutionId), { number, title, kind });
      return model;
    }
    case 'EntitlementsRecorded':
      for (const h of event.data.holders) {
        const record = atMeeting(model, h.holderId, event.data.meetingId);
        record.shareClass = h.shareClass;
        record.entitledShares = h.shares;
        // The latest register to name the holder names it in the history.
        const holder = model.holders.get(h.holderId);
        if (holder && h.name !== undefined) holder.name = h.name;
      }
      return model;
    case 'ProxyLodged':
      atMeeting(model, event.data.holderId, event.data.meetingId).proxies.set(
        event.data.proxyId,
        event.data.proxyName,
      );
      return model;
    case 'AttendanceRecorded': {
      const { holderId, meetingId, mode, shares, proxyId, representative } = event.data;
      const record = atMeeting(model, holderId, meetingId);
      record.attendance = {
        mode,
        shares,
        at,
        ...proxyRef(record, proxyId),
        ...(representative !== undefined ? { representative } : {}),
      };
      return model;
    }
    case 'VoteCast': {
      const d = event.data;
      const record = atMeeting(model, d.holderId, d.meetingId);
      const item = model.agenda.get(agendaKey(d.meetingId, d.resolutionId));
      const representative =
        d.castBy === 'CORPORATE_REPRESENTATIVE' ? record.attendance?.representative : undefined;
      record.votes.push({
        resolutionId: d.resolutionId,
        ...(item ? { number: item.number, title: item.title } : {}),
        castBy: d.castBy,
        ...proxyRef(record, d.proxyId),
        ...(representative !== undefined ? { representative } : {}),
        shares: d.shares,
        votes: d.votes,
        castAt: at,
        eventId: event.metadata.eventId,
      });
      return model;
    }
    case 'ElectionTabled': {
      const { meetingId, electionId, number, title } = event.data;
      model.agenda.set(agendaKey(meetingId, electionId), { number, title, kind: 'ORDINARY' });
      return model;
    }
    case 'CumulativeBallotCast':
    case 'CumulativeBallotInvalid': {
      const d = event.data;
      const record = atMeeting(model, d.holderId, d.meetingId);
      const item = model.agenda.get(agendaKey(d.meetingId, d.electionId));
      (record.ballots ??= []).push({
        electionId: d.electionId,
        ...(item ? { number: item.number, title: item.title } : {}),
        castBy: d.castBy,
        ...proxyRef(record, d.proxyId),
        votes: d.votes,
        available: d.available,
        allocation: d.allocation,
        abstained: d.abstained,
        ...(event.type === 'CumulativeBallotInvalid' ? { invalid: event.data.reason } : {}),
        castAt: at,
        eventId: event.metadata.eventId,
      });
      return model;
    }
    case 'CumulativeBallotRejected': {
      const d = event.data;
      const ballots = model.holders.get(d.holderId)?.meetings.get(d.meetingId)?.ballots ?? [];
      const ballot = [...ballots].reverse().find((b) => b.electionId === d.electionId && !b.rejected);
      if (ballot)
        ballot.rejected = { reason: d.reason, rejectedBy: d.rejectedBy, at, eventId: event.metadata.eventId };
      return model;
    }
    case 'VoteRejected': {
      const d = event.data;
      const votes = model.holders.get(d.holderId)?.meetings.get(d.meetingId)?.votes ?? [];
      // The vote rejected is the holder's latest counted vote on the resolution there.
      const vote = [...votes].reverse().find((v) => v.resolutionId === d.resolutionId && !v.rejected);
      if (vote)
        vote.rejected = { reason: d.reason, rejectedBy: d.rejectedBy, at, eventId: event.metadata.eventId };
      return model;
    }
    default:
      return model;
  }
}

export const foldHolderHistories = (events: Iterable<RecordedDomainEvent>): HolderHistories => {
  const model = initialHolderHistories();
  for (const e of events) applyToHolderHistories(model, e);
  return model;
};

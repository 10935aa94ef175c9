import { DomainEvent } from '../../domain/events';
import { AttendanceMode } from '../../domain/meeting/events';

/** Who attended each meeting, how, and for how many shares and votes. */
export interface AttendanceFigures {
  /** Holders present. */
  holders: number;
  /** The shares they hold. */
  shares: number;
  /** The votes those shares carry (the shares, unless a class carries weighted votes). */
  votes: number;
}

/** Who attended one meeting: in all, and in person, by proxy, by corporate representative and online. */
export interface MeetingAttendance {
  /** The meeting. */
  readonly meetingId: string;
  /** Every holder present, however present. */
  readonly total: AttendanceFigures;
  /**
   * Holders present in person, by proxy, by corporate representative and online (ONLINE is absent
   * in documents stored before holders could vote online: read it as nobody).
   */
  readonly byMode: Record<Exclude<AttendanceMode, 'ONLINE'>, AttendanceFigures> & {
    ONLINE?: AttendanceFigures;
  };
  /** Proxies revoked because the holder came in person, for the proxy register and the audit. */
  proxiesRevokedByAttendance: number;
  /** Holders present of each class, by class code (absent in documents stored before it was kept). */
  byClass?: Record<string, AttendanceFigures>;
}

export type Attendance = Map<string, MeetingAttendance>;

export const initialAttendance = (): Attendance => new Map();

const none = (): AttendanceFigures => ({ holders: 0, shares: 0, votes: 0 });

const add = (f: AttendanceFigures, shares: number, votes: number) => {
  f.holders += 1;
  f.shares += shares;
  f.votes += votes;
};

export function applyToAttendance(model: Attendance, event: DomainEvent): Attendance {
  switch (event.type) {
    case 'MeetingScheduled':
      model.set(event.data.meetingId, {
        meetingId: event.data.meetingId,
        total: none(),
        byMode: { IN_PERSON: none(), PROXY: none(), CORPORATE_REPRESENTATIVE: none(), ONLINE: none() },
        proxiesRevokedByAttendance: 0,
      });
      return model;
    case 'AttendanceRecorded': {
      const m = model.get(event.data.meetingId);
      if (!m) return model;
      add(m.total, event.data.shares, event.data.votes);
      add((m.byMode[event.data.mode] ??= none()), event.data.shares, event.data.votes);
      const byClass = (m.byClass ??= {});
      add((byClass[event.data.shareClass] ??= none()), event.data.shares, event.data.votes);
      return model;
    }
    case 'ProxyRevoked': {
      const m = model.get(event.data.meetingId);
      if (m && event.data.reason === 'ATTENDED_IN_PERSON') m.proxiesRevokedByAttendance += 1;
      return model;
    }
    default:
      return model;
  }
}

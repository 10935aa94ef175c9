import * as t from 'io-ts';
import {
  MeetingAdjourned,
  MeetingPostponed,
  MeetingResumed,
  ResumptionNoticeIssued,
} from './adjournment-events';
import {
  ElectionTabled,
  ResolutionTabled,
  ShareholderProposalSubmitted,
  SupplementaryNoticeIssued,
} from './agenda-events';
import { AttendanceRecorded, ProxyLodged, ProxyRevoked } from './attendance-events';
import { MeetingScheduled, NoticeIssued, RecordDateFixed } from './convening-events';
import {
  DirectorsPresentRecorded,
  MeetingClosed,
  MeetingOpened,
  PollClosed,
  PollOpened,
  RecordSealed,
  ResultsCertified,
  ScrutineersAppointed,
} from './proceedings-events';
import { EntitlementsRecorded, RegisterClosed } from './register-events';

export * from './convening-events';
export * from './register-events';
export * from './attendance-events';
export * from './agenda-events';
export * from './proceedings-events';
export * from './adjournment-events';

/**
 * The events of a meeting's stream, grouped by what they record: convening, the register,
 * attendance, the agenda, the proceedings, adjournment. Every name is exported from here too.
 */
export const MeetingEvent = t.union([
  MeetingScheduled,
  NoticeIssued,
  RecordDateFixed,
  EntitlementsRecorded,
  RegisterClosed,
  ScrutineersAppointed,
  DirectorsPresentRecorded,
  ProxyLodged,
  ProxyRevoked,
  AttendanceRecorded,
  ResolutionTabled,
  ElectionTabled,
  MeetingOpened,
  PollOpened,
  PollClosed,
  MeetingClosed,
  ResultsCertified,
  RecordSealed,
  MeetingPostponed,
  MeetingAdjourned,
  ResumptionNoticeIssued,
  MeetingResumed,
  ShareholderProposalSubmitted,
  SupplementaryNoticeIssued,
]);
/** Events as built and folded in the domain; the codec checks them where they cross a boundary. */
export type MeetingEvent = t.OutputOf<typeof MeetingEvent>;

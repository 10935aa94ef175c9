import * as t from 'io-ts';
import { MeetingEvent } from './meeting/events';
import { ResolutionEvent } from './resolution/events';
import { ElectionEvent } from './election/events';

/** Every event govrec records, as the domain sees it (without store metadata). */
export const DomainEvent = t.union([...MeetingEvent.types, ...ResolutionEvent.types, ...ElectionEvent.types]);
export type DomainEvent = t.OutputOf<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];

/**
 * The schema version each event type is written with today. When a shape changes, its version goes
 * up here and an upcaster from the old version is added; stored events are never rewritten.
 */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<DomainEventType, number>> = {
  MeetingScheduled: 5,
  NoticeIssued: 1,
  RecordDateFixed: 1,
  EntitlementsRecorded: 1,
  RegisterClosed: 1,
  ScrutineersAppointed: 1,
  DirectorsPresentRecorded: 1,
  ProxyLodged: 1,
  ProxyRevoked: 1,
  AttendanceRecorded: 2,
  ResolutionTabled: 2,
  ElectionTabled: 1,
  MeetingOpened: 2,
  PollOpened: 1,
  PollClosed: 1,
  MeetingClosed: 1,
  ResultsCertified: 3,
  RecordSealed: 1,
  MeetingPostponed: 1,
  MeetingAdjourned: 1,
  ResumptionNoticeIssued: 1,
  MeetingResumed: 1,
  ShareholderProposalSubmitted: 1,
  SupplementaryNoticeIssued: 1,
  ResolutionProposed: 3,
  VoteCast: 3,
  VoteRejected: 2,
  PollClosedOnResolution: 1,
  ResolutionPassed: 1,
  ResolutionFailed: 1,
  ResolutionOutcomeDetermined: 1,
  ResolutionWithdrawn: 1,
  ElectionProposed: 1,
  CumulativeBallotCast: 2,
  CumulativeBallotInvalid: 1,
  CumulativeBallotRejected: 1,
  PollClosedOnElection: 1,
  ElectionDecided: 1,
  ElectionWithdrawn: 1,
};

export const isMeetingEvent = (e: DomainEvent): e is MeetingEvent =>
  MeetingEvent.types.some((c) => c.props.type.value === e.type);

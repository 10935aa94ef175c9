import { Either } from 'fp-ts/Either';
import { QuorumFigures } from '../rules/quorum';
import { RuleSet } from '../rules/rule-set';
import { DomainError } from '../shared/errors';
import { MeetingEvent, RecordSeal } from './events';
import { MeetingPhase, ScheduledMeeting } from './state';

/** Facts from outside the meeting's stream that a decision may need; the command handler supplies them. */
export interface MeetingContext {
  readonly ruleSet: (id: string) => RuleSet | undefined;
  /** For CertifyResults: the seal of the record as it stands, computed by the command handler. */
  readonly seal?: RecordSeal;
  /**
   * For CertifyResults: the resolutions and elections on the agenda neither decided at this meeting
   * nor withdrawn from it, as the command handler found them in their streams.
   */
  readonly undecided?: readonly string[];
}

/** A command decided: the events that record it, or the rule it broke. */
export type MeetingDecision = Either<DomainError, MeetingEvent[]>;

/** A meeting that has been scheduled, the one every command but ScheduleMeeting is decided on. */
export type Scheduled = ScheduledMeeting & { status: 'SCHEDULED' };

const PHASE_ORDER: readonly MeetingPhase[] = [
  'SCHEDULED',
  'OPEN',
  'POLL_OPEN',
  'POLL_CLOSED',
  'CLOSED',
  'CERTIFIED',
];

/** The meeting has not yet reached `phase`. */
export const before = (m: Scheduled, phase: MeetingPhase): boolean =>
  PHASE_ORDER.indexOf(m.phase) < PHASE_ORDER.indexOf(phase);

/** Attendance against the register, in holders, shares and votes. */
export function quorumFigures(m: Scheduled): QuorumFigures {
  let shares = 0;
  let votes = 0;
  for (const e of m.entitlements.values()) {
    shares += e.shares;
    votes += e.votes;
  }
  return {
    present: { HOLDERS: m.attendance.size, SHARES: m.sharesPresent, VOTES: m.votesPresent },
    entitled: { HOLDERS: m.entitlements.size, SHARES: shares, VOTES: votes },
  };
}

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

/**
 * Attendance against the register, in holders, shares and votes. Holders voting online are present
 * unless the rule set leaves them out of the quorum (RuleSet.onlineVoting NOT_IN_QUORUM).
 */
export function quorumFigures(m: Scheduled): QuorumFigures {
  let shares = 0;
  let votes = 0;
  for (const e of m.entitlements.values()) {
    shares += e.shares;
    votes += e.votes;
  }
  const online = m.ruleSet.onlineVoting === 'NOT_IN_QUORUM' ? onlineFigures(m) : NOBODY_ONLINE;
  return {
    present: {
      HOLDERS: m.attendance.size - online.holders,
      SHARES: m.sharesPresent - online.shares,
      VOTES: m.votesPresent - online.votes,
    },
    entitled: { HOLDERS: m.entitlements.size, SHARES: shares, VOTES: votes },
  };
}

const NOBODY_ONLINE = { holders: 0, shares: 0, votes: 0 };

/** The holders attending online and what they represent. */
function onlineFigures(m: Scheduled): { holders: number; shares: number; votes: number } {
  const online = { ...NOBODY_ONLINE };
  for (const a of m.attendance.values()) {
    if (a.mode !== 'ONLINE') continue;
    online.holders += 1;
    online.shares += a.shares;
    online.votes += a.votes;
  }
  return online;
}

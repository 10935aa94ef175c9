import { Either, isLeft, left, right } from 'fp-ts/Either';
import { DomainError, refuse } from '../shared/errors';
import { Attendance, HolderEntitlement, ScheduledMeeting } from './state';

/**
 * Who a holder is at a meeting, and the checks every ballot there passes (on a resolution or in an
 * election), kept in one place so that a rule added for one kind of ballot holds for the other.
 */

/** The poll continues when an adjourned meeting resumes; until then no ballot is taken. */
export const refuseWhileAdjourned = (m: ScheduledMeeting): DomainError | undefined =>
  m.adjourned
    ? refuse(
        'MeetingAdjourned',
        'payload.meetingId',
        `${m.meetingId} stands adjourned to ${m.adjourned.resumesAt}`,
      )
    : undefined;

/** The holder's entitlement on the meeting's register, as of its record date. */
export function holdingOf(m: ScheduledMeeting, holderId: string): Either<DomainError, HolderEntitlement> {
  const holding = m.entitlements.get(holderId);
  return holding
    ? right(holding)
    : left(
        refuse(
          'HolderNotOnRegister',
          'payload.holderId',
          `Holder ${holderId} is not on the register of ${m.meetingId}`,
        ),
      );
}

export interface BallotHolder {
  readonly holding: HolderEntitlement;
  readonly attendance: Attendance;
}

/**
 * Whom a ballot speaks for: a holder on the meeting's register, of the class the ballot names where it
 * names one, recorded as attending (in person, by proxy or by a corporate representative).
 */
export function ballotHolder(
  m: ScheduledMeeting,
  holderId: string,
  shareClass: string | undefined,
): Either<DomainError, BallotHolder> {
  const registered = holdingOf(m, holderId);
  if (isLeft(registered)) return registered;
  const holding = registered.right;
  if (shareClass !== undefined && shareClass !== holding.shareClass)
    return left(
      refuse(
        'ShareClassMismatch',
        'payload.shareClass',
        `Holder ${holderId} holds class ${holding.shareClass}, not ${shareClass}`,
      ),
    );
  const attendance = m.attendance.get(holderId);
  if (!attendance)
    return left(
      refuse('HolderNotAttending', 'payload.holderId', `Holder ${holderId} is not recorded as attending`),
    );
  return right({ holding, attendance });
}

import { DomainError, refuse } from '../shared/errors';
import { MeetingState } from './state';

/**
 * A meeting whose results are certified has a closed record: the scrutineer certified the figures
 * against a seal of every event, so any later event would make the published results disagree with
 * what was certified. Every command that would add to the record (of the meeting, or of a resolution
 * or election at it) is refused with this one rule, whatever else it would have broken, so that a
 * client learns the true reason. Corrections after certification are not modelled: none is accepted.
 */
export const RESULTS_CERTIFIED = 'ResultsCertified';

/** The refusal for a command naming `meeting` (at `field`) when its results are certified; else undefined. */
export function refuseIfCertified(
  meeting: MeetingState | undefined,
  field = 'payload.meetingId',
): DomainError | undefined {
  if (meeting?.status !== 'SCHEDULED' || meeting.phase !== 'CERTIFIED') return undefined;
  return refuse(
    RESULTS_CERTIFIED,
    field,
    `The results of ${meeting.meetingId} are certified; its record is closed to every change`,
  );
}

import { isLeft, left, right } from 'fp-ts/Either';
import { refuse } from '../shared/errors';
import { labelOf } from '../shared/resolution-label';
import { MeetingCommandOf } from './commands';
import { before, MeetingDecision, Scheduled } from './decision';

/**
 * The agenda: resolutions and elections take their numbers (their places in the notice's order) and
 * their labels (as the notice prints them) on it until the poll opens; each must be free.
 */

export function tableResolution(c: MeetingCommandOf<'TableResolution'>, m: Scheduled): MeetingDecision {
  const p = c.payload;
  const atNumber = m.agenda.get(p.number);
  if (atNumber?.resolutionId === p.resolutionId) return right([]);
  if (atNumber)
    return left(
      refuse(
        'DuplicateResolutionNumber',
        'payload.number',
        `Resolution no. ${p.number} at ${m.meetingId} is ${atNumber.resolutionId}`,
      ),
    );
  if ([...m.agenda.values()].some((r) => r.resolutionId === p.resolutionId)) {
    return left(
      refuse(
        'ResolutionAlreadyTabled',
        'payload.resolutionId',
        `${p.resolutionId} is already on the agenda of ${m.meetingId}`,
      ),
    );
  }
  // Two resolutions printed alike could not be told apart in the results; an election's label is its number.
  const label = labelOf(p);
  const atLabel = [...m.agenda.values()].find((r) => r.label === label);
  if (atLabel)
    return left(
      refuse(
        'DuplicateResolutionLabel',
        p.label === undefined ? 'payload.number' : 'payload.label',
        `Resolution ${label} at ${m.meetingId} is ${atLabel.resolutionId}`,
      ),
    );
  if (!before(m, 'POLL_OPEN'))
    return left(refuse('AgendaClosed', 'payload.meetingId', 'The poll has opened; the agenda is closed'));
  return right([{ type: 'ResolutionTabled', data: { ...p, label } }]);
}

/** An election takes its number on the agenda as a resolution does, by the same rules. */
export function tableElection(c: MeetingCommandOf<'TableElection'>, m: Scheduled): MeetingDecision {
  const { electionId, ...rest } = c.payload;
  const asResolution = {
    ...c,
    type: 'TableResolution' as const,
    payload: { ...rest, resolutionId: electionId, kind: 'ORDINARY' as const },
  };
  const tabled = tableResolution(asResolution, m);
  if (isLeft(tabled))
    return left({
      ...tabled.left,
      field: tabled.left.field.replace('payload.resolutionId', 'payload.electionId'),
    });
  return right(tabled.right.length === 0 ? [] : [{ type: 'ElectionTabled', data: c.payload }]);
}

import { left, right } from 'fp-ts/Either';
import { refuseIfCertified } from '../meeting/certified';
import { refuse } from '../shared/errors';
import { labelOf } from '../shared/resolution-label';
import { castVote, rejectVote } from './ballots';
import { ResolutionCommand, ResolutionCommandOf } from './commands';
import { closeVoting } from './result';
import { Meeting, ResolutionContext, ResolutionDecision } from './decision';
import { ProposedResolution, ResolutionState } from './state';
import { MeetingState } from '../meeting/state';

export type { ResolutionContext, ResolutionDecision } from './decision';

/**
 * A command to a resolution at one of its meetings, decided on the resolution's state and that
 * meeting's: its proposal and withdrawal here, its ballots in ballots.ts, its result in result.ts.
 */
export function decideResolution(
  command: ResolutionCommand,
  state: ResolutionState,
  context: ResolutionContext,
): ResolutionDecision {
  if (command.type === 'ProposeResolution') return propose(command, state, context);
  if (state.status === 'NONE') {
    return left(
      refuse(
        'UnknownResolution',
        'payload.resolutionId',
        `Resolution ${command.payload.resolutionId} has not been proposed`,
      ),
    );
  }
  const at = state.meetings.get(command.payload.meetingId);
  if (!at) {
    return left(
      refuse(
        'ResolutionNotAtMeeting',
        'payload.meetingId',
        `${state.resolutionId} is not put to meeting ${command.payload.meetingId}`,
      ),
    );
  }
  const meeting = context.meetings.get(command.payload.meetingId);
  if (!meeting || meeting.status === 'NONE') {
    return left(
      refuse(
        'UnknownMeeting',
        'payload.meetingId',
        `Meeting ${command.payload.meetingId} has not been scheduled`,
      ),
    );
  }
  // A certified meeting's record is closed: no vote, rejection or result is added to it afterwards.
  const certified = refuseIfCertified(meeting);
  if (certified) return left(certified);
  // A withdrawn resolution takes no votes, loses none and is not decided at that meeting. Closing the
  // meeting's poll closes nothing on it (no poll was held on it), and must not stop the meeting's.
  if (at.withdrawn) {
    if (command.type === 'ClosePollOnResolution') return right([]);
    return left(
      refuse(
        'ResolutionWithdrawn',
        'payload.resolutionId',
        `${state.resolutionId} was withdrawn from ${meeting.meetingId}: ${at.withdrawn.reason}`,
      ),
    );
  }
  switch (command.type) {
    case 'WithdrawResolution':
      return withdraw(command, state, meeting);
    case 'CastVote':
      return castVote(command, state, at, meeting);
    case 'RejectVote':
      return rejectVote(command, at, meeting);
    case 'CloseVoting':
      return closeVoting(state, at, meeting);
    case 'ClosePollOnResolution':
      return at.pollClosed
        ? right([])
        : right([{ type: 'PollClosedOnResolution', data: { ...command.payload, at: command.issuedAt } }]);
  }
}

function propose(
  c: ResolutionCommandOf<'ProposeResolution'>,
  state: ResolutionState,
  context: ResolutionContext,
): ResolutionDecision {
  const p = c.payload;
  if (state.status !== 'NONE')
    return left(refuse('ResolutionAlreadyProposed', 'payload.resolutionId', `${p.resolutionId} exists`));
  const ids = p.meetings.map((m) => m.meetingId);
  if (new Set(ids).size !== ids.length)
    return left(refuse('DuplicateMeeting', 'payload.meetings', 'Each meeting may be named once'));
  // Nothing is put to a certified meeting, whichever of the meetings named it is.
  const certified = p.meetings
    .map((ref, i) =>
      refuseIfCertified(context.meetings.get(ref.meetingId), `payload.meetings[${i}].meetingId`),
    )
    .find((refusal) => refusal !== undefined);
  if (certified) return left(certified);
  const weights = p.votesPerShare ?? [];
  const classes = weights.map((w) => w.shareClass);
  if (new Set(classes).size !== classes.length)
    return left(
      refuse('DuplicateShareClass', 'payload.votesPerShare', 'Each share class may be weighted once'),
    );
  const meetings = [];
  for (const [i, ref] of p.meetings.entries()) {
    const meeting = context.meetings.get(ref.meetingId);
    if (!meeting || meeting.status === 'NONE') {
      return left(
        refuse(
          'UnknownMeeting',
          `payload.meetings[${i}].meetingId`,
          `Meeting ${ref.meetingId} has not been scheduled`,
        ),
      );
    }
    const tabled = meeting.agenda.get(ref.number);
    if (tabled?.resolutionId !== p.resolutionId) {
      return left(
        refuse(
          'NotOnAgenda',
          `payload.meetings[${i}].number`,
          `No. ${ref.number} at ${ref.meetingId} is not ${p.resolutionId}`,
        ),
      );
    }
    meetings.push({
      ...ref,
      label: labelOf(ref),
      majorityRule: p.majorityRule ?? meeting.ruleSet.majorities[p.kind],
    });
  }
  // A weight for a class no meeting of the resolution has would weigh nothing: a mistake, refused.
  const unknown = classes.findIndex(
    (code) => !p.meetings.some((ref) => votesPerShareDeclared(context.meetings.get(ref.meetingId), code)),
  );
  if (unknown >= 0)
    return left(
      refuse(
        'UnknownShareClass',
        `payload.votesPerShare[${unknown}].shareClass`,
        `No meeting of ${p.resolutionId} has share class ${classes[unknown]}`,
      ),
    );
  const data = {
    resolutionId: p.resolutionId,
    title: p.title,
    kind: p.kind,
    meetings,
    requiredToAbstain: p.requiredToAbstain ?? [],
    votesPerShare: weights,
  };
  return right([{ type: 'ResolutionProposed', data }]);
}

const votesPerShareDeclared = (meeting: MeetingState | undefined, code: string): boolean =>
  meeting !== undefined && meeting.status !== 'NONE' && meeting.shareClasses.some((c) => c.code === code);

/** Withdrawing is a change to the agenda: possible until the meeting's poll opens, never after. */
function withdraw(
  c: ResolutionCommandOf<'WithdrawResolution'>,
  r: ProposedResolution,
  m: Meeting,
): ResolutionDecision {
  if (m.phase !== 'SCHEDULED' && m.phase !== 'OPEN') {
    return left(
      refuse(
        'PollAlreadyOpened',
        'payload.meetingId',
        `The poll at ${m.meetingId} has opened (${m.phase}); ${r.resolutionId} can no longer be withdrawn there`,
      ),
    );
  }
  const { resolutionId, meetingId, reason } = c.payload;
  return right([
    { type: 'ResolutionWithdrawn', data: { resolutionId, meetingId, reason, withdrawnBy: c.actor } },
  ]);
}

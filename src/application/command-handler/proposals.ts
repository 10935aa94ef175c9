import { Either, isLeft, left, right } from 'fp-ts/Either';
import { ElectionCommandOf } from '../../domain/election/commands';
import { decideElection } from '../../domain/election/decide';
import { MeetingCommandOf } from '../../domain/meeting/commands';
import { decideMeeting } from '../../domain/meeting/decide';
import { ResolutionCommandOf } from '../../domain/resolution/commands';
import { DomainError, refuse } from '../../domain/shared/errors';
import { Election, Meeting, Resolution, streamName } from '../aggregates';
import { CommandOutcome, CommandSteps, StreamOutcome } from './steps';

type Proposal = ResolutionCommandOf<'ProposeResolution'>;

/**
 * A resolution is tabled on each meeting's agenda (where its number must be free), then proposed.
 * Every step is checked before any is written, so a refused proposal leaves no agenda entry behind;
 * a crash between the writes is completed by sending the same command again.
 */
export async function propose(
  steps: CommandSteps,
  command: Proposal,
): Promise<Either<DomainError, CommandOutcome>> {
  const tablings = command.payload.meetings.map((ref) => tablingOf(command, ref));
  const checked = await checkProposal(steps, command, tablings);
  if (isLeft(checked)) return checked;
  const streams: StreamOutcome[] = [];
  for (const [i, table] of tablings.entries()) {
    const tabled = await steps.onMeeting(table, command);
    if (isLeft(tabled)) return left(reField(tabled.left, `payload.meetings[${i}]`));
    streams.push(tabled.right);
  }
  const proposed = await steps.onResolution(command);
  return isLeft(proposed)
    ? proposed
    : right({ commandId: command.commandId, streams: [...streams, proposed.right] });
}

/** Decides every step of a proposal on the current states without writing anything. */
async function checkProposal(
  steps: CommandSteps,
  command: Proposal,
  tablings: readonly MeetingCommandOf<'TableResolution'>[],
): Promise<Either<DomainError, void>> {
  const resolution = await steps.states.load(
    Resolution,
    streamName(Resolution, command.payload.resolutionId),
  );
  if ((await resolution.recorded([command.commandId])).has(command.commandId)) return right(undefined);
  if (resolution.state.status !== 'NONE') {
    return left(
      refuse('ResolutionAlreadyProposed', 'payload.resolutionId', `${command.payload.resolutionId} exists`),
    );
  }
  for (const [i, table] of tablings.entries()) {
    const meeting = await steps.states.load(Meeting, streamName(Meeting, table.payload.meetingId));
    if ((await meeting.recorded([command.commandId])).has(command.commandId)) continue;
    const decision = decideMeeting(table, meeting.state, steps.meetingContext);
    if (isLeft(decision)) return left(reField(decision.left, `payload.meetings[${i}]`));
  }
  return right(undefined);
}

/**
 * An election is tabled on its meeting's agenda, then proposed, as a resolution is: both steps are
 * checked before either is written, and a crash between them is completed by sending it again.
 */
export async function proposeElection(
  steps: CommandSteps,
  command: ElectionCommandOf<'ProposeElection'>,
): Promise<Either<DomainError, CommandOutcome>> {
  const { meetingId, electionId, number, title } = command.payload;
  const table = {
    ...command,
    type: 'TableElection',
    payload: { meetingId, electionId, number, title },
  } as MeetingCommandOf<'TableElection'>;
  const meeting = await steps.states.load(Meeting, streamName(Meeting, meetingId));
  const election = await steps.states.load(Election, streamName(Election, electionId));
  if (!(await election.recorded([command.commandId])).has(command.commandId)) {
    const tabling = (await meeting.recorded([command.commandId])).has(command.commandId)
      ? right([])
      : decideMeeting(table, meeting.state, steps.meetingContext);
    if (isLeft(tabling)) return tabling;
    // The proposal is decided on a draft of the meeting as it would stand once tabled, never on the cache.
    const asTabled = tabling.right.reduce(Meeting.evolve, meeting.draft());
    const trial = decideElection(command, election.state, { meeting: asTabled });
    if (isLeft(trial)) return trial;
  }
  const tabled = await steps.onMeeting(table, command);
  if (isLeft(tabled)) return tabled;
  const proposed = await steps.onElection(command);
  return isLeft(proposed)
    ? proposed
    : right({ commandId: command.commandId, streams: [tabled.right, proposed.right] });
}

const reField = (error: DomainError, prefix: string): DomainError =>
  error.field.startsWith('payload.')
    ? { ...error, field: `${prefix}.${error.field.slice('payload.'.length)}` }
    : error;

const tablingOf = (
  command: Proposal,
  ref: { meetingId: string; number: number; label?: string },
): MeetingCommandOf<'TableResolution'> =>
  ({
    ...command,
    type: 'TableResolution',
    payload: {
      meetingId: ref.meetingId,
      resolutionId: command.payload.resolutionId,
      number: ref.number,
      ...(ref.label === undefined ? {} : { label: ref.label }),
      title: command.payload.title,
      kind: command.payload.kind,
      ...(command.payload.proposalId ? { proposalId: command.payload.proposalId } : {}),
    },
  }) as MeetingCommandOf<'TableResolution'>;

import { Either, isRight, right } from 'fp-ts/Either';
import { DomainEvent } from '../../domain/events';
import { MeetingCommand } from '../../domain/meeting/commands';
import { decideMeeting } from '../../domain/meeting/decide';
import { MeetingState } from '../../domain/meeting/state';
import { ResolutionCommand } from '../../domain/resolution/commands';
import { decideResolution } from '../../domain/resolution/decide';
import { ResolutionState } from '../../domain/resolution/state';
import { DomainError } from '../../domain/shared/errors';
import { Meeting, Resolution, streamName } from '../aggregates';
import { eventIdFor } from '../event-ids';
import { CommandSteps } from './steps';

/** What a trial decided: each meeting command's decision, and each ballot's. */
export interface Trial {
  readonly meeting: readonly Either<DomainError, readonly DomainEvent[]>[];
  readonly ballots: readonly Either<DomainError, readonly DomainEvent[]>[];
}

/**
 * Decides, recording nothing, `meetingCommands` on a draft of their meeting and then `ballots`
 * (resolution commands, in order, each on a draft of its resolution that holds the ballots decided
 * before it) against the meeting as those commands would leave it. A caller that must record a
 * meeting fact only if a ballot that depends on it is accepted (an import row's attendance and
 * vote: a refused row records nothing) asks this first. A command already on the record is decided
 * as accepted with no events, as recording it again would be.
 */
export async function trialAfterMeeting(
  steps: Pick<CommandSteps, 'states' | 'meetingContext'>,
  meetingId: string,
  meetingCommands: readonly MeetingCommand[],
  ballots: readonly ResolutionCommand[],
): Promise<Trial> {
  const stream = streamName(Meeting, meetingId);
  const loaded = await steps.states.load(Meeting, stream);
  const known = await loaded.recorded(meetingCommands.map((c) => c.commandId));
  let draft = loaded.draft();
  const meeting = meetingCommands.map((command) => {
    if (known.has(command.commandId)) return right([]);
    const decided = decideMeeting(command, draft, steps.meetingContext);
    if (isRight(decided)) draft = decided.right.reduce<MeetingState>(Meeting.evolve, draft);
    return decided;
  });
  const meetings = new Map<string, MeetingState>([[meetingId, draft]]);
  for (const ballot of ballots) {
    const at = ballot.type === 'ProposeResolution' ? undefined : ballot.payload.meetingId;
    if (at !== undefined && !meetings.has(at))
      meetings.set(at, (await steps.states.load(Meeting, streamName(Meeting, at))).state);
  }
  // Per resolution: its draft, and which of the ballots its stream already holds (asked once).
  const resolutions = new Map<string, { draft: ResolutionState; known: ReadonlySet<string> }>();
  for (const stream of new Set(ballots.map((b) => streamName(Resolution, b.payload.resolutionId)))) {
    const loadedResolution = await steps.states.load(Resolution, stream);
    const ids = ballots
      .filter((b) => streamName(Resolution, b.payload.resolutionId) === stream)
      .map((b) => b.commandId);
    const recorded = await loadedResolution.recorded(
      ids,
      ids.map((id) => eventIdFor(id, stream, 0)),
    );
    resolutions.set(stream, { draft: loadedResolution.draft(), known: new Set(recorded.keys()) });
  }
  const decisions = ballots.map((ballot) => {
    const resolution = resolutions.get(streamName(Resolution, ballot.payload.resolutionId))!;
    if (resolution.known.has(ballot.commandId)) return right([]);
    const decided = decideResolution(ballot, resolution.draft, { meetings });
    if (isRight(decided))
      resolution.draft = decided.right.reduce<ResolutionState>(Resolution.evolve, resolution.draft);
    return decided;
  });
  return { meeting, ballots: decisions };
}

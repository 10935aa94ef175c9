import { Either, isLeft, left, right } from 'fp-ts/Either';
import { DomainEvent } from '../../domain/events';
import { ElectionCommand } from '../../domain/election/commands';
import { MeetingCommandOf } from '../../domain/meeting/commands';
import { decideMeeting } from '../../domain/meeting/decide';
import { RecordSeal } from '../../domain/meeting/events';
import { MeetingState } from '../../domain/meeting/state';
import { ResolutionCommand } from '../../domain/resolution/commands';
import { DomainError } from '../../domain/shared/errors';
import { Election, Meeting, Resolution, streamName } from '../aggregates';
import { commandDigest } from '../command-digest';
import { envelopeOf } from '../event-envelope';
import { reusedIdError } from '../command-id-claims';
import { CommandIdReused, WrongExpectedVersion } from '../event-store';
import { SealChunk, sealFromChunks, sealRecord, sealStreamOf } from '../record-seal';
import { CommandOutcome, CommandSteps, StreamOutcome } from './steps';

/** Seal chunks appended at a time: each append stays well under a server's maximum append size. */
const CHUNKS_PER_APPEND = 8;

/** Stands in for the seal while checking that a certification would be accepted at all. */
const TRIAL_SEAL: RecordSeal = {
  algorithm: 'sha256-canonical-json-v1',
  root: '0'.repeat(64),
  fingerprintsDigest: '0'.repeat(64),
  sealStream: 'trial',
  events: 0,
  streams: [],
};

/**
 * Closing a meeting's poll closes it first on each resolution at the meeting, then on the meeting.
 * A vote decided while the poll was open but appended after that finds its resolution's stream
 * changed, is decided again, and refused: no vote is recorded after the poll closed. A crash between
 * the steps is completed by sending the command again.
 */
export async function closePoll(
  steps: CommandSteps,
  command: MeetingCommandOf<'ClosePoll'>,
): Promise<Either<DomainError, CommandOutcome>> {
  const { meetingId } = command.payload;
  const meeting = await steps.states.load(Meeting, streamName(Meeting, meetingId));
  if (!(await meeting.recorded([command.commandId])).has(command.commandId)) {
    const trial = decideMeeting(command, meeting.state, steps.meetingContext);
    if (isLeft(trial)) return trial;
  }
  const agenda = meeting.state.status === 'SCHEDULED' ? [...meeting.state.agenda.values()] : [];
  const streams: StreamOutcome[] = [];
  for (const { resolutionId, election } of agenda) {
    const closed = election
      ? await steps.onElection(
          {
            ...command,
            type: 'ClosePollOnElection',
            payload: { electionId: resolutionId, meetingId },
          } as ElectionCommand,
          command,
        )
      : await steps.onResolution(
          {
            ...command,
            type: 'ClosePollOnResolution',
            payload: { resolutionId, meetingId },
          } as ResolutionCommand,
          command,
        );
    if (isLeft(closed)) return closed;
    streams.push(closed.right);
  }
  const outcome = await steps.onMeeting(command);
  return isLeft(outcome)
    ? outcome
    : right({ commandId: command.commandId, streams: [...streams, outcome.right] });
}

/**
 * Certifying seals the record first: the fingerprints of every event of the meeting's streams go
 * to its seal stream, then ResultsCertified carries the seal. A certification that crashed between
 * the two is completed from the fingerprints it already wrote; a refused one writes nothing.
 */
export async function certify(
  steps: CommandSteps,
  command: MeetingCommandOf<'CertifyResults'>,
): Promise<Either<DomainError, CommandOutcome>> {
  const meeting = await steps.states.load(Meeting, streamName(Meeting, command.payload.meetingId));
  const context = { ...steps.meetingContext, undecided: await undecidedAt(steps, meeting.state) };
  if (!(await meeting.recorded([command.commandId])).has(command.commandId)) {
    const trial = decideMeeting(command, meeting.state, { ...context, seal: TRIAL_SEAL });
    if (isLeft(trial)) return trial;
  }
  let sealed;
  try {
    sealed = await sealOnce(steps, command);
  } catch (error) {
    // The seal stream is the first the command writes: there the store finds its id held by another command.
    if (error instanceof CommandIdReused) return left(reusedIdError(command.commandId));
    throw error;
  }
  const outcome = await steps.onMeeting(command, command, { ...context, seal: sealed.seal });
  return isLeft(outcome)
    ? outcome
    : right({ commandId: command.commandId, streams: [sealed.outcome, outcome.right] });
}

/**
 * The resolutions and elections on the meeting's agenda neither decided there nor withdrawn, read
 * from their streams: the domain refuses to certify while any is left (nothing is decided after).
 */
async function undecidedAt(steps: CommandSteps, meeting: MeetingState): Promise<string[]> {
  if (meeting.status !== 'SCHEDULED') return [];
  const undecided: string[] = [];
  for (const { resolutionId: id, election } of meeting.agenda.values()) {
    if (election) {
      const e = (await steps.states.load(Election, streamName(Election, id))).state;
      if (e.status === 'PROPOSED' && !e.decided && !e.withdrawn) undecided.push(id);
    } else {
      const r = (await steps.states.load(Resolution, streamName(Resolution, id))).state;
      const at = r.status === 'PROPOSED' ? r.meetings.get(meeting.meetingId) : undefined;
      if (at && !at.decided && !at.withdrawn) undecided.push(id);
    }
  }
  return undecided;
}

async function sealOnce(
  steps: CommandSteps,
  command: MeetingCommandOf<'CertifyResults'>,
): Promise<{ seal: RecordSeal; outcome: StreamOutcome }> {
  const { store } = steps;
  const { meetingId } = command.payload;
  const sealStream = sealStreamOf(meetingId);
  const written = (await store.readStream(sealStream)).map((e) => e.data as SealChunk);
  const { seal, chunks } = await sealRecord(store, meetingId);
  if (!chunks.slice(0, written.length).every((chunk, i) => sameChunk(chunk, written[i]))) {
    // A seal begun on the record as it stood then stands as it was written.
    const events = written.map((data): DomainEvent => ({ type: 'RecordSealed', data }));
    return {
      seal: await sealFromChunks(store, meetingId, written),
      outcome: { streamName: sealStream, events, alreadyRecorded: true },
    };
  }
  // The chunks not yet written: all of them, or the rest of a sealing that crashed or is under way
  // elsewhere. A seal is never built from part of its chunks.
  const events: DomainEvent[] = chunks.map((data) => ({ type: 'RecordSealed', data }));
  const digest = commandDigest(command);
  try {
    for (let from = written.length; from < events.length; from += CHUNKS_PER_APPEND) {
      const batch = events
        .slice(from, from + CHUNKS_PER_APPEND)
        .map((e, i) => envelopeOf(command, sealStream, e, from + i, digest));
      await store.append(sealStream, batch, from === 0 ? 'no_stream' : from - 1);
    }
  } catch (error) {
    // Another certification of this meeting is writing the same chunks: read what it wrote and go on.
    if (error instanceof WrongExpectedVersion) return sealOnce(steps, command);
    throw error;
  }
  const alreadyRecorded = written.length === chunks.length;
  return { seal, outcome: { streamName: sealStream, events, alreadyRecorded } };
}

const sameChunk = (a: SealChunk, b: SealChunk): boolean =>
  a.meetingId === b.meetingId &&
  a.chunk === b.chunk &&
  a.streamName === b.streamName &&
  a.fromRevision === b.fromRevision &&
  a.fingerprints === b.fingerprints;

import { Either, isLeft, isRight } from 'fp-ts/Either';
import { decodeCommand } from '../../src/application/validation';
import { GovrecCommand } from '../../src/domain/commands';
import { DomainEvent } from '../../src/domain/events';
import { decideMeeting, MeetingContext } from '../../src/domain/meeting/decide';
import { MeetingCommand } from '../../src/domain/meeting/commands';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { evolveMeeting, initialMeetingState, MeetingState } from '../../src/domain/meeting/state';
import { ResolutionCommand } from '../../src/domain/resolution/commands';
import { decideResolution } from '../../src/domain/resolution/decide';
import { ResolutionEvent } from '../../src/domain/resolution/events';
import { evolveResolution, initialResolutionState } from '../../src/domain/resolution/state';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { Decider } from '../../src/domain/shared/decider';
import { DomainError } from '../../src/domain/shared/errors';

/**
 * Given/when/then on events. `given` is the history, `when` a command (raw, as a client sends it,
 * decoded by the same codecs), `then` the events decided or the rule and field of the refusal.
 */
export const meetingContext: MeetingContext = { ruleSet: ruleSetById };

export const meetingStateOf = (events: readonly MeetingEvent[]): MeetingState =>
  events.reduce(evolveMeeting, initialMeetingState());

let sequence = 0;
/** A command envelope around a payload, as a client would send it. */
export function cmd(type: string, payload: unknown, extra: Record<string, unknown> = {}): GovrecCommand {
  sequence += 1;
  const decoded = decodeCommand({
    type,
    payload,
    commandId: `cmd-${sequence}`,
    actor: 'registrar:test',
    issuedAt: '2023-11-23T14:00:00+08:00',
    ...extra,
  });
  if (isLeft(decoded)) throw new Error(`Test command does not decode: ${JSON.stringify(decoded.left)}`);
  return decoded.right;
}

export interface Outcome {
  thenEvents(expected: readonly DomainEvent[]): void;
  thenRefused(rule: string, field?: string): DomainError;
  events(): DomainEvent[];
}

const outcome = (decision: Either<DomainError, DomainEvent[]>): Outcome => ({
  thenEvents: (expected) => {
    if (isLeft(decision)) throw new Error(`Expected events, got refusal ${JSON.stringify(decision.left)}`);
    expect(decision.right).toEqual(expected);
  },
  thenRefused: (rule, field) => {
    if (isRight(decision))
      throw new Error(`Expected refusal ${rule}, got events ${JSON.stringify(decision.right)}`);
    expect(decision.left.rule).toBe(rule);
    if (field !== undefined) expect(decision.left.field).toBe(field);
    expect(decision.left.message.length).toBeGreaterThan(0);
    return decision.left;
  },
  events: () => {
    if (isLeft(decision)) throw new Error(`Expected events, got refusal ${JSON.stringify(decision.left)}`);
    return decision.right;
  },
});

export const givenMeeting = (history: readonly MeetingEvent[], context: Partial<MeetingContext> = {}) => ({
  when: (command: GovrecCommand): Outcome =>
    outcome(
      decideMeeting(command as MeetingCommand, meetingStateOf(history), { ...meetingContext, ...context }),
    ),
});

/**
 * Given/when/then on an aggregate's decider value: `given` its history, folded by the decider's
 * evolve from its initial state, with the context the command handler would supply; `when` a command.
 */
export const given = <C extends GovrecCommand, E extends DomainEvent, S, X>(
  decider: Decider<C, E, S, X>,
  history: readonly E[],
  context: X,
) => ({
  when: (command: GovrecCommand): Outcome =>
    outcome(decider.decide(command as C, history.reduce(decider.evolve, decider.initialState()), context)),
});

/** A seal as the command handler computes it for a certification (see src/application/record-seal.ts). */
export const SEAL = {
  algorithm: 'sha256-canonical-json-v1' as const,
  root: 'a'.repeat(64),
  fingerprintsDigest: 'b'.repeat(64),
  sealStream: 'seal-m1',
  events: 12,
  streams: [{ streamName: 'meeting-m1', lastRevision: 11 }],
};

/** A resolution's history, with the histories of the meetings it is put to. */
export const givenResolution = (
  history: readonly ResolutionEvent[],
  meetings: Record<string, readonly MeetingEvent[]>,
) => ({
  when: (command: GovrecCommand): Outcome => {
    const state = history.reduce(evolveResolution, initialResolutionState());
    const meetingStates = new Map(
      Object.entries(meetings).map(([id, events]) => [id, meetingStateOf(events)]),
    );
    return outcome(decideResolution(command as ResolutionCommand, state, { meetings: meetingStates }));
  },
});

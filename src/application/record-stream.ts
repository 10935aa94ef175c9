import { Either, isLeft } from 'fp-ts/Either';
import { GovrecCommand } from '../domain/commands';
import { DomainEvent } from '../domain/events';
import { DomainError, refuse } from '../domain/shared/errors';
import { AggregateStates, Loaded, RecordedCommands } from './aggregate-states';
import { AggregateKind } from './aggregates';
import { commandDigest } from './command-digest';
import { refusingReusedIds } from './command-id-claims';
import { envelopeOf } from './event-envelope';
import { BatchOutcome } from './batch-outcome';
import { eventIdFor } from './event-ids';
import { AppendTooLarge, EventStore, EventToAppend, WrongExpectedVersion } from './event-store';

export type { BatchOutcome } from './batch-outcome';

export type Decide<S, C> = (command: C, state: S) => Either<DomainError, DomainEvent[]>;

/** How to decide commands of one aggregate kind on one of its streams. */
export interface StreamDecider<S, C extends GovrecCommand> {
  readonly aggregate: AggregateKind<S>;
  /** Loads, once per attempt, what the decisions need besides the stream's own state. */
  prepare(commands: readonly C[]): Promise<Decide<S, C>>;
}

/**
 * The one policy for retrying a lost race, shared by every writer. A lost race means another writer
 * advanced the stream, so the record is moving: retrying converges as long as each attempt re-reads
 * the stream (a command the other writer recorded is then answered alreadyRecorded). A count of
 * attempts gave up under honest contention (four processes, 8 attempts); a deadline bounds the
 * wait instead, whatever the number of writers.
 */
export interface RetryPolicy {
  /** At most this many attempts, when set (tests); by default attempts stop only at the deadline. */
  readonly maxAttempts?: number;
  /** How long a batch keeps retrying lost races, in ms, from its first attempt. Default 30,000. */
  readonly retryDeadlineMs?: number;
  /** Delay before the n-th retry, in ms; full jitter over an exponential window by default. */
  readonly backoff?: (attempt: number) => number;
}

/** See RetryPolicy.retryDeadlineMs. */
export const RETRY_DEADLINE_MS = 30_000;

export interface StreamBatchOptions extends RetryPolicy {
  /**
   * The digest each command is recorded under, when it is a step derived from the command a client
   * sent (a proposal's tabling): the digest of that command, so a retry of it is recognised.
   */
  readonly digestOf?: (command: GovrecCommand) => string;
}

interface Plan<S> {
  readonly outcomes: BatchOutcome[];
  readonly toAppend: EventToAppend[];
  /** Every event of toAppend, in order, for advancing the cached state after the append. */
  readonly decided: DomainEvent[];
  /** The draft, evolved by every event of toAppend. */
  readonly state: S;
}

/**
 * Full jitter (a uniform delay in [0, window)): writers that lost the same race spread out instead
 * of colliding again in step, which a half-jittered delay let them do.
 */
const defaultBackoff = (attempt: number): number => Math.random() * Math.min(250, 2 * 2 ** attempt);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Decides many commands for one stream on its cached state and appends every accepted event in one
 * append with the revision that state was read at: one transaction, one round trip. Each command is
 * decided on a draft that already holds the events decided before it in the batch. A refused
 * command writes nothing and does not stop the others; a command whose id the stream already holds
 * is answered alreadyRecorded, so a re-run batch writes nothing. A lost race throws the whole
 * decision away and decides again on the newer state (the cached state was never touched); an
 * append too large for the store is split in two.
 */
export const recordBatch = <S, C extends GovrecCommand>(
  store: EventStore,
  states: AggregateStates,
  decider: StreamDecider<S, C>,
  stream: string,
  commands: readonly C[],
  options: StreamBatchOptions = {},
): Promise<BatchOutcome[]> =>
  refusingReusedIds(commands, (rest) => recordStreamBatch(store, states, decider, stream, rest, options));

async function recordStreamBatch<S, C extends GovrecCommand>(
  store: EventStore,
  states: AggregateStates,
  decider: StreamDecider<S, C>,
  stream: string,
  commands: readonly C[],
  options: StreamBatchOptions = {},
): Promise<BatchOutcome[]> {
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  const deadline = Date.now() + (options.retryDeadlineMs ?? RETRY_DEADLINE_MS);
  const commandIds = commands.map((c) => c.commandId);
  // Each command's first event id serves twice: to ask whether it was recorded, and in its envelope.
  const firstEventIds = commandIds.map((id) => eventIdFor(id, stream, 0));
  let plan: Plan<S> | undefined;
  let attempt = 1;
  for (; ; attempt++) {
    const loaded = await states.load(decider.aggregate, stream);
    const known = await loaded.recorded(commandIds, firstEventIds);
    const decide = await decider.prepare(commands);
    plan = planBatch(decider, loaded, known, stream, commands, firstEventIds, decide, options);
    if (plan.toAppend.length === 0) return plan.outcomes;
    try {
      const appended = await store.append(
        stream,
        plan.toAppend,
        loaded.revision < 0 ? 'no_stream' : loaded.revision,
      );
      states.accepted(decider.aggregate, stream, loaded.revision + 1, plan.decided, plan.state);
      // The same events were there already: another writer (the same file imported by another
      // process) decided the same commands on the same state and recorded them first. This one
      // wrote nothing, so it says so rather than claim them.
      if (appended?.written === 0) return plan.outcomes.map(notClaimed);
      return plan.outcomes;
    } catch (error) {
      if (error instanceof AppendTooLarge && commands.length > 1)
        return recordHalves(store, states, decider, stream, commands, options);
      if (!(error instanceof WrongExpectedVersion)) throw error;
      if (attempt >= maxAttempts || Date.now() >= deadline) break;
      await sleep((options.backoff ?? defaultBackoff)(attempt));
    }
  }
  return gaveUp(stream, attempt, plan);
}

const notClaimed = (outcome: BatchOutcome): BatchOutcome =>
  outcome.kind === 'recorded' ? { kind: 'alreadyRecorded' } : outcome;

function planBatch<S, C extends GovrecCommand>(
  decider: StreamDecider<S, C>,
  loaded: Loaded<S>,
  known: RecordedCommands,
  stream: string,
  commands: readonly C[],
  firstEventIds: readonly string[],
  decide: Decide<S, C>,
  options: StreamBatchOptions,
): Plan<S> {
  const digestOf = options.digestOf ?? commandDigest;
  const outcomes: BatchOutcome[] = [];
  const toAppend: EventToAppend[] = [];
  const decided: DomainEvent[] = [];
  // commandId → the index of the batch's first command with it (its digest and outcome).
  const inBatch = new Map<string, number>();
  const digests: string[] = new Array(commands.length);
  let state = loaded.draft();
  for (let c = 0; c < commands.length; c++) {
    const command = commands[c];
    const digest = digestOf(command);
    digests[c] = digest;
    const earlier = recordedBefore(command.commandId, digest, known, inBatch, digests, outcomes);
    if (earlier) {
      outcomes.push(earlier);
      continue;
    }
    const decision = decide(command, state);
    inBatch.set(command.commandId, c);
    if (isLeft(decision)) {
      outcomes.push({ kind: 'refused', error: decision.left });
      continue;
    }
    const events = decision.right;
    outcomes.push({ kind: 'recorded', events });
    if (events.length === 0) continue;
    for (let i = 0; i < events.length; i++) {
      const eventId = i === 0 ? firstEventIds[c] : eventIdFor(command.commandId, stream, i);
      toAppend.push(envelopeOf(command, stream, events[i], i, digest, eventId));
      state = decider.aggregate.evolve(state, events[i]);
      decided.push(events[i]);
    }
  }
  return { outcomes, toAppend, decided, state };
}

/**
 * The outcome of a command id met before, in the stream or earlier in the batch: the same command
 * again is recorded once (or refused alike); another command under a used id is refused, as the
 * command handler refuses it.
 */
function recordedBefore(
  commandId: string,
  digest: string,
  known: RecordedCommands,
  inBatch: ReadonlyMap<string, number>,
  digests: readonly string[],
  outcomes: readonly BatchOutcome[],
): BatchOutcome | undefined {
  const inStream = known.has(commandId);
  const earlier = inBatch.get(commandId);
  if (!inStream && earlier === undefined) return undefined;
  const recorded = inStream ? known.get(commandId) : digests[earlier!];
  if (recorded !== undefined && recorded !== digest) {
    const message = `${commandId} was used by another command; a retry must repeat it exactly`;
    return { kind: 'refused', error: refuse('CommandIdReused', 'commandId', message) };
  }
  const outcome = earlier === undefined ? undefined : outcomes[earlier];
  return outcome?.kind === 'refused' ? outcome : { kind: 'alreadyRecorded' };
}

async function recordHalves<S, C extends GovrecCommand>(
  store: EventStore,
  states: AggregateStates,
  decider: StreamDecider<S, C>,
  stream: string,
  commands: readonly C[],
  options: StreamBatchOptions,
): Promise<BatchOutcome[]> {
  const middle = Math.ceil(commands.length / 2);
  const first = await recordBatch(store, states, decider, stream, commands.slice(0, middle), options);
  const second = await recordBatch(store, states, decider, stream, commands.slice(middle), options);
  return [...first, ...second];
}

/** Every command that would have written something is refused; the others keep their outcome. */
function gaveUp<S>(stream: string, attempts: number, plan: Plan<S>): BatchOutcome[] {
  const error = refuse(
    'ConcurrencyConflict',
    'commandId',
    `${stream} kept changing; the command was not recorded after ${attempts} attempts`,
  );
  return plan.outcomes.map((o) => (o.kind === 'recorded' ? { kind: 'refused', error } : o));
}

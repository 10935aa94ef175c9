import {
  AppendResult as EsdbAppendResult,
  CancelledError,
  DeadlineExceededError,
  EventData,
  EventStoreDBClient,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ExpectedRevision } from '../../../application/event-store';
import { toExpectedRevision } from './esdb-codec';

/**
 * Errors after which an append may or may not have been written. The server's write timeout is
 * 2 s and a timed-out write may still commit; an election answers not-leader or UNAVAILABLE to
 * writes a majority already acknowledged; a BatchAppend call that fails rejects every append in
 * flight on it, committed or not (ESDB-WIRE.md). The client retries none of them.
 */
export const isOutcomeUnknown = (error: unknown): boolean =>
  error instanceof TimeoutError ||
  error instanceof DeadlineExceededError ||
  error instanceof UnavailableError ||
  error instanceof NotLeaderError ||
  error instanceof CancelledError;

/** What the stream holds where an append would have put its events. */
export type Landing =
  /** Every event, in order, at consecutive revisions; `ours` when this append's attempt wrote them. */
  | {
      readonly kind: 'there';
      readonly lastRevision: number;
      readonly position: number;
      readonly ours: boolean;
    }
  | { readonly kind: 'absent' };

/** How the adapter sends one append and looks for its events: see EsdbEventStore. */
export interface AppendTarget {
  readonly client: EventStoreDBClient;
  /** Where the events are, by their ids, read from the leader. */
  landing(): Promise<Landing>;
}

/** How long an append whose outcome is unknown keeps being resolved before it is reported so. */
export const RESOLVE_DEADLINE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The port's outcome of one append once known: the server's answer, or what the stream shows. */
export type Settled =
  | { readonly kind: 'answered'; readonly result: EsdbAppendResult }
  | { readonly kind: 'found'; readonly landing: Extract<Landing, { kind: 'there' }> };

/** An append whose outcome could not be learnt before the deadline; nothing may be assumed of it. */
export class AppendOutcomeUnknown extends Error {
  constructor(
    readonly streamName: string,
    readonly cause: unknown,
  ) {
    super(`The outcome of an append to ${streamName} is unknown: ${String(cause)}`);
    this.name = 'AppendOutcomeUnknown';
  }
}

/**
 * Sends the append, requiring the leader. When the answer is lost (isOutcomeUnknown), it finds out
 * before answering: the events, looked for by their ids on the leader, are there (the lost answer
 * was a success) or they are not, and the very same append is sent again. With an exact or
 * no_stream expected revision that retry is safe whatever happened: the server checks those
 * against its index and answers an idempotent success, writes, or refuses with a wrong expected
 * version, never writing twice. A retry that meets the first write still replicating times out
 * again; the loop waits and looks again until the deadline.
 */
export async function appendSettled(
  target: AppendTarget,
  streamName: string,
  events: readonly EventData[],
  expected: ExpectedRevision,
  deadlineMs = RESOLVE_DEADLINE_MS,
): Promise<Settled> {
  const send = () =>
    target.client.appendToStream(streamName, [...events], {
      expectedRevision: toExpectedRevision(expected),
      requiresLeader: true,
    });
  const deadline = Date.now() + deadlineMs;
  let lost: unknown;
  try {
    return { kind: 'answered', result: await send() };
  } catch (error) {
    if (!isOutcomeUnknown(error)) throw error;
    lost = error;
  }
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    await sleep(Math.min(1_000, 20 * 2 ** attempt));
    const landing = await lookUp(target);
    if (landing?.kind === 'there') return { kind: 'found', landing };
    if (landing === undefined) continue; // the leader could not be asked yet
    try {
      return { kind: 'answered', result: await send() };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return settleConflict(target, error);
      if (!isOutcomeUnknown(error)) throw error;
      lost = error;
    }
  }
  throw new AppendOutcomeUnknown(streamName, lost);
}

/** undefined when the read itself met the election or the timeout. */
async function lookUp(target: AppendTarget): Promise<Landing | undefined> {
  try {
    return await target.landing();
  } catch (error) {
    if (isOutcomeUnknown(error)) return undefined;
    throw error;
  }
}

/**
 * A retry refused: the stream moved on. The first attempt may have committed meanwhile, in which
 * case the events are there; otherwise the refusal is the truth and the caller decides again.
 */
async function settleConflict(target: AppendTarget, conflict: WrongExpectedVersionError): Promise<Settled> {
  const landing = await target.landing();
  if (landing.kind === 'there') return { kind: 'found', landing };
  throw conflict;
}

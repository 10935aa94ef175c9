import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';
import { decodeWith } from '../application/validation';
import { DomainError } from '../domain/shared/errors';

/**
 * Why govrec did not do what it was asked. Every kind names the rule (a stable code to switch on),
 * the field of the input that carries the offending value, and a message for a person. Nothing was
 * recorded when one of these is returned.
 *
 * - `invalid`: the input does not decode (a field fails its codec, an unknown command type, a file
 *   that cannot be read): nothing was decided.
 * - `refused`: the domain decided against it (e.g. `PollNotOpen`, `OverVote`, `AlreadyVoted`).
 * - `conflict`: the command could not be recorded as sent: its id was used by another command
 *   (`CommandIdReused`), or its stream kept changing (`ConcurrencyConflict`; sending it again is safe).
 */
export type GovrecError =
  | { readonly kind: 'invalid'; readonly rule: string; readonly field: string; readonly message: string }
  | { readonly kind: 'refused'; readonly rule: string; readonly field: string; readonly message: string }
  | { readonly kind: 'conflict'; readonly rule: string; readonly field: string; readonly message: string };

/** What a call gives back: its value, or why not. Never thrown: a refusal is an answer. */
export type Result<T, E = GovrecError> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

const CONFLICTS = new Set(['CommandIdReused', 'ConcurrencyConflict']);

/** The kind of a domain refusal, by its rule. */
export function govrecError(error: DomainError): GovrecError {
  const { rule, field, message } = error;
  if (rule.startsWith('Invalid') || rule === 'UnknownCommandType')
    return { kind: 'invalid', rule, field, message };
  if (CONFLICTS.has(rule)) return { kind: 'conflict', rule, field, message };
  return { kind: 'refused', rule, field, message };
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const failed = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Input checked by a codec: its value, or the first field that fails and why. */
export function decodeInput<A>(codec: t.Decoder<unknown, A>, input: unknown): Result<A> {
  const decoded = decodeWith(codec)(input);
  return isLeft(decoded) ? failed(govrecError(decoded.left)) : ok(decoded.right);
}

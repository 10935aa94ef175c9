import { DomainError } from '../../index';
import { Caller } from './api-keys';
import { refuse } from './refusals';

/** How far a client's `issuedAt` may stand from the server's clock, either way: five minutes. */
export const ISSUED_AT_SKEW_MS = 5 * 60_000;

/** The earliest `issuedAt` even a historical key may give: no company law govrec knows is older. */
export const EARLIEST_ISSUED_AT = '1900-01-01T00:00:00Z';

type Stamped =
  { readonly ok: true; readonly issuedAt: string } | { readonly ok: false; readonly error: DomainError };

/**
 * The time a command posted over HTTP is recorded at. The domain has no clock and trusts the
 * command's, so over the wire the server's clock is the command's: an `issuedAt` a client gives is
 * only checked against it (a client whose clock is wrong hears so) and then replaced by it, so no
 * backdating can step round a time rule (postponing after the start, lodging after the deadline).
 * A key flagged `historical` is the one privileged path for recording a meeting held before: its
 * `issuedAt` stands, but never later than now nor before 1900.
 */
export function stampedTime(caller: Caller, given: string, now: Date): Stamped {
  const at = Date.parse(given);
  const nowMs = now.getTime();
  if (caller.historical) {
    if (at > nowMs + ISSUED_AT_SKEW_MS)
      return refused(
        'IssuedAtInFuture',
        `issuedAt ${given} is later than the server's clock (${now.toISOString()})`,
      );
    if (at < Date.parse(EARLIEST_ISSUED_AT))
      return refused('IssuedAtTooEarly', `issuedAt ${given} is before ${EARLIEST_ISSUED_AT}`);
    return { ok: true, issuedAt: given };
  }
  if (Math.abs(at - nowMs) > ISSUED_AT_SKEW_MS)
    return refused(
      'IssuedAtOutsideSkew',
      `issuedAt ${given} is more than 5 minutes from the server's clock (${now.toISOString()}); leave it out, and the server stamps the command`,
    );
  return { ok: true, issuedAt: now.toISOString() };
}

const refused = (rule: string, message: string): Stamped => ({
  ok: false,
  error: refuse(rule, 'issuedAt', message),
});

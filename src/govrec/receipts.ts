import { isLeft } from 'fp-ts/Either';
import { EventStore } from '../application/event-store';
import { makeReceipt } from '../application/receipts/make-receipt';
import { VoteReceipt } from '../application/receipts/receipt-codec';
import { ReceiptVerdict, verifyReceipt as checkReceipt } from '../application/receipts/verify-receipt';
import { decodeInput, failed, govrecError, ok, Result } from './errors';

export type { ReceiptVerdict, VoteReceipt };

/**
 * Vote receipts through the facade: made from a store, checked with nothing but the receipt and the
 * root published with the results.
 */

/** A holder's receipt for their votes at a certified meeting (see VoteReceipt). */
export async function receiptOf(
  store: EventStore,
  meetingId: string,
  holderId: string,
): Promise<Result<VoteReceipt>> {
  const made = await makeReceipt(store, meetingId, holderId);
  return isLeft(made) ? failed(govrecError(made.left)) : ok(made.right);
}

/**
 * Checks a vote receipt (as read from its file: any JSON value) against the root published with the
 * results, offline. `ok: false` only for input that is no receipt or no root; a receipt that does not
 * verify is a verdict with `valid: false` naming each failure (another root, a vote changed, a vote
 * not counted).
 */
export function verifyReceipt(receipt: unknown, root: string): Result<ReceiptVerdict> {
  if (!/^[0-9a-fA-F]{64}$/.test(root))
    return failed({
      kind: 'invalid',
      rule: 'Invalid:Sha256Hex',
      field: 'root',
      message: 'The root is 64 hexadecimal digits, as published with the results',
    });
  const decoded = decodeInput(VoteReceipt, receipt);
  return decoded.ok ? ok(checkReceipt(decoded.value, root)) : decoded;
}

import { left, right } from 'fp-ts/Either';
import { refuse } from '../shared/errors';
import { MeetingCommandOf } from './commands';
import { MeetingDecision, Scheduled } from './decision';
import { ClassTotal } from './events';

/**
 * The register of holders entitled at the record date: recorded in numbered batches, then closed
 * with its totals per class, checked against the shares issued and the registrar's control totals.
 */

export function recordEntitlements(c: MeetingCommandOf<'RecordEntitlements'>, m: Scheduled): MeetingDecision {
  if (!m.recordDate)
    return left(
      refuse('RecordDateNotFixed', 'payload.meetingId', 'Fix the record date before recording the register'),
    );
  if (m.registerClosed)
    return left(refuse('RegisterClosed', 'payload.batch', 'The register for this meeting is closed'));
  if (c.payload.batch !== m.entitlementBatches + 1) {
    return left(
      refuse(
        'BatchOutOfSequence',
        'payload.batch',
        `Expected batch ${m.entitlementBatches + 1}, got ${c.payload.batch}`,
      ),
    );
  }
  const seen = new Set<string>();
  for (const [i, h] of c.payload.holders.entries()) {
    const field = `payload.holders[${i}]`;
    if (!m.shareClasses.some((s) => s.code === h.shareClass)) {
      return left(
        refuse(
          'ShareClassNotAtMeeting',
          `${field}.shareClass`,
          `Class ${h.shareClass} does not vote at ${m.meetingId}`,
        ),
      );
    }
    if (h.shares === 0)
      return left(
        refuse('EmptyHolding', `${field}.shares`, 'A holder on the register holds at least one share'),
      );
    if (seen.has(h.holderId) || m.entitlements.has(h.holderId)) {
      return left(
        refuse('DuplicateHolder', `${field}.holderId`, `Holder ${h.holderId} is already on the register`),
      );
    }
    seen.add(h.holderId);
  }
  return right([{ type: 'EntitlementsRecorded', data: c.payload }]);
}

function registerTotals(m: Scheduled): ClassTotal[] {
  return m.shareClasses.map((cls) => {
    let holders = 0;
    let shares = 0;
    for (const e of m.entitlements.values()) {
      if (e.shareClass !== cls.code) continue;
      holders += 1;
      shares += e.shares;
    }
    return { shareClass: cls.code, holders, shares, votes: shares * cls.votesPerShare };
  });
}

export function closeRegister(c: MeetingCommandOf<'CloseRegister'>, m: Scheduled): MeetingDecision {
  if (m.registerClosed)
    return left(refuse('RegisterClosed', 'payload.meetingId', 'The register is already closed'));
  if (m.entitlementBatches === 0)
    return left(refuse('RegisterEmpty', 'payload.meetingId', 'No holders have been recorded'));
  const totals = registerTotals(m);
  for (const [i, total] of totals.entries()) {
    const issued = m.shareClasses[i].issuedShares;
    if (!Number.isSafeInteger(total.votes) || total.shares > issued) {
      return left(
        refuse(
          'RegisterExceedsIssuedShares',
          'payload.meetingId',
          `Class ${total.shareClass}: ${total.shares} on the register, ${issued} issued`,
        ),
      );
    }
  }
  for (const [i, control] of (c.payload.controlTotals ?? []).entries()) {
    const total = totals.find((t) => t.shareClass === control.shareClass);
    if (!total || total.shares !== control.shares) {
      return left(
        refuse(
          'ControlTotalMismatch',
          `payload.controlTotals[${i}].shares`,
          `Class ${control.shareClass}: register holds ${total?.shares ?? 0}, control total says ${control.shares}`,
        ),
      );
    }
  }
  return right([
    { type: 'RegisterClosed', data: { meetingId: m.meetingId, batches: m.entitlementBatches, totals } },
  ]);
}

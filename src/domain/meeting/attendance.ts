import { isLeft, left, right } from 'fp-ts/Either';
import { HOUR_NS, instantNs } from '../shared/dates';
import { DomainError, refuse } from '../shared/errors';
import { holdingOf } from './ballot-holder';
import { MeetingCommandOf } from './commands';
import { before, MeetingDecision, Scheduled } from './decision';
import { MeetingEvent } from './events';
import { sittingAt, votesPerShare } from './state';

/**
 * Who attends, and for how many shares: a holder on the register lodges a proxy before the rule
 * set's deadline (a later one supersedes it) or revokes it; at the meeting the holder attends in
 * person, by its corporate representative, or by the proxy in force.
 */

export function lodgeProxy(c: MeetingCommandOf<'LodgeProxy'>, m: Scheduled): MeetingDecision {
  const p = c.payload;
  const registered = holdingOf(m, p.holderId);
  if (isLeft(registered)) return registered;
  const holding = registered.right;
  if (m.proxies.has(p.proxyId))
    return left(refuse('DuplicateProxyId', 'payload.proxyId', `Proxy ${p.proxyId} exists`));
  // Proxies for a postponed or adjourned meeting may be lodged until the deadline before its new time.
  const sitting = sittingAt(m);
  const deadline = instantNs(sitting) - BigInt(m.ruleSet.proxyDeadlineHours) * HOUR_NS;
  if (instantNs(p.lodgedAt) > deadline) {
    return left(
      refuse(
        'ProxyAfterDeadline',
        'payload.lodgedAt',
        `Proxies close ${m.ruleSet.proxyDeadlineHours} hours before the meeting (${sitting})`,
      ),
    );
  }
  const shares = p.shares ?? holding.shares;
  if (shares === 0 || shares > holding.shares) {
    return left(
      refuse(
        'ProxyExceedsHolding',
        'payload.shares',
        `A proxy may hold 1 to ${holding.shares} shares for ${p.holderId}`,
      ),
    );
  }
  if (m.attendance.has(p.holderId)) {
    return left(
      refuse(
        'HolderAlreadyAttending',
        'payload.holderId',
        `Holder ${p.holderId} is already recorded as attending`,
      ),
    );
  }
  const supersedes = m.proxyInForce.get(p.holderId);
  return right([{ type: 'ProxyLodged', data: { ...p, shares, ...(supersedes ? { supersedes } : {}) } }]);
}

export function revokeProxy(c: MeetingCommandOf<'RevokeProxy'>, m: Scheduled): MeetingDecision {
  const proxy = m.proxies.get(c.payload.proxyId);
  if (!proxy) return left(refuse('UnknownProxy', 'payload.proxyId', `No proxy ${c.payload.proxyId}`));
  if (m.proxyInForce.get(proxy.holderId) !== proxy.proxyId) {
    return left(
      refuse('ProxyNotInForce', 'payload.proxyId', `Proxy ${proxy.proxyId} was superseded or revoked`),
    );
  }
  if (m.attendance.get(proxy.holderId)?.proxyId === proxy.proxyId) {
    return left(refuse('ProxyAlreadyUsed', 'payload.proxyId', 'The proxy has attended the meeting'));
  }
  return right([
    {
      type: 'ProxyRevoked',
      data: {
        meetingId: m.meetingId,
        proxyId: proxy.proxyId,
        holderId: proxy.holderId,
        reason: 'REVOKED_BY_HOLDER',
      },
    },
  ]);
}

export function recordAttendance(c: MeetingCommandOf<'RecordAttendance'>, m: Scheduled): MeetingDecision {
  const { holderId, mode, representative } = c.payload;
  if (!m.registerClosed)
    return left(
      refuse('RegisterNotClosed', 'payload.meetingId', 'Close the register before taking attendance'),
    );
  if (!before(m, 'POLL_CLOSED'))
    return left(refuse('AttendanceClosed', 'payload.meetingId', 'The poll has closed'));
  const registered = holdingOf(m, holderId);
  if (isLeft(registered)) return registered;
  const holding = registered.right;
  if (m.attendance.has(holderId))
    return left(refuse('AlreadyAttending', 'payload.holderId', `Holder ${holderId} is already attending`));
  const proxyId = m.proxyInForce.get(holderId);
  if (mode === 'ONLINE') {
    const refused = refuseOnline(m, holderId, proxyId);
    if (refused) return left(refused);
  }
  const base = {
    meetingId: m.meetingId,
    holderId,
    shareClass: holding.shareClass,
    mode,
    ...(representative ? { representative } : {}),
  };
  if (mode === 'PROXY') {
    const proxy = proxyId ? m.proxies.get(proxyId) : undefined;
    if (!proxy)
      return left(refuse('NoProxyInForce', 'payload.mode', `Holder ${holderId} has no proxy in force`));
    const votes = proxy.shares * votesPerShare(m, holding.shareClass);
    return right([
      { type: 'AttendanceRecorded', data: { ...base, shares: proxy.shares, votes, proxyId: proxy.proxyId } },
    ]);
  }
  // A holder who attends in person (or by its corporate representative) revokes its proxy for this meeting;
  // one voting online has none in force (refuseOnline).
  const revocation: MeetingEvent[] = proxyId
    ? [
        {
          type: 'ProxyRevoked',
          data: { meetingId: m.meetingId, proxyId, holderId, reason: 'ATTENDED_IN_PERSON' },
        },
      ]
    : [];
  return right([
    ...revocation,
    { type: 'AttendanceRecorded', data: { ...base, shares: holding.shares, votes: holding.votes } },
  ]);
}

/**
 * A holder may vote online only where the rule set admits online voting, and not while a proxy
 * holds its shares: the proxy would vote them too, and an online vote is no attendance in person
 * that revokes it. The holder revokes the proxy first.
 */
function refuseOnline(m: Scheduled, holderId: string, proxyId: string | undefined): DomainError | undefined {
  if (m.ruleSet.onlineVoting === undefined)
    return refuse(
      'OnlineVotingNotAdmitted',
      'payload.mode',
      `Rule set ${m.ruleSet.id} admits no holder voting online`,
    );
  if (proxyId !== undefined)
    return refuse(
      'ProxyInForce',
      'payload.mode',
      `Holder ${holderId} has proxy ${proxyId} in force; revoke it before recording an online vote`,
    );
  return undefined;
}

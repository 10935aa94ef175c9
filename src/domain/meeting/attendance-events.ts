import * as t from 'io-ts';
import { Id, IsoDateTime, NonEmptyString, ShareCount } from '../shared/codecs';
import { event } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';

/** Who attends, and for how many shares: proxies lodged and revoked, and attendance in person or by proxy. */

/**
 * How a holder attends: in person, by proxy, by its corporate representative, or ONLINE: the holder
 * votes itself through the online voting system (the A-share network vote, 网络投票, through the
 * exchange's platform; a remote participant under DGCL §211(a)(2)). Whether an online holder is
 * admitted, and whether it counts in the quorum, is the rule set's (RuleSet.onlineVoting).
 * AttendanceRecorded version 2, VoteCast version 3 and CumulativeBallotCast version 2 may carry
 * ONLINE; a reader of an earlier version would not know the mode, so the versions say it may be there.
 */
export const AttendanceMode = t.keyof({
  IN_PERSON: null,
  PROXY: null,
  CORPORATE_REPRESENTATIVE: null,
  ONLINE: null,
});
export type AttendanceMode = t.TypeOf<typeof AttendanceMode>;

export const ProxyLodged = event(
  'ProxyLodged',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        proxyId: Id,
        holderId: Id,
        proxyName: NonEmptyString,
        shares: ShareCount,
        lodgedAt: IsoDateTime,
      }),
      t.partial({ supersedes: Id }),
    ]),
  ),
);

export const ProxyRevocationReason = t.keyof({ REVOKED_BY_HOLDER: null, ATTENDED_IN_PERSON: null });
export const ProxyRevoked = event(
  'ProxyRevoked',
  t.readonly(t.type({ meetingId: Id, proxyId: Id, holderId: Id, reason: ProxyRevocationReason })),
);

export const AttendanceRecorded = event(
  'AttendanceRecorded',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        holderId: Id,
        shareClass: ShareClassCode,
        mode: AttendanceMode,
        /** Shares represented: the whole holding in person, the shares the proxy holds for by proxy. */
        shares: ShareCount,
        votes: ShareCount,
      }),
      t.partial({ proxyId: Id, representative: NonEmptyString }),
    ]),
  ),
);

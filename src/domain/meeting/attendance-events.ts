import * as t from 'io-ts';
import { Id, IsoDateTime, NonEmptyString, ShareCount } from '../shared/codecs';
import { event } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';

/** Who attends, and for how many shares: proxies lodged and revoked, and attendance in person or by proxy. */

export const AttendanceMode = t.keyof({ IN_PERSON: null, PROXY: null, CORPORATE_REPRESENTATIVE: null });
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

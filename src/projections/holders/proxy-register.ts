import { RecordedDomainEvent } from '../shared/recorded-event';

/**
 * The proxy register: for each meeting and holder, the proxy in force and every earlier one, each
 * with why it stopped counting (superseded by a later proxy, revoked by the holder, or revoked
 * because the holder came in person) and when. Times: lodgedAt is the form's lodging time; the
 * others are when the record says it happened (the command's time, occurredAt).
 */
export type ProxyStatus = 'IN_FORCE' | 'SUPERSEDED' | 'REVOKED';
/** Why a proxy was revoked: the holder revoked it, or came to the meeting in person. */
export type RevocationReason = 'REVOKED_BY_HOLDER' | 'ATTENDED_IN_PERSON';

/** One proxy a holder lodged for a meeting, and what became of it. */
export interface ProxyRecord {
  /** The proxy form's id. */
  readonly proxyId: string;
  /** Whom the holder appointed. */
  readonly proxyName: string;
  /** The shares it was lodged for. */
  readonly shares: number;
  /** When the form was lodged (ISO-8601). */
  readonly lodgedAt: string;
  /** When the record says it was lodged (the command's time). */
  readonly recordedAt: string;
  /** The proxy this one replaced, the holder's earlier one for the meeting. */
  readonly supersedes?: string;
  /** In force, superseded by a later proxy, or revoked. */
  status: ProxyStatus;
  /** The later proxy that replaced this one. */
  supersededBy?: { readonly proxyId: string; readonly lodgedAt: string; readonly recordedAt: string };
  /** Why and when (the record's time) it was revoked. */
  revoked?: { readonly reason: RevocationReason; readonly at: string };
  /** The proxy attended the meeting for the holder. */
  attended?: { readonly at: string; readonly shares: number };
}

/** A holder's proxies for one meeting: the one in force and every earlier one. */
export interface HolderProxies {
  /** The meeting. */
  readonly meetingId: string;
  /** The holder. */
  readonly holderId: string;
  /** The id of the proxy in force, if one is. */
  inForce?: string;
  /** In the order lodged. */
  readonly proxies: ProxyRecord[];
}

export interface ProxyRegister {
  /** `${meetingId}/${holderId}` → the holder's proxies for that meeting. */
  readonly holders: Map<string, HolderProxies>;
}

export const initialProxyRegister = (): ProxyRegister => ({ holders: new Map() });

/** '/' never occurs in an Id, so the pair cannot be confused with another. */
export const proxyKey = (meetingId: string, holderId: string): string => `${meetingId}/${holderId}`;

function holderProxies(register: ProxyRegister, meetingId: string, holderId: string): HolderProxies {
  const key = proxyKey(meetingId, holderId);
  const entry = register.holders.get(key) ?? { meetingId, holderId, proxies: [] };
  register.holders.set(key, entry);
  return entry;
}

/** Applies one event in place. */
export function applyToProxyRegister(register: ProxyRegister, event: RecordedDomainEvent): ProxyRegister {
  // The time (occurredAt) is read only by the events that record it: a store may parse the metadata
  // when first read, and a rebuild folds a million votes that this register ignores.
  switch (event.type) {
    case 'ProxyLodged': {
      const d = event.data;
      const entry = holderProxies(register, d.meetingId, d.holderId);
      if (entry.proxies.some((p) => p.proxyId === d.proxyId)) return register;
      // The domain names the proxy it supersedes; the one in force is the same unless the record is damaged.
      const earlier = entry.proxies.find((p) => p.proxyId === (d.supersedes ?? entry.inForce));
      if (earlier && earlier.status === 'IN_FORCE') {
        earlier.status = 'SUPERSEDED';
        earlier.supersededBy = {
          proxyId: d.proxyId,
          lodgedAt: d.lodgedAt,
          recordedAt: event.metadata.occurredAt,
        };
      }
      entry.proxies.push({
        proxyId: d.proxyId,
        proxyName: d.proxyName,
        shares: d.shares,
        lodgedAt: d.lodgedAt,
        recordedAt: event.metadata.occurredAt,
        ...(earlier ? { supersedes: earlier.proxyId } : {}),
        status: 'IN_FORCE',
      });
      entry.inForce = d.proxyId;
      return register;
    }
    case 'ProxyRevoked': {
      const d = event.data;
      const entry = holderProxies(register, d.meetingId, d.holderId);
      const proxy = entry.proxies.find((p) => p.proxyId === d.proxyId);
      if (proxy) {
        proxy.status = 'REVOKED';
        proxy.revoked = { reason: d.reason, at: event.metadata.occurredAt };
      }
      if (entry.inForce === d.proxyId) delete entry.inForce;
      return register;
    }
    case 'AttendanceRecorded': {
      const d = event.data;
      if (d.proxyId === undefined) return register;
      const proxy = register.holders
        .get(proxyKey(d.meetingId, d.holderId))
        ?.proxies.find((p) => p.proxyId === d.proxyId);
      if (proxy) proxy.attended = { at: event.metadata.occurredAt, shares: d.shares };
      return register;
    }
    default:
      return register;
  }
}

export const foldProxyRegister = (events: Iterable<RecordedDomainEvent>): ProxyRegister => {
  const register = initialProxyRegister();
  for (const e of events) applyToProxyRegister(register, e);
  return register;
};

/** Every holder who lodged a proxy for the meeting, by holder id. */
export const proxiesAt = (register: ProxyRegister, meetingId: string): HolderProxies[] =>
  [...register.holders.values()]
    .filter((h) => h.meetingId === meetingId)
    .sort((a, b) => a.holderId.localeCompare(b.holderId));

export function proxyInForce(
  register: ProxyRegister,
  meetingId: string,
  holderId: string,
): ProxyRecord | undefined {
  const entry = register.holders.get(proxyKey(meetingId, holderId));
  return entry?.proxies.find((p) => p.proxyId === entry.inForce);
}

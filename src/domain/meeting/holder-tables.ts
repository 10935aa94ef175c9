import { Keyed, Layout, RecordTable } from '../shared/record-table';
import { AttendanceMode } from './events';

export interface HolderEntitlement {
  readonly shareClass: string;
  readonly shares: number;
  readonly votes: number;
}

export interface ProxyAppointment {
  readonly proxyId: string;
  readonly holderId: string;
  readonly proxyName: string;
  readonly shares: number;
}

export interface Attendance {
  readonly mode: AttendanceMode;
  readonly shareClass: string;
  readonly shares: number;
  readonly votes: number;
  readonly proxyId?: string;
}

/**
 * The meeting's collections that grow with its holders, packed (RecordTable) rather than an object,
 * its strings and a Map entry a holder: the register, the proxies lodged, the proxy in force of
 * each holder, and the attendance. Each layout lists its record's fields in the order evolve (and a
 * snapshot's JSON) gives them, and makes a record back as a literal of that order (the property
 * tests check both); a record in any other form is still kept, whole.
 */
const ENTITLEMENT: Layout = {
  fields: [
    { name: 'shareClass', kind: 'label' },
    { name: 'shares', kind: 'count' },
    { name: 'votes', kind: 'count' },
  ],
  record: (v) => ({ shareClass: v[0], shares: v[1], votes: v[2] }),
};

const PROXY: Layout = {
  fields: [
    { name: 'proxyId', kind: 'id' },
    { name: 'holderId', kind: 'text' },
    { name: 'proxyName', kind: 'label' },
    { name: 'shares', kind: 'count' },
  ],
  record: (v) => ({ proxyId: v[0], holderId: v[1], proxyName: v[2], shares: v[3] }),
};

const PROXY_IN_FORCE: Layout = { value: 'text' };

const ATTENDANCE: Layout = {
  fields: [
    { name: 'mode', kind: 'label' },
    { name: 'shareClass', kind: 'label' },
    { name: 'shares', kind: 'count' },
    { name: 'votes', kind: 'count' },
    { name: 'proxyId', kind: 'text', optional: true },
  ],
  record: (v) =>
    v[4] === undefined
      ? { mode: v[0], shareClass: v[1], shares: v[2], votes: v[3] }
      : { mode: v[0], shareClass: v[1], shares: v[2], votes: v[3], proxyId: v[4] },
};

export interface HolderTables {
  readonly entitlements: Keyed<HolderEntitlement>;
  readonly proxies: Keyed<ProxyAppointment>;
  readonly proxyInForce: Keyed<string>;
  readonly attendance: Keyed<Attendance>;
}

/** A newly scheduled meeting's: empty. */
export const holderTables = (): HolderTables => ({
  entitlements: new RecordTable<HolderEntitlement>(ENTITLEMENT),
  proxies: new RecordTable<ProxyAppointment>(PROXY),
  proxyInForce: new RecordTable<string>(PROXY_IN_FORCE),
  attendance: new RecordTable<Attendance>(ATTENDANCE),
});

const packed = <V>(entries: Keyed<V>, table: RecordTable<V>): Keyed<V> => {
  if (entries instanceof RecordTable) return entries;
  for (const [id, value] of entries) table.set(id, value);
  return table;
};

/**
 * The tables as a snapshot's JSON gives them back (Maps), packed again as evolve keeps them. The
 * snapshot's text is the same either way.
 */
export function packedHolderTables(tables: HolderTables): HolderTables {
  const empty = holderTables();
  return {
    entitlements: packed(tables.entitlements, empty.entitlements as RecordTable<HolderEntitlement>),
    proxies: packed(tables.proxies, empty.proxies as RecordTable<ProxyAppointment>),
    proxyInForce: packed(tables.proxyInForce, empty.proxyInForce as RecordTable<string>),
    attendance: packed(tables.attendance, empty.attendance as RecordTable<Attendance>),
  };
}

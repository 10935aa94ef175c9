import {
  foldProxyRegister,
  proxiesAt,
  proxyInForce,
  ProxyRegister,
} from '../../../src/projections/holders/proxy-register';
import { MEETING_IDS, referenceCommands } from '../../golden/reference-scenario';
import { AGM, hkAgmCommands } from '../hk-agm-scenario';
import { recordedEvents } from '../recorded';

let agm: ProxyRegister;
let reference: ProxyRegister;

beforeAll(async () => {
  agm = foldProxyRegister(await recordedEvents(hkAgmCommands()));
  reference = foldProxyRegister(await recordedEvents(referenceCommands()));
});

describe('proxy register', () => {
  it('lists every holder who lodged a proxy for the meeting', () => {
    expect(proxiesAt(agm, AGM).map((h) => h.holderId)).toEqual(['ORD-2', 'ORD-4', 'ORD-5']);
  });

  it('shows a superseded proxy, by which proxy and when, and the one in force that attended', () => {
    const [ord2] = proxiesAt(agm, AGM);
    expect(ord2.inForce).toBe('PX-2');
    expect(ord2.proxies).toEqual([
      {
        proxyId: 'PX-1',
        proxyName: 'The chairman of the meeting',
        shares: 300_000,
        lodgedAt: '2024-06-10T10:00:00+08:00',
        recordedAt: '2024-06-10T10:00:00+08:00',
        status: 'SUPERSEDED',
        supersededBy: {
          proxyId: 'PX-2',
          lodgedAt: '2024-06-11T09:00:00+08:00',
          recordedAt: '2024-06-11T09:00:00+08:00',
        },
      },
      {
        proxyId: 'PX-2',
        proxyName: 'Mr. Ho Siu Keung',
        shares: 450_000,
        lodgedAt: '2024-06-11T09:00:00+08:00',
        recordedAt: '2024-06-11T09:00:00+08:00',
        supersedes: 'PX-1',
        status: 'IN_FORCE',
        attended: { at: '2024-06-14T09:41:00+08:00', shares: 450_000 },
      },
    ]);
    expect(proxyInForce(agm, AGM, 'ORD-2')?.proxyName).toBe('Mr. Ho Siu Keung');
  });

  it('shows a proxy revoked because its holder attended in person, and when', () => {
    const ord4 = proxiesAt(agm, AGM)[1];
    expect(ord4.inForce).toBeUndefined();
    expect(ord4.proxies[0]).toMatchObject({
      proxyId: 'PX-3',
      status: 'REVOKED',
      revoked: { reason: 'ATTENDED_IN_PERSON', at: '2024-06-14T09:43:00+08:00' },
    });
    expect(proxyInForce(agm, AGM, 'ORD-4')).toBeUndefined();
  });

  it('shows a proxy revoked by its holder, and when', () => {
    const ord5 = proxiesAt(agm, AGM)[2];
    expect(ord5.proxies[0]).toMatchObject({
      proxyId: 'PX-4',
      status: 'REVOKED',
      revoked: { reason: 'REVOKED_BY_HOLDER', at: '2024-06-12T09:00:00+08:00' },
    });
    expect(ord5.proxies[0].attended).toBeUndefined();
  });

  it('keeps each meeting’s proxies apart: the same holder at the EGM and at its class meeting', () => {
    const egm = proxiesAt(reference, MEETING_IDS.EGM).find((h) => h.holderId === 'H-0001')!;
    const hClass = proxiesAt(reference, MEETING_IDS['H-CLASS']).find((h) => h.holderId === 'H-0001')!;
    expect(egm.proxies.map((p) => [p.proxyId, p.status, p.supersededBy?.proxyId])).toEqual([
      ['PX-H1a-egm', 'SUPERSEDED', 'PX-H1b-egm'],
      ['PX-H1b-egm', 'IN_FORCE', undefined],
    ]);
    expect(hClass.inForce).toBe('PX-H1b-h');
    expect(proxiesAt(reference, MEETING_IDS['A-CLASS']).map((h) => h.holderId)).toEqual(['A-0002', 'A-0003']);
  });
});

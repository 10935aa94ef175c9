import { foldHolderHistories, HolderHistories } from '../../../src/projections/holders/history';
import { holderHistory } from '../../../src/projections/holders/view';
import { MEETING_IDS, referenceCommands } from '../../golden/reference-scenario';
import { AGM, hkAgmCommands, SCRUTINEER } from '../hk-agm-scenario';
import { recordedEvents } from '../recorded';

let agm: HolderHistories;
let reference: HolderHistories;

beforeAll(async () => {
  agm = foldHolderHistories(await recordedEvents(hkAgmCommands()));
  reference = foldHolderHistories(await recordedEvents(referenceCommands()));
});

const at = (model: HolderHistories, holderId: string, meetingId: string) =>
  holderHistory(model, holderId)?.meetings.find((m) => m.meetingId === meetingId);

describe('holder history', () => {
  it('shows a vote by proxy with the proxy used and its name, not the one it superseded', () => {
    const ord2 = at(agm, 'ORD-2', AGM)!;
    expect(ord2.attendance).toMatchObject({
      mode: 'PROXY',
      shares: 450_000,
      proxy: { proxyId: 'PX-2', proxyName: 'Mr. Ho Siu Keung' },
    });
    expect(ord2.votes.map((v) => [v.number, v.castBy, v.proxy?.proxyName, v.shares])).toEqual([
      [1, 'PROXY', 'Mr. Ho Siu Keung', { for: 440_000, against: 10_000, abstain: 0 }],
      [2, 'PROXY', 'Mr. Ho Siu Keung', { for: 300_000, against: 150_000, abstain: 0 }],
      [3, 'PROXY', 'Mr. Ho Siu Keung', { for: 450_000, against: 0, abstain: 0 }],
      [4, 'PROXY', 'Mr. Ho Siu Keung', { for: 200_000, against: 250_000, abstain: 0 }],
    ]);
    expect(ord2.votes.every((v) => v.proxy?.proxyId === 'PX-2')).toBe(true);
  });

  it('shows a vote by corporate representative, with the representative', () => {
    const ord1 = at(agm, 'ORD-1', AGM)!;
    expect(ord1.votes.map((v) => v.resolutionId)).toEqual(['hlh-r1', 'hlh-r3', 'hlh-r4']);
    expect(
      ord1.votes.every(
        (v) => v.castBy === 'CORPORATE_REPRESENTATIVE' && v.representative === 'Mr. Lam Chi Wai',
      ),
    ).toBe(true);
    expect(holderHistory(agm, 'ORD-1')!.name).toBe('Lantern Family Trust');
  });

  it('keeps a rejected vote, marked with the reason, beside the vote cast again', () => {
    const r2 = at(agm, 'ORD-4', AGM)!.votes.filter((v) => v.resolutionId === 'hlh-r2');
    expect(r2).toHaveLength(2);
    expect(r2[0]).toMatchObject({
      castBy: 'IN_PERSON',
      shares: { for: 0, against: 30_000, abstain: 0 },
      rejected: { reason: 'Voting slip not signed', rejectedBy: SCRUTINEER, at: '2024-06-14T10:50:00+08:00' },
    });
    expect(r2[1]).toMatchObject({
      shares: { for: 0, against: 0, abstain: 30_000 },
      castAt: '2024-06-14T10:55:00+08:00',
    });
    expect(r2[1].rejected).toBeUndefined();
  });

  it('shows a holder who voted in person after lodging a proxy as voting in person', () => {
    const ord4 = at(agm, 'ORD-4', AGM)!;
    expect(ord4.attendance).toMatchObject({ mode: 'IN_PERSON', shares: 30_000 });
    expect(ord4.votes.every((v) => v.castBy === 'IN_PERSON' && v.proxy === undefined)).toBe(true);
  });

  it('shows a holder on the register who did not attend, with no votes', () => {
    const ord5 = at(agm, 'ORD-5', AGM)!;
    expect(ord5).toMatchObject({ shareClass: 'ORD', entitledShares: 20_000, votes: [] });
    expect(ord5.attendance).toBeUndefined();
  });

  it('shows each meeting a holder voted at, in the order held, with its number there', () => {
    const h1 = holderHistory(reference, 'H-0001')!;
    expect(h1.meetings.map((m) => m.meetingId)).toEqual([MEETING_IDS.EGM, MEETING_IDS['H-CLASS']]);
    expect(h1.meetings[0].meeting?.title).toBe('The first extraordinary general meeting of 2023');
    expect(h1.meetings[0].votes.map((v) => [v.number, v.proxy?.proxyId])).toEqual([
      [1, 'PX-H1b-egm'],
      [2, 'PX-H1b-egm'],
      [3, 'PX-H1b-egm'],
      [4, 'PX-H1b-egm'],
    ]);
    // Resolution r2 is No. 2 at the EGM and No. 1 at the H class meeting.
    expect(h1.meetings[1].votes[0]).toMatchObject({ resolutionId: 'jlmag-2023-r2', number: 1 });
    // The 200-share A holder voted at the EGM only.
    const a4 = holderHistory(reference, 'A-0004')!;
    expect(a4.meetings.filter((m) => m.votes.length > 0).map((m) => m.meetingId)).toEqual([MEETING_IDS.EGM]);
  });

  it('knows nothing of a holder the record never named', () => {
    expect(holderHistory(agm, 'nobody')).toBeUndefined();
  });
});

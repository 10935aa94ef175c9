import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';

const EGM = MEETING_IDS.EGM;
const OWN = 'H-0001';
const OTHER = 'H-0002';
const KEYS = { holder: 'receipt-holder', auditor: 'receipt-auditor' } as const;
const store = new MemoryEventStore();
let serving: Serving;

beforeAll(async () => {
  const keys = ApiKeys.of([
    { sha256: sha256(KEYS.holder).toString('hex'), actor: `holder:${OWN}`, role: 'HOLDER', holderId: OWN },
    { sha256: sha256(KEYS.auditor).toString('hex'), actor: 'auditor:x', role: 'AUDITOR' },
  ]);
  serving = await serve({ store, keys, port: 0, seedIfEmpty: referenceCommands() });
}, 30_000);

afterAll(async () => {
  await serving.close();
  await store.close();
});

const get = (url: string, key?: string) =>
  serving.server.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });
const verify = (payload: unknown) =>
  serving.server.inject({ method: 'POST', url: '/api/receipts/verify', payload: payload as object });

describe('Vote receipts over HTTP', () => {
  it("give a holder's key its own receipt, which verifies against the root /verify publishes", async () => {
    const receipt = await get(`/api/meetings/${EGM}/receipts/${OWN}`, KEYS.holder);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json()).toMatchObject({ meetingId: EGM, holderId: OWN });
    const verdict = (await get(`/api/meetings/${EGM}/verify`)).json() as { root: string };
    const checked = await verify({ receipt: receipt.json(), root: verdict.root });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ valid: true, failures: [] });
  });

  it("refuse a holder's key another holder's receipt before looking anything up (403), and no key (401)", async () => {
    for (const holder of [OTHER, 'nobody']) {
      const refused = await get(`/api/meetings/${EGM}/receipts/${holder}`, KEYS.holder);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ rule: 'NotAuthorized', field: 'params.holderId' });
    }
    expect((await get(`/api/meetings/${EGM}/receipts/${OWN}`)).statusCode).toBe(401);
    expect((await get(`/api/meetings/${EGM}/receipts/${OTHER}`, KEYS.auditor)).statusCode).toBe(200);
  });

  it('answer a receipt that does not verify with the failure named, and bad input with 400', async () => {
    const receipt = (await get(`/api/meetings/${EGM}/receipts/${OWN}`, KEYS.holder)).json();
    const other = await verify({ receipt, root: '0'.repeat(64) });
    expect(other.json()).toMatchObject({ valid: false, failures: [{ kind: 'another-root' }] });
    const bad = await verify({ receipt: { ...receipt, votes: 3 }, root: receipt.root });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('body.receipt.votes');
    expect((await verify({ receipt })).statusCode).toBe(400);
    const none = await get(`/api/meetings/${EGM}/receipts/A-0009`, KEYS.auditor);
    expect(none.statusCode).toBe(422);
    expect(none.json().error).toMatchObject({ rule: 'NoVoteRecorded', field: 'params.holderId' });
  });
});

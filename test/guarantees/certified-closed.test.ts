import { isLeft } from 'fp-ts/Either';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from '../../src/application/command-handler';
import { MAY_ISSUE, Role, ROLES } from '../../src/application/roles';
import { scenarioCommands } from '../../src/application/scenario';
import { COMMAND_CODECS, GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { ApiKeys, serve, Serving, sha256 } from '../../src/http';
import { CommandInput, Govrec, openGovrec, SqliteEventStore, SqliteReadModels } from '../../src/index';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { CUMULATIVE_EXAMPLE_PATH } from '../golden/example-scenarios';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';
import { storeFingerprint } from '../support/cli-io';
import {
  CommandTarget as Target,
  commandInput,
  decodedSample,
  HANDLER_ISSUED,
  missingSamples,
  payloadsFor,
  targetAt,
} from '../support/every-command';

/**
 * A certified record stays closed. On the reference meetings and the cumulative-voting AGM, all
 * certified, one command of every type the codecs know is aimed at each meeting (at a resolution,
 * an election, a holder and a proxy there): through the command handler, through the facade and
 * over HTTP with a key of a role that may send it. Each is refused with ResultsCertified on the
 * meeting it names; the store is unchanged to the byte, and so are the proxy register and the
 * results. The issue's own attack (lodge, revoke and lodge again a backdated proxy) is played out,
 * and a certification sent again under its own id is still answered as recorded.
 */
const reference = referenceCommands();
const cumulative = (() => {
  const decoded = scenarioCommands(JSON.parse(readFileSync(CUMULATIVE_EXAMPLE_PATH, 'utf8')));
  if (isLeft(decoded)) throw new Error('The cumulative example does not decode');
  return decoded.right;
})();
const ALL = [...reference, ...cumulative];
const CERTIFIED = [...Object.values(MEETING_IDS), 'prc-agm-2026'];
const TYPES = [...COMMAND_CODECS.keys()] as GovrecCommand['type'][];
const cases = CERTIFIED.flatMap((meetingId) => TYPES.map((type) => [meetingId, type] as const));

const payloadOf = (meetingId: string, type: GovrecCommand['type']) =>
  payloadsFor(targetAt(ALL, meetingId))[type];
/** The field a refusal names: the meeting, where the command names it. */
const fieldOf = (type: string) =>
  type === 'ProposeResolution' ? 'payload.meetings[0].meetingId' : 'payload.meetingId';
const certifiedAt = (meetingId: string) =>
  ALL.find((c) => c.type === 'CertifyResults' && c.payload.meetingId === meetingId)!;

it('aims a command of every type the codecs know at each certified meeting', () => {
  for (const meetingId of CERTIFIED) {
    expect(missingSamples(targetAt(ALL, meetingId))).toEqual([]);
    // A holder who could still lodge a proxy or attend, were the record open: the attack is real.
    expect(targetAt(ALL, meetingId).absentHolderId).not.toBe('no-absent-holder');
  }
  expect(cases).toHaveLength(CERTIFIED.length * COMMAND_CODECS.size);
});

describe('through the command handler and the facade (memory store)', () => {
  let govrec: Govrec;
  let handler: CommandHandler;
  let n = 0;
  const bytes = async () => JSON.stringify(await govrec.store.readAll());
  const reads = async () =>
    JSON.stringify({
      proxies: await Promise.all(CERTIFIED.map((id) => govrec.proxyRegister(id))),
      results: await govrec.results(),
    });
  let before: { bytes: string; reads: string };

  beforeAll(async () => {
    govrec = await openGovrec({ store: 'memory' });
    const recorded = await govrec.record(ALL as CommandInput[]);
    expect(recorded.refused).toBe(0);
    handler = new CommandHandler(govrec.store, {
      states: new AggregateStateCache(govrec.store),
      ruleSets: ruleSetById,
    });
    before = { bytes: await bytes(), reads: await reads() };
    expect(before.reads).toContain(targetAt(ALL, MEETING_IDS.EGM).proxyId);
  });

  afterAll(() => govrec.close());

  it.each(cases)('%s: %s is refused as certified', async (meetingId, type) => {
    n += 1;
    const payload = payloadOf(meetingId, type);
    const decided = await handler.handle(decodedSample(type, payload, `late-handler-${n}`));
    expect(isLeft(decided) && decided.left).toMatchObject({ rule: 'ResultsCertified', field: fieldOf(type) });
    const sent = await govrec.execute(commandInput(type, payload, `late-facade-${n}`) as CommandInput);
    // A step only the command handler issues is no command to a client at all.
    const expected = HANDLER_ISSUED.has(type)
      ? { kind: 'invalid', rule: 'UnknownCommandType' }
      : { kind: 'refused', rule: 'ResultsCertified', field: fieldOf(type) };
    expect(!sent.ok && sent.error).toMatchObject(expected);
    expect(await bytes()).toBe(before.bytes);
  });

  it.each([
    ['register', (t: Target) => `holder_id,share_class,shares\nlate-holder,${t.shareClass},1000\n`],
    [
      'proxies',
      (t: Target) =>
        `proxy_id,holder_id,proxy_name,lodged_at\nlate-csv-proxy,${t.absentHolderId},A late proxy,2023-11-01T10:00:00+08:00\n`,
    ],
    [
      'votes',
      (t: Target) =>
        `resolution_id,holder_id,for,against,abstain,attendance\n${t.resolutionId},${t.absentHolderId},1,0,0,IN_PERSON\n`,
    ],
  ] as const)('refuses every row of a %s file imported into a certified meeting', async (kind, csv) => {
    const dir = mkdtempSync(join(tmpdir(), 'govrec-certified-import-'));
    try {
      for (const meetingId of CERTIFIED) {
        const file = join(dir, `${kind}-${meetingId}.csv`);
        writeFileSync(file, csv(targetAt(ALL, meetingId)));
        const imported = await govrec.importFile(kind, file, { meetingId });
        expect(imported.ok && imported.value).toMatchObject({
          rows: 1,
          recorded: 0,
          rejected: 1,
          rejectedByRule: { ResultsCertified: 1 },
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await bytes()).toBe(before.bytes);
  });

  it('leaves the proxy register and the results as certified', async () => {
    expect(await reads()).toBe(before.reads);
  });

  it('answers a certification sent again under its own id as recorded, and writes nothing', async () => {
    for (const meetingId of CERTIFIED) {
      const again = await govrec.execute(certifiedAt(meetingId) as CommandInput);
      expect(again.ok && again.value.alreadyRecorded).toBe(true);
    }
    expect(await bytes()).toBe(before.bytes);
  });
});

describe('certifying complete results only (memory store)', () => {
  // Once certified, nothing is decided at the meeting: certifying with a resolution undecided would
  // leave it undecided for good, so certification waits for every resolution and election.
  it('refuses to certify while a resolution is undecided, and certifies once it is decided', async () => {
    const H_CLASS = MEETING_IDS['H-CLASS'];
    const last = reference
      .filter((c) => c.type === 'CloseVoting' && c.payload.meetingId === H_CLASS)
      .at(-1) as Extract<GovrecCommand, { type: 'CloseVoting' }>;
    const govrec = await openGovrec({ store: 'memory' });
    try {
      const first = reference.filter((c) => c !== last && c !== certifiedAt(H_CLASS));
      expect((await govrec.record(first as CommandInput[])).refused).toBe(0);
      const bytes = JSON.stringify(await govrec.store.readAll());
      const early = await govrec.execute(certifiedAt(H_CLASS) as CommandInput);
      expect(!early.ok && early.error).toMatchObject({
        rule: 'ResultsNotDecided',
        field: 'payload.meetingId',
      });
      expect(!early.ok && early.error.message).toContain(last.payload.resolutionId);
      expect(JSON.stringify(await govrec.store.readAll())).toBe(bytes);
      expect((await govrec.execute(last as CommandInput)).ok).toBe(true);
      const certified = await govrec.execute(certifiedAt(H_CLASS) as CommandInput);
      expect(certified.ok && certified.value.alreadyRecorded).toBe(false);
    } finally {
      await govrec.close();
    }
  });
});

describe('over HTTP (SQLite store)', () => {
  const keyOf = (role: Role) => `certified-closed-${role.toLowerCase()}`;
  const H_CLASS = MEETING_IDS['H-CLASS'];
  let dir: string;
  let storePath: string;
  let store: SqliteEventStore;
  let readModels: SqliteReadModels;
  let serving: Serving;
  let n = 0;

  const post = (role: Role, body: Record<string, unknown>) =>
    serving.server.inject({
      method: 'POST',
      url: '/api/commands',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(role)}` },
      payload: JSON.stringify(body),
    });
  /** Read as an auditor, who may read every holder's proxies: a refusal would make the comparison empty. */
  const get = async (url: string) => {
    const response = await serving.server.inject({
      url,
      headers: { authorization: `Bearer ${keyOf('AUDITOR')}` },
    });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const reads = async () =>
    JSON.stringify({
      proxies: await Promise.all(CERTIFIED.map((id) => get(`/api/meetings/${id}/proxies`))),
      results: await get('/api/results'),
    });
  /** A client's command: the actor is its key's and the time the server's. */
  const clientBody = (type: string, payload: Record<string, unknown>, commandId: string) => ({
    type,
    commandId,
    payload,
  });
  const roleFor = (type: string): Role => MAY_ISSUE[type as keyof typeof MAY_ISSUE][0] ?? 'REGISTRAR';
  let certification: Record<string, unknown>;
  let before: { bytes: string; reads: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'govrec-certified-'));
    storePath = join(dir, 'govrec.db');
    store = new SqliteEventStore(storePath);
    readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
    const keys = ApiKeys.of(
      ROLES.map((role) => ({ sha256: sha256(keyOf(role)).toString('hex'), actor: `${role}:test`, role })),
    );
    // The H class meeting is certified over HTTP here, so that its certification can be sent again.
    const seed = ALL.filter((c) => c !== certifiedAt(H_CLASS));
    serving = await serve({ store, readModels, keys, port: 0, seedIfEmpty: seed as CommandInput[] });
    certification = clientBody('CertifyResults', certifiedAt(H_CLASS).payload, 'http-certify-h-class');
    expect((await post('SCRUTINEER', certification)).statusCode).toBe(201);
    before = { bytes: storeFingerprint(storePath), reads: await reads() };
    expect(before.reads).toContain(targetAt(ALL, MEETING_IDS.EGM).proxyId);
  });

  afterAll(async () => {
    await serving.close();
    readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the certification sent again as recorded (200), a new one as certified already (422)', async () => {
    expect((await post('SCRUTINEER', certification)).statusCode).toBe(200);
    const another = await post('SCRUTINEER', { ...certification, commandId: 'http-certify-h-class-2' });
    expect(another.statusCode).toBe(422);
    expect(another.json().error).toMatchObject({ rule: 'ResultsCertified', field: 'payload.meetingId' });
    expect(storeFingerprint(storePath)).toBe(before.bytes);
  });

  it('refuses a backdated proxy lodged, revoked and lodged again, and the register still shows the certified one', async () => {
    const target = targetAt(ALL, MEETING_IDS.EGM);
    const lodge = payloadsFor(target).LodgeProxy;
    const attempts = [
      clientBody('LodgeProxy', lodge, 'attack-lodge-1'),
      clientBody('RevokeProxy', { meetingId: target.meetingId, proxyId: 'late-proxy' }, 'attack-revoke'),
      clientBody('RevokeProxy', payloadsFor(target).RevokeProxy, 'attack-revoke-certified'),
      clientBody('LodgeProxy', { ...lodge, proxyId: 'late-proxy-2' }, 'attack-lodge-2'),
    ];
    for (const attempt of attempts) {
      const response = await post('REGISTRAR', attempt);
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ rule: 'ResultsCertified', field: 'payload.meetingId' });
    }
    expect(storeFingerprint(storePath)).toBe(before.bytes);
    expect(await reads()).toBe(before.reads);
  });

  it.each(cases)('%s: %s is refused as certified', async (meetingId, type) => {
    n += 1;
    const body = clientBody(type, payloadOf(meetingId, type), `late-http-${n}`);
    const response = await post(roleFor(type), body);
    if (HANDLER_ISSUED.has(type)) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ rule: 'UnknownCommandType' });
    } else {
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ rule: 'ResultsCertified', field: fieldOf(type) });
    }
    expect(storeFingerprint(storePath)).toBe(before.bytes);
  });

  it('leaves the proxy register and the results as certified', async () => {
    expect(await reads()).toBe(before.reads);
  });
});

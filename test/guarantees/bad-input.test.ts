import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GovrecCommand } from '../../src/domain/commands';
import { EXIT, run } from '../../src/infra/cli/main';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { cmd } from '../domain/spec';
import { MEETING_IDS, referenceCommands, SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo, storeFingerprint } from '../support/cli-io';

/**
 * Bad input: malformed or illegal input through the HTTP API and the CLI gets a typed error naming
 * the field and the rule, a fitting status or exit code, and leaves the event store byte for byte
 * as it was (the store's files are hashed before and after every case).
 */
const EGM = MEETING_IDS.EGM;
const KEYS = { registrar: 'bad-input-registrar', secretary: 'bad-input-secretary', chair: 'bad-input-chair' };
const SECRETARY = 'company-secretary:test';

let dir: string;
let storePath: string;
let store: SqliteEventStore;
let readModels: SqliteReadModels;
let serving: Serving;

/** The reference record up to the EGM's poll, plus a resolution with a holder required to abstain and one vote already cast. */
function seed(): GovrecCommand[] {
  const all = referenceCommands();
  const poll = all.findIndex((c) => c.type === 'OpenPoll');
  const abstaining = cmd(
    'ProposeResolution',
    {
      resolutionId: 'connected-transaction',
      title: 'To approve a connected transaction',
      kind: 'ORDINARY',
      meetings: [{ meetingId: EGM, number: 5 }],
      requiredToAbstain: [{ holderId: 'A-0001', scope: 'ALL' }],
    },
    { actor: SECRETARY, commandId: 'seed-connected' },
  );
  const schedule = cmd(
    'ScheduleMeeting',
    {
      meetingId: 'agm-2024',
      company: { name: 'JL MAG RARE-EARTH CO., LTD.' },
      kind: 'AGM',
      title: 'Annual general meeting of 2024',
      shareClasses: [{ code: 'A', issuedShares: 1000, votesPerShare: 1 }],
      startsAt: '2024-06-20T14:00:00+08:00',
      place: 'Ganzhou',
      ruleSetId: 'PRC-HKEX-H',
    },
    { actor: SECRETARY, commandId: 'seed-agm' },
  );
  const firstVote = all.findIndex((c) => c.type === 'CastVote');
  return [...all.slice(0, poll), abstaining, schedule, ...all.slice(poll, firstVote + 1)];
}

const fingerprint = (): string => storeFingerprint(storePath);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-bad-input-'));
  storePath = join(dir, 'govrec.db');
  store = new SqliteEventStore(storePath);
  readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  const keys = ApiKeys.of([
    {
      sha256: sha256(KEYS.registrar).toString('hex'),
      actor: 'registrar:test',
      role: 'REGISTRAR',
      historical: true,
    },
    {
      sha256: sha256(KEYS.secretary).toString('hex'),
      actor: SECRETARY,
      role: 'COMPANY_SECRETARY',
      historical: true,
    },
    { sha256: sha256(KEYS.chair).toString('hex'), actor: 'chair:test', role: 'CHAIR', historical: true },
  ]);
  serving = await serve({ store, readModels, keys, port: 0, seedIfEmpty: seed() });
});

afterAll(async () => {
  await serving.close();
  readModels.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const vote = (payload: Record<string, unknown> = {}) => ({
  type: 'CastVote',
  commandId: `bad-${Math.random().toString(36).slice(2)}`,
  issuedAt: '2023-11-23T14:16:00+08:00',
  payload: {
    resolutionId: 'jlmag-2023-r1',
    meetingId: EGM,
    holderId: 'A-0004',
    for: 200,
    against: 0,
    abstain: 0,
    ...payload,
  },
});

const proposal = (payload: Record<string, unknown>) => ({
  type: 'ProposeResolution',
  commandId: `bad-${Math.random().toString(36).slice(2)}`,
  payload: {
    resolutionId: 'late',
    title: 'Late',
    kind: 'ORDINARY',
    meetings: [{ meetingId: EGM, number: 9 }],
    ...payload,
  },
});

interface HttpCase {
  readonly name: string;
  readonly body: unknown;
  readonly raw?: boolean;
  readonly key?: string;
  readonly contentType?: string;
  readonly status: number;
  readonly rule: string;
  readonly field?: string;
}

const httpCases: HttpCase[] = [
  {
    name: 'shares as a string',
    body: vote({ for: '200' }),
    status: 400,
    rule: 'Invalid:ShareCount',
    field: 'payload.for',
  },
  {
    name: 'a missing holder',
    body: { ...vote(), payload: { ...vote().payload, holderId: undefined } },
    status: 400,
    rule: 'Invalid:Id',
    field: 'payload.holderId',
  },
  {
    name: 'negative shares',
    body: vote({ against: -1 }),
    status: 400,
    rule: 'Invalid:ShareCount',
    field: 'payload.against',
  },
  {
    name: 'fractional shares',
    body: vote({ abstain: 0.5 }),
    status: 400,
    rule: 'Invalid:ShareCount',
    field: 'payload.abstain',
  },
  {
    name: 'shares beyond 2^53',
    body: JSON.stringify(vote()).replace('"for":200', '"for":9007199254740993'),
    raw: true,
    status: 400,
    rule: 'Invalid:ShareCount',
    field: 'payload.for',
  },
  {
    name: 'an unknown field',
    body: vote({ fro: 1 }),
    status: 400,
    rule: 'Invalid:UnknownField',
    field: 'payload.fro',
  },
  {
    name: 'an impossible date',
    body: { ...vote(), issuedAt: '2023-02-30T10:00:00Z' },
    status: 400,
    rule: 'Invalid:IsoDateTime',
    field: 'issuedAt',
  },
  {
    name: 'a time without an offset',
    body: { ...vote(), issuedAt: '2023-11-23T14:16:00' },
    status: 400,
    rule: 'Invalid:IsoDateTime',
    field: 'issuedAt',
  },
  {
    name: 'an unknown command type',
    body: { ...vote(), type: 'CastVotes' },
    status: 400,
    rule: 'UnknownCommandType',
    field: 'type',
  },
  {
    name: 'a command clients may not send',
    body: { ...vote(), type: 'TableResolution' },
    status: 400,
    rule: 'UnknownCommandType',
    field: 'type',
  },
  {
    name: 'JSON that is not JSON',
    body: '{"type": "CastVote",',
    raw: true,
    status: 400,
    rule: 'InvalidJson',
    field: '(body)',
  },
  { name: 'an empty body', body: '', raw: true, status: 400, rule: 'Invalid:Command', field: '(body)' },
  { name: 'an array', body: [vote()], status: 400, rule: 'Invalid:Command', field: '(body)' },
  {
    name: 'invalid UTF-8',
    body: Buffer.concat([
      Buffer.from('{"type":"CastVote","x":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]),
    raw: true,
    status: 400,
    rule: 'InvalidUtf8',
    field: '(body)',
  },
  {
    name: 'an oversized payload',
    body: JSON.stringify({ ...vote(), pad: 'x'.repeat(1024 * 1024) }),
    raw: true,
    status: 413,
    rule: 'PayloadTooLarge',
    field: '(body)',
  },
  {
    name: 'a body that is not JSON',
    body: 'type=CastVote',
    raw: true,
    contentType: 'text/plain',
    status: 415,
    rule: 'UnsupportedMediaType',
  },
  { name: 'no key', body: vote(), key: '', status: 401, rule: 'Unauthenticated' },
  {
    name: 'a role that may not vote',
    body: vote(),
    key: KEYS.chair,
    status: 403,
    rule: 'NotAuthorized',
    field: 'type',
  },
  {
    name: 'another actor than the key',
    body: { ...vote(), actor: 'registrar:other' },
    status: 403,
    rule: 'ActorFromKey',
    field: 'actor',
  },
  {
    name: 'an unknown meeting',
    body: vote({ meetingId: 'no-such-meeting' }),
    status: 422,
    rule: 'ResolutionNotAtMeeting',
    field: 'payload.meetingId',
  },
  {
    name: 'an unknown resolution',
    body: vote({ resolutionId: 'no-such-resolution' }),
    status: 422,
    rule: 'UnknownResolution',
    field: 'payload.resolutionId',
  },
  {
    name: 'an unknown holder',
    body: vote({ holderId: 'Z-9999' }),
    status: 422,
    rule: 'HolderNotOnRegister',
    field: 'payload.holderId',
  },
  {
    name: 'a vote before the poll opens',
    body: vote({ resolutionId: 'jlmag-2023-r2', meetingId: MEETING_IDS['A-CLASS'], holderId: 'A-0001' }),
    status: 422,
    rule: 'PollNotOpen',
    field: 'payload.meetingId',
  },
  {
    name: 'an over-vote',
    body: vote({ for: 150, against: 51 }),
    status: 422,
    rule: 'OverVote',
    field: 'payload.for',
  },
  {
    name: 'a class mismatch',
    body: vote({ shareClass: 'H' }),
    status: 422,
    rule: 'ShareClassMismatch',
    field: 'payload.shareClass',
  },
  {
    name: 'a second vote',
    body: vote({ holderId: 'A-0001', for: 500_000_000 }),
    status: 422,
    rule: 'AlreadyVoted',
    field: 'payload.holderId',
  },
  {
    name: 'a vote by a holder required to abstain',
    body: vote({ resolutionId: 'connected-transaction', holderId: 'A-0001', for: 0, against: 1 }),
    status: 422,
    rule: 'RequiredToAbstain',
    field: 'payload.holderId',
  },
  {
    name: 'a holder not attending',
    body: vote({ holderId: 'A-0005', for: 1 }),
    status: 422,
    rule: 'HolderNotAttending',
    field: 'payload.holderId',
  },
  {
    name: 'a duplicate resolution number',
    body: proposal({ meetings: [{ meetingId: MEETING_IDS['A-CLASS'], number: 1 }] }),
    key: KEYS.secretary,
    status: 422,
    rule: 'DuplicateResolutionNumber',
    field: 'payload.meetings[0].number',
  },
  {
    name: 'a resolution tabled after the poll opened',
    body: proposal({}),
    key: KEYS.secretary,
    status: 422,
    rule: 'AgendaClosed',
    field: 'payload.meetings[0].meetingId',
  },
  {
    name: 'a notice too short',
    body: {
      type: 'IssueNotice',
      commandId: 'bad-notice',
      payload: { meetingId: 'agm-2024', issuedOn: '2024-06-10' },
    },
    key: KEYS.secretary,
    status: 422,
    rule: 'NoticeTooShort',
    field: 'payload.issuedOn',
  },
  {
    name: 'a proxy after the deadline',
    body: {
      type: 'LodgeProxy',
      commandId: 'bad-proxy',
      payload: {
        meetingId: EGM,
        proxyId: 'late-proxy',
        holderId: 'A-0005',
        proxyName: 'Chairman',
        lodgedAt: '2023-11-22T14:00:01+08:00',
      },
    },
    status: 422,
    rule: 'ProxyAfterDeadline',
    field: 'payload.lodgedAt',
  },
  {
    name: 'a command id reused by another command',
    body: {
      ...vote({ holderId: 'A-0001', for: 1 }),
      commandId: `${referenceCommands().find((c) => c.type === 'CastVote')!.commandId}`,
    },
    status: 422,
    rule: 'CommandIdReused',
    field: 'commandId',
  },
  {
    name: 'a registrar certifying results',
    body: {
      type: 'CertifyResults',
      commandId: 'bad-certify',
      payload: { meetingId: EGM, scrutineer: 'Computershare Hong Kong Investor Services Limited' },
    },
    status: 403,
    rule: 'NotAuthorized',
  },
];

describe('bad input over HTTP', () => {
  it.each(httpCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = fingerprint();
    const key = c.key ?? KEYS.registrar;
    const response = await serving.server.inject({
      method: 'POST',
      url: '/api/commands',
      headers: {
        'content-type': c.contentType ?? 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      payload: c.raw ? (c.body as string | Buffer) : JSON.stringify(c.body),
    });
    expect(response.statusCode).toBe(c.status);
    const { error } = response.json() as { error: { rule: string; field: string; message: string } };
    expect(error.rule).toBe(c.rule);
    if (c.field !== undefined) expect(error.field).toBe(c.field);
    expect(error.message.length).toBeGreaterThan(0);
    expect(fingerprint()).toBe(before);
  });
});

describe('bad input on the command line', () => {
  const scenarioFile = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const oneCommand = (command: unknown) =>
    JSON.stringify({ id: 'bad', actor: 'registrar:test', commands: [command] });
  const onStore = (): string[] => [
    '--store',
    `sqlite:${storePath}`,
    '--read-models',
    join(dir, 'cli.read.db'),
  ];

  const cliCases: [string, () => string[], number, string][] = [
    [
      'a scenario that is not JSON',
      () => ['apply', scenarioFile('a.json', '{ nope'), ...onStore()],
      EXIT.usage,
      'Cannot read scenario',
    ],
    [
      'a missing scenario file',
      () => ['apply', join(dir, 'missing.json'), ...onStore()],
      EXIT.usage,
      'Cannot read scenario',
    ],
    [
      'a scenario without commands',
      () => ['apply', scenarioFile('b.json', '{"id":"x","actor":"a"}'), ...onStore()],
      EXIT.usage,
      'Invalid:',
    ],
    [
      'negative shares in a scenario',
      () => [
        'apply',
        scenarioFile('c.json', oneCommand({ ...vote({ for: -5 }), commandId: undefined })),
        ...onStore(),
      ],
      EXIT.usage,
      'commands[0].payload.for',
    ],
    [
      'an over-vote in a scenario',
      () => [
        'apply',
        scenarioFile('d.json', oneCommand({ ...vote({ for: 999 }), commandId: undefined })),
        ...onStore(),
      ],
      EXIT.refused,
      'OverVote at commands[0].payload.for',
    ],
    [
      'a vote before the poll in a scenario',
      () => [
        'apply',
        scenarioFile(
          'e.json',
          oneCommand({
            ...vote({
              resolutionId: 'jlmag-2023-r2',
              meetingId: MEETING_IDS['H-CLASS'],
              holderId: 'H-0002',
              for: 1,
            }),
            commandId: undefined,
          }),
        ),
        ...onStore(),
      ],
      EXIT.refused,
      'PollNotOpen',
    ],
    ['an unknown store', () => ['results', '--store', 'postgres://x'], EXIT.usage, 'Unknown store'],
    [
      'an unknown option',
      () => ['results', '--colour', 'red', ...onStore()],
      EXIT.usage,
      'unknown option --colour',
    ],
    ['an unknown format', () => ['results', '--format', 'xml', ...onStore()], EXIT.usage, '--format takes'],
    ['a port out of range', () => ['serve', '--port', '70000', ...onStore()], EXIT.usage, '--port takes'],
    ['an option without its value', () => ['results', '--meeting'], EXIT.usage, '--meeting takes a value'],
    ['an unknown command', () => ['frobnicate'], EXIT.usage, 'there is no command frobnicate'],
  ];

  it.each(cliCases)('%s', async (_name, args, exit, message) => {
    const before = fingerprint();
    const io = captureIo();
    expect(await run(args(), io)).toBe(exit);
    expect(io.stderr).toContain(message);
    expect(fingerprint()).toBe(before);
  });

  it('has the reference scenario itself still replay (the cases above were refused for their own reasons)', async () => {
    const io = captureIo();
    expect(await run(['replay', SCENARIO_PATH, '--format', 'json'], io)).toBe(EXIT.ok);
  });
});

describe('bad input in CSV files', () => {
  const csvFile = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const importArgs = (kind: string, file: string) => [
    'import',
    kind,
    file,
    '--meeting',
    EGM,
    '--store',
    `sqlite:${storePath}`,
  ];

  const wholeFile: [string, string, string, string][] = [
    [
      'a votes file without its required columns',
      'votes',
      'resolution_id,holder_id,for\njlmag-2023-r1,A-0004,200\n',
      'against',
    ],
    [
      'a register file with a misspelt column',
      'register',
      'holder_id,share_clas,shares\nX-1,A,5\n',
      'share_class',
    ],
    ['an empty file', 'proxies', '', 'header'],
    ['JSON instead of CSV', 'votes', '{"resolution_id": "jlmag-2023-r1"}\n', 'header'],
  ];

  it.each(wholeFile)(
    '%s is refused whole (exit 2), naming what is wrong',
    async (_name, kind, content, mention) => {
      const before = fingerprint();
      const io = captureIo();
      expect(await run(importArgs(kind, csvFile(`${kind}-${Math.random()}.csv`, content)), io)).toBe(
        EXIT.usage,
      );
      expect(io.stderr.toLowerCase()).toContain(mention.toLowerCase());
      expect(fingerprint()).toBe(before);
    },
  );

  it('refuses each bad row with its line, rule and column in the rejects file, recording none of them', async () => {
    const rows: [string, string, string][] = [
      ['jlmag-2023-r1,A-0004,-1,0,0', 'Invalid:ShareCount', 'for'],
      ['jlmag-2023-r1,A-0004,1.5,0,0', 'Invalid:ShareCount', 'for'],
      ['jlmag-2023-r1,A-0004,9007199254740993,0,0', 'Invalid:ShareCount', 'for'],
      ['jlmag-2023-r1,Z-9999,1,0,0', 'HolderNotOnRegister', 'holder_id'],
      ['jlmag-2023-r1,A-0004,201,0,0', 'OverVote', 'for'],
      ['no-such-resolution,A-0004,1,0,0', 'UnknownResolution', 'resolution_id'],
      ['jlmag-2023-r1,A-0004,1,0', 'Invalid:CellCount', ''],
      ['jlmag-2023-r1,A-0001,1,0,0', 'AlreadyVoted', 'holder_id'],
    ];
    const file = csvFile(
      'bad-votes.csv',
      ['resolution_id,holder_id,for,against,abstain', ...rows.map((r) => r[0])].join('\n') + '\n',
    );
    const rejects = join(dir, 'bad-votes.rejects.csv');
    const before = fingerprint();
    const io = captureIo();
    expect(await run([...importArgs('votes', file), '--rejects', rejects], io)).toBe(1);
    expect(fingerprint()).toBe(before);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(rows.length);
    // Each reject names the file's line and column; votes are decided in batches, so not in line order.
    const byLine = (a: string, b: string) => Number(a.split(',')[0]) - Number(b.split(',')[0]);
    expect(lines.map((line) => line.split(',').slice(0, 3).join(',')).sort(byLine)).toEqual(
      rows.map(([, rule, field], i) => `${i + 2},${rule},${field}`),
    );
  });
});

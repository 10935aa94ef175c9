import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { scenarioCommands } from '../../src/application/scenario';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { CUMULATIVE_EXAMPLE_PATH } from '../golden/example-scenarios';
import { storeFingerprint } from '../support/cli-io';

/**
 * Bad input to elections over HTTP: each gets a typed error naming the rule and the field, and the
 * store is left byte for byte as it was. (An over-allocated ballot is not bad input: it is recorded
 * as an invalid ballot, as the domain tests show.)
 */
const M = 'prc-agm-2026';
const KEYS = { registrar: 'elections-registrar', secretary: 'elections-secretary' };

let dir: string;
let storePath: string;
let store: SqliteEventStore;
let readModels: SqliteReadModels;
let serving: Serving;

beforeAll(async () => {
  const commands = scenarioCommands(JSON.parse(readFileSync(CUMULATIVE_EXAMPLE_PATH, 'utf8')));
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  // The example with its poll open and A-01's ballot in the non-independent directors' pool cast.
  const firstBallot = commands.right.findIndex((c) => c.type === 'CastCumulativeBallot');
  dir = mkdtempSync(join(tmpdir(), 'govrec-bad-elections-'));
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
      actor: 'company-secretary:test',
      role: 'COMPANY_SECRETARY',
      historical: true,
    },
  ]);
  serving = await serve({
    store,
    readModels,
    keys,
    port: 0,
    seedIfEmpty: commands.right.slice(0, firstBallot + 1),
  });
});

afterAll(async () => {
  await serving.close();
  readModels.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const ballot = (payload: Record<string, unknown> = {}) => ({
  type: 'CastCumulativeBallot',
  commandId: `bad-ballot-${(n += 1)}`,
  issuedAt: '2026-05-20T14:20:00+08:00',
  payload: {
    electionId: 'prc-2026-e3',
    meetingId: M,
    holderId: 'A-02',
    votes: [{ candidateId: 'cand-3-01', votes: 450_000 }],
    ...payload,
  },
});
const election = (payload: Record<string, unknown>) => ({
  type: 'ProposeElection',
  commandId: `bad-election-${(n += 1)}`,
  issuedAt: '2026-05-20T14:20:00+08:00',
  payload: {
    electionId: 'late-election',
    meetingId: M,
    number: 9,
    title: 'To elect the supervisors',
    pool: 'SUPERVISORS',
    seats: 2,
    candidates: [{ candidateId: 's1', name: 'Supervisor', number: '9.01' }],
    ...payload,
  },
});

const cases: [string, unknown, string, number, string, string][] = [
  [
    'votes as a string',
    ballot({ votes: [{ candidateId: 'cand-3-01', votes: '1' }] }),
    KEYS.registrar,
    400,
    'Invalid:ShareCount',
    'payload.votes[0].votes',
  ],
  [
    'negative votes',
    ballot({ votes: [{ candidateId: 'cand-3-01', votes: -1 }] }),
    KEYS.registrar,
    400,
    'Invalid:ShareCount',
    'payload.votes[0].votes',
  ],
  [
    'an unknown candidate',
    ballot({ votes: [{ candidateId: 'nobody', votes: 1 }] }),
    KEYS.registrar,
    422,
    'UnknownCandidate',
    'payload.votes[0].candidateId',
  ],
  [
    'a candidate twice',
    ballot({
      votes: [
        { candidateId: 'cand-3-01', votes: 1 },
        { candidateId: 'cand-3-01', votes: 1 },
      ],
    }),
    KEYS.registrar,
    422,
    'DuplicateCandidate',
    'payload.votes[1].candidateId',
  ],
  ['a second ballot', ballot({ holderId: 'A-01' }), KEYS.registrar, 422, 'AlreadyVoted', 'payload.holderId'],
  [
    'an absent holder',
    ballot({ holderId: 'A-05' }),
    KEYS.registrar,
    422,
    'HolderNotAttending',
    'payload.holderId',
  ],
  [
    'an unknown election',
    ballot({ electionId: 'no-such-election' }),
    KEYS.registrar,
    422,
    'UnknownElection',
    'payload.electionId',
  ],
  ['a ballot sent by the company secretary', ballot(), KEYS.secretary, 403, 'NotAuthorized', 'type'],
  [
    'an election once the poll is open',
    election({}),
    KEYS.secretary,
    422,
    'AgendaClosed',
    'payload.meetingId',
  ],
  [
    'a malformed candidate number',
    election({ candidates: [{ candidateId: 's1', name: 'S', number: 'nine' }] }),
    KEYS.secretary,
    400,
    'Invalid:CandidateNumber',
    'payload.candidates[0].number',
  ],
  [
    'a command only the handler issues',
    { ...ballot(), type: 'ClosePollOnElection', payload: { electionId: 'prc-2026-e3', meetingId: M } },
    KEYS.registrar,
    400,
    'UnknownCommandType',
    'type',
  ],
];

it.each(cases)('%s', async (_name, body, key, status, rule, field) => {
  const before = storeFingerprint(storePath);
  const response = await serving.server.inject({
    method: 'POST',
    url: '/api/commands',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    payload: JSON.stringify(body),
  });
  const { error } = response.json() as { error: { rule: string; field: string; message: string } };
  expect([response.statusCode, error.rule, error.field]).toEqual([status, rule, field]);
  expect(error.message.length).toBeGreaterThan(0);
  expect(storeFingerprint(storePath)).toBe(before);
});

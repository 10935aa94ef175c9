import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAY_ISSUE, Role, ROLES } from '../../src/application/roles';
import { ApiKeys, sha256 } from '../../src/infra/http/api-keys';
import { serve, Serving } from '../../src/infra/http/serve';
import { SqliteReadModels } from '../../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { referenceCommands } from '../golden/reference-scenario';
import { storeFingerprint } from '../support/cli-io';

/**
 * Authorization: each command names the roles that may issue it. Every other role is refused with
 * 403 before anything is decided, the record is left unchanged, and the refusal is in the security
 * log. (Whether an allowed role's command then passes the domain's rules is another matter: it is
 * only checked here that it is not refused for its role.)
 */
const keyOf = (role: Role) => `key-for-${role.toLowerCase()}`;
/** Commands clients send; those the command handler issues itself (no role) are not among them. */
const CLIENT_COMMANDS = Object.entries(MAY_ISSUE)
  .filter(([, roles]) => roles.length > 0)
  .map(([type]) => type);

let dir: string;
let storePath: string;
let store: SqliteEventStore;
let readModels: SqliteReadModels;
let serving: Serving;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-authz-'));
  storePath = join(dir, 'govrec.db');
  store = new SqliteEventStore(storePath);
  readModels = new SqliteReadModels(join(dir, 'govrec.read.db'));
  const keys = ApiKeys.of(
    ROLES.map((role) => ({
      sha256: sha256(keyOf(role)).toString('hex'),
      actor: `${role.toLowerCase()}:test`,
      role,
    })),
  );
  const all = referenceCommands();
  serving = await serve({
    store,
    readModels,
    keys,
    port: 0,
    seedIfEmpty: all.slice(
      0,
      all.findIndex((c) => c.type === 'CastVote'),
    ),
  });
});

afterAll(async () => {
  await serving.close();
  readModels.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fingerprint = (): string => storeFingerprint(storePath);

/** A well-formed command of each type (its payload need not pass the domain's rules). */
const example = (type: string, n: number) => ({
  type,
  commandId: `authz-${type}-${n}`,
  payload: { meetingId: 'jlmag-2023-egm1' },
});

const cases = CLIENT_COMMANDS.flatMap((type) => ROLES.map((role) => [type, role] as const));

it.each(cases)('%s by %s', async (type, role) => {
  const before = fingerprint();
  const logged = readModels.securityLog(1000).length;
  const response = await serving.server.inject({
    method: 'POST',
    url: '/api/commands',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(role)}` },
    payload: JSON.stringify(example(type, ROLES.indexOf(role))),
  });
  const allowed = MAY_ISSUE[type as keyof typeof MAY_ISSUE].includes(role);
  if (allowed) {
    expect(response.statusCode).not.toBe(403);
    return;
  }
  expect(response.statusCode).toBe(403);
  expect(response.json().error).toMatchObject({ rule: 'NotAuthorized', field: 'type' });
  expect(fingerprint()).toBe(before);
  const [entry] = readModels.securityLog(1);
  expect(readModels.securityLog(1000).length).toBe(logged + 1);
  expect(entry).toMatchObject({ rule: 'NotAuthorized', role, action: `POST /api/commands ${type}` });
});

it('gives every command at least one role and auditors and holders none', () => {
  for (const type of CLIENT_COMMANDS)
    expect(MAY_ISSUE[type as keyof typeof MAY_ISSUE].length).toBeGreaterThan(0);
  for (const type of CLIENT_COMMANDS) {
    expect(MAY_ISSUE[type as keyof typeof MAY_ISSUE]).not.toContain('AUDITOR');
    expect(MAY_ISSUE[type as keyof typeof MAY_ISSUE]).not.toContain('HOLDER');
  }
});

it('gives postponement, the notices and holders’ proposals to the company secretary, adjournment and resumption to the chair', () => {
  for (const type of [
    'PostponeMeeting',
    'IssueResumptionNotice',
    'SubmitShareholderProposal',
    'IssueSupplementaryNotice',
  ])
    expect(MAY_ISSUE[type as keyof typeof MAY_ISSUE]).toEqual(['COMPANY_SECRETARY']);
  for (const type of ['AdjournMeeting', 'ResumeMeeting'])
    expect(MAY_ISSUE[type as keyof typeof MAY_ISSUE]).toEqual(['CHAIR']);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../src/application/canonical-json';
import { eventHash, rootOf } from '../../src/application/record-seal';
import { RecordSeal } from '../../src/domain/meeting/events';
import { EXIT, run } from '../../src/infra/cli/main';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { SCENARIO_PATH } from '../golden/reference-scenario';
import { captureIo } from '../support/cli-io';
import {
  Checked,
  copyStore,
  rechain,
  rows,
  scenarioPrefix,
  tamper,
  verifyBoth,
} from '../support/record-attacker';

/**
 * Verify sees everything. The reference record (three meetings, certified) and the same record with
 * its meetings still open are edited in the SQLite file, as an attacker with file access would, and
 * `verify` (the facade's and the CLI's, with no meeting named) must refuse every edit: exit 1 and
 * name the break. Two kinds of attacker: one who edits rows only (the hash chain finds it, from the
 * first event, in an open meeting too), and one who also recomputes the chain (`rechain`): then the
 * seal's checks, and the canonical form of the stored text, must find it on their own.
 */
const EGM = 'jlmag-2023-egm1';
const R2 = 'resolution-jlmag-2023-r2';
const FIRST_CLOSE_POLL = 65;

let dir: string;
let certified: string;
let open: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govrec-verify-everything-'));
  certified = join(dir, 'certified.db');
  open = join(dir, 'open.db');
  const apply = (scenario: string, path: string) =>
    run(['apply', scenario, '--store', `sqlite:${path}`, '--read-models', `${path}.read`], captureIo());
  expect(await apply(SCENARIO_PATH, certified)).toBe(EXIT.ok);
  expect(await apply(scenarioPrefix(SCENARIO_PATH, dir, FIRST_CLOSE_POLL), open)).toBe(EXIT.ok);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refused(checked: Checked, kind: string): void {
  expect(checked.facade.clean).toBe(false);
  expect(checked.facade.kinds).toContain(kind);
  expect(checked.cli.code).toBe(EXIT.refused);
  expect(checked.cli.kinds).toContain(kind);
}

/** Positions renumbered without gaps and the highest handed out reset: nothing shows what was removed. */
function renumber(db: Parameters<Parameters<typeof tamper>[1]>[0]): void {
  const columns = 'event_id, stream_name, revision, type, schema_version, data, metadata';
  db.exec(`
    CREATE TEMP TABLE kept AS SELECT row_number() OVER (ORDER BY position) AS p, ${columns} FROM events;
    DELETE FROM events;
    INSERT INTO events (position, ${columns}) SELECT p, ${columns} FROM kept ORDER BY p;
    UPDATE sqlite_sequence SET seq = (SELECT max(position) FROM events) WHERE name = 'events';
  `);
}

const aVote = (path: string, stream = R2) => {
  let vote: ReturnType<typeof rows>[number] | undefined;
  tamper(path, (db) => (vote = rows(db, "stream_name = ? AND type = 'VoteCast'", stream)[0]));
  return vote!;
};

interface Split {
  readonly for: number;
}
type Vote = { readonly shares: Split; readonly votes: Split } & Record<string, unknown>;

const more = (split: Split): Split => ({ ...split, for: split.for + 1_000_000 });

/** The vote with a million more shares and votes FOR, as canonical JSON. */
const raise = (data: string): string => {
  const vote = JSON.parse(data) as Vote;
  return canonicalJson({ ...vote, shares: more(vote.shares), votes: more(vote.votes) });
};

describe('the untouched record', () => {
  it('verifies clean, certified and open alike, through the facade and the CLI', async () => {
    for (const path of [certified, open]) {
      const checked = await verifyBoth(copyStore(path, dir, `clean-${path === open ? 'open' : 'certified'}`));
      expect(checked.facade).toEqual({ clean: true, kinds: [] });
      expect(checked.cli).toEqual({ code: EXIT.ok, kinds: [] });
    }
  });
});

describe('the hash chain, from the first event', () => {
  it('finds a vote edited in an open meeting', async () => {
    const path = copyStore(open, dir, 'open-edited');
    const vote = aVote(path);
    tamper(path, (db) =>
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(raise(vote.data), vote.position),
    );
    refused(await verifyBoth(path), 'chain-broken');
  });

  it('finds an event deleted mid-stream', async () => {
    const path = copyStore(open, dir, 'open-deleted');
    const vote = aVote(path);
    tamper(path, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(vote.position));
    const checked = await verifyBoth(path);
    expect(checked.facade.clean).toBe(false);
    expect(checked.cli.code).toBe(EXIT.refused);
    expect(checked.cli.kinds.some((k) => k === 'revision-gap' || k === 'chain-broken')).toBe(true);
  });

  it('finds an event deleted mid-stream by its stream, even with the chain recomputed without it', async () => {
    const path = copyStore(open, dir, 'open-deleted-rechained');
    const vote = aVote(path);
    tamper(path, (db) => {
      db.prepare('DELETE FROM events WHERE position = ?').run(vote.position);
      renumber(db);
      rechain(db);
    });
    refused(await verifyBoth(path), 'revision-gap');
  });

  it('finds two events of a stream swapped', async () => {
    const path = copyStore(open, dir, 'open-reordered');
    tamper(path, (db) => {
      const [a, b] = rows(db, "stream_name = ? AND type = 'VoteCast'", R2);
      const swap = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
      swap.run(b.data, b.metadata, a.position);
      swap.run(a.data, a.metadata, b.position);
    });
    refused(await verifyBoth(path), 'chain-broken');
  });

  it('finds the last events of the record removed', async () => {
    const path = copyStore(open, dir, 'open-truncated');
    tamper(path, (db) =>
      db.prepare('DELETE FROM events WHERE position = (SELECT max(position) FROM events)').run(),
    );
    refused(await verifyBoth(path), 'truncated');
  });

  it('finds the certification event itself edited', async () => {
    const path = copyStore(certified, dir, 'certification-edited');
    tamper(path, (db) => {
      const [certification] = rows(db, "stream_name = ? AND type = 'ResultsCertified'", `meeting-${EGM}`);
      const data = JSON.parse(certification.data) as { scrutineer: string };
      const edited = canonicalJson({ ...data, scrutineer: `${data.scrutineer} (forged)` });
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(edited, certification.position);
    });
    refused(await verifyBoth(path), 'chain-broken');
  });
});

describe('the canonical form of the stored text', () => {
  it('refuses a vote whose JSON holds a duplicate key, even with the chain recomputed over it', async () => {
    const path = copyStore(certified, dir, 'duplicate-key');
    const vote = aVote(path);
    // JSON.parse takes the last "votes", SQLite's json_extract the first: two readers, two tallies.
    const votes = more((JSON.parse(vote.data) as Vote).votes);
    const forged = vote.data.replace(/}$/, `,"votes":${canonicalJson(votes)}}`);
    tamper(path, (db) => {
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(forged, vote.position);
      rechain(db);
    });
    refused(await verifyBoth(path), 'not-canonical');
  });

  it('refuses metadata whose keys were reordered, even with the chain recomputed over it', async () => {
    const path = copyStore(open, dir, 'reordered-keys');
    const vote = aVote(path);
    const metadata = JSON.parse(vote.metadata) as Record<string, unknown>;
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(metadata).reverse()));
    tamper(path, (db) => {
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(reordered, vote.position);
      rechain(db);
    });
    refused(await verifyBoth(path), 'not-canonical');
  });
});

describe('the seal, with the chain recomputed by the attacker', () => {
  it("finds an event appended by hand to a certified resolution's stream", async () => {
    const path = copyStore(certified, dir, 'appended');
    tamper(path, (db) => {
      const [vote] = rows(db, "stream_name = ? AND type = 'VoteCast'", R2);
      const last = rows(db, 'stream_name = ?', R2).at(-1)!;
      const data = canonicalJson({ ...(JSON.parse(vote.data) as object), holderId: 'A-0005' });
      db.prepare(
        `INSERT INTO events (event_id, stream_name, revision, type, schema_version, data, metadata)
         SELECT '11111111-2222-5333-8444-555555555555', stream_name, ?, type, schema_version, ?, metadata
         FROM events WHERE position = ?`,
      ).run(last.revision + 1, data, vote.position);
      rechain(db);
    });
    refused(await verifyBoth(path), 'after-certification');
  });

  it('lists a meeting whose certification and seal were removed and a vote then edited', async () => {
    const path = copyStore(certified, dir, 'uncertified');
    tamper(path, (db) => {
      db.prepare("DELETE FROM events WHERE stream_name = ? AND type = 'ResultsCertified'").run(
        `meeting-${EGM}`,
      );
      db.prepare('DELETE FROM events WHERE stream_name = ?').run(`seal-${EGM}`);
      const [vote] = rows(db, "stream_name = ? AND type = 'VoteCast'", R2);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(raise(vote.data), vote.position);
      renumber(db);
      rechain(db);
    });
    refused(await verifyBoth(path), 'not-certified');
  });

  it('finds a seal that stands without its certification', async () => {
    const path = copyStore(certified, dir, 'seal-alone');
    tamper(path, (db) => {
      db.prepare("DELETE FROM events WHERE stream_name = ? AND type = 'ResultsCertified'").run(
        `meeting-${EGM}`,
      );
      renumber(db);
      rechain(db);
    });
    refused(await verifyBoth(path), 'certification-missing');
  });

  it('finds a certification edited to claim it sealed less, its root recomputed to match', async () => {
    const path = copyStore(certified, dir, 'coverage-claimed');
    const store = new SqliteEventStore(path);
    const [certification] = (await store.readStream(`meeting-${EGM}`)).filter(
      (e) => e.type === 'ResultsCertified',
    );
    const { seal } = certification.data as { seal: RecordSeal };
    const streams = seal.streams.map((s) =>
      s.streamName === R2 ? { ...s, lastRevision: s.lastRevision - 1 } : s,
    );
    const hashed = [];
    for (const { streamName, lastRevision } of streams)
      for (const e of await store.readStream(streamName, { maxCount: lastRevision + 1 }))
        hashed.push({ streamName, revision: e.revision, hash: eventHash(e) });
    await store.close();
    const forged = { ...seal, streams, events: seal.events - 1, root: rootOf(hashed) };
    tamper(path, (db) => {
      const data = canonicalJson({ ...(certification.data as object), seal: forged });
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, certification.position);
      rechain(db);
    });
    refused(await verifyBoth(path), 'seal-altered');
  });
});

import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { projectHolderTotals } from '../../examples/embedding/holder-totals';
import { Govrec, openGovrec } from '../../src/index';
import { SCENARIO_PATH } from '../golden/reference-scenario';

const scenario = () => JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));

/** Each holder's FOR / AGAINST / ABSTAIN shares summed from the scenario's own CastVote commands. */
function expectedTotals() {
  const totals = new Map<string, { for: number; against: number; abstain: number }>();
  for (const c of scenario().commands as { type: string; payload: Record<string, never> }[]) {
    if (c.type !== 'CastVote') continue;
    const t = totals.get(c.payload.holderId) ?? { for: 0, against: 0, abstain: 0 };
    totals.set(c.payload.holderId, {
      for: t.for + c.payload.for,
      against: t.against + c.payload.against,
      abstain: t.abstain + c.payload.abstain,
    });
  }
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([holder, t]) => ({
      holder_id: holder,
      for_shares: t.for,
      against_shares: t.against,
      abstain_shares: t.abstain,
    }));
}

const totalsIn = (db: Database.Database) =>
  db.prepare('SELECT * FROM holder_totals ORDER BY holder_id').all();

let govrec: Govrec;
let db: Database.Database;
beforeEach(async () => {
  govrec = await openGovrec({ store: 'memory' });
  expect((await govrec.recordScenario(scenario())).ok).toBe(true);
  db = new Database(':memory:');
});
afterEach(async () => {
  db.close();
  await govrec.close();
});

describe("An embedder's own projection fed by the event subscription", () => {
  it('folds every vote once', async () => {
    const position = await projectHolderTotals(govrec, db);
    expect(position).toBe(
      (await govrec.store.readAll()).filter((e) => !e.streamName.startsWith('seal-')).at(-1)!.position,
    );
    expect(totalsIn(db)).toEqual(expectedTotals());
    // Subscribing again from the stored checkpoint counts nothing twice.
    await projectHolderTotals(govrec, db);
    expect(totalsIn(db)).toEqual(expectedTotals());
  });

  it('is exactly once across a crash in the middle: the events after the last commit come again, the others do not', async () => {
    db.exec(
      `CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL)`,
    );
    const votes = (await govrec.store.readAll()).filter((e) => e.type === 'VoteCast');
    const crashAt = votes[Math.floor(votes.length / 2)].position;
    // The embedder's process dies while storing this event: its transaction never commits.
    db.exec(`CREATE TRIGGER crash BEFORE UPDATE ON checkpoint WHEN NEW.position = ${crashAt}
             BEGIN SELECT RAISE(ABORT, 'crash'); END`);
    await expect(projectHolderTotals(govrec, db)).rejects.toThrow('crash');
    const halfway = totalsIn(db);
    expect(halfway).not.toEqual(expectedTotals());
    db.exec('DROP TRIGGER crash');
    await projectHolderTotals(govrec, db);
    expect(totalsIn(db)).toEqual(expectedTotals());
  });
});

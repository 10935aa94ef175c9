/**
 * An embedder's own read model, fed by govrec's event subscription: the shares each holder voted
 * FOR, AGAINST and ABSTAIN across every resolution, kept in the embedder's own SQLite database.
 *
 * Delivery is at least once. The projection is made exactly once by storing each event's effect
 * and the event's position in ONE transaction, and subscribing from the stored position: after a
 * crash, the events after the last committed position come again, and nothing before it does.
 *
 *   node holder-totals.js <scenario.json> <projection.db>
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { Govrec, openGovrec, RecordedGovrecEvent } from 'govrec';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS holder_totals (
    holder_id TEXT PRIMARY KEY, for_shares INTEGER NOT NULL, against_shares INTEGER NOT NULL,
    abstain_shares INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);`;

type Split = { readonly for: number; readonly against: number; readonly abstain: number };

/** Folds govrec's events into `db` until caught up with the record; returns the position reached. */
export async function projectHolderTotals(govrec: Govrec, db: Database.Database): Promise<number> {
  db.exec(SCHEMA);
  const stored = db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as
    { position: number } | undefined;
  const add = db.prepare(`
    INSERT INTO holder_totals VALUES (@holder, @for, @against, @abstain)
    ON CONFLICT (holder_id) DO UPDATE SET for_shares = for_shares + @for,
      against_shares = against_shares + @against, abstain_shares = abstain_shares + @abstain`);
  const keep = db.prepare(
    'INSERT INTO checkpoint VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
  );
  let position = stored?.position ?? -1;
  // One transaction per event: its effect and its position are committed together, or neither is.
  const apply = db.transaction((event: RecordedGovrecEvent) => {
    const change = effectOf(event);
    if (change) add.run(change);
    keep.run(event.position);
  });
  await new Promise<void>((resolve, reject) => {
    const subscription = govrec.subscribe(
      { ...(stored ? { afterPosition: stored.position } : {}) },
      {
        onEvent: (event) => {
          apply(event);
          position = event.position;
        },
        onCaughtUp: () => void subscription.stop().then(resolve, reject),
        onError: reject,
      },
    );
  });
  return position;
}

/** What an event changes in a holder's totals: a vote adds its shares, a rejected vote takes them back. */
function effectOf(event: RecordedGovrecEvent) {
  if (event.type !== 'VoteCast' && event.type !== 'VoteRejected') return undefined;
  const { holderId, shares } = event.data as { holderId: string; shares: Split };
  const sign = event.type === 'VoteCast' ? 1 : -1;
  return {
    holder: holderId,
    for: sign * shares.for,
    against: sign * shares.against,
    abstain: sign * shares.abstain,
  };
}

async function main(): Promise<number> {
  const [scenarioFile, databaseFile] = process.argv.slice(2);
  if (!scenarioFile || !databaseFile) {
    console.error('usage: holder-totals <scenario.json> <projection.db>');
    return 2;
  }
  const govrec = await openGovrec({ store: 'memory' });
  const db = new Database(databaseFile);
  try {
    const recorded = await govrec.recordScenario(JSON.parse(readFileSync(scenarioFile, 'utf8')));
    if (!recorded.ok) {
      console.error(`command ${recorded.error.index} refused: ${recorded.error.error.message}`);
      return 1;
    }
    const position = await projectHolderTotals(govrec, db);
    console.log(`Projected up to position ${position}:`);
    for (const row of db.prepare('SELECT * FROM holder_totals ORDER BY holder_id').all())
      console.log(JSON.stringify(row));
    return 0;
  } finally {
    db.close();
    await govrec.close();
  }
}

if (require.main === module) void main().then((code) => (process.exitCode = code));

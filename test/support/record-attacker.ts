import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS, nextLink } from '../../src/application/event-chain';
import { openGovrec } from '../../src/govrec';
import { run } from '../../src/infra/cli/main';
import { captureIo } from './cli-io';

/**
 * An attacker with write access to a SQLite store's file, and govrec's verify as the two doors an
 * auditor uses (the facade and the CLI). The attacker knows the chain's algorithm: `rechain` makes
 * every stored link agree with the rows again, which is the best an attacker can do without the
 * published chain head, so a test can show what the seal's own checks find with the chain forged.
 */
export interface Row {
  readonly position: number;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export function copyStore(from: string, dir: string, name: string): string {
  const to = join(dir, `${name}.db`);
  copyFileSync(from, to);
  return to;
}

/** Runs `edit` on the file with a connection of its own (no govrec in between), then closes it. */
export function tamper(path: string, edit: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    edit(db);
  } finally {
    db.close();
  }
}

export const rows = (db: Database.Database, where: string, ...args: unknown[]): Row[] =>
  db
    .prepare(
      `SELECT position, stream_name, revision, type, data, metadata FROM events WHERE ${where} ORDER BY position`,
    )
    .all(...args) as Row[];

/** Every link recomputed over the rows as they now stand, text hashed as stored. */
export function rechain(db: Database.Database): void {
  const all = db
    .prepare(
      'SELECT position, event_id, stream_name, revision, type, schema_version, data, metadata FROM events ORDER BY position',
    )
    .all() as (Row & { event_id: string; schema_version: number })[];
  const update = db.prepare('UPDATE events SET chain = ? WHERE position = ?');
  let link = GENESIS;
  for (const r of all) {
    link = nextLink(
      link,
      r.stream_name,
      r.revision,
      r.event_id,
      r.type,
      r.schema_version,
      r.data,
      r.metadata,
    );
    update.run(Buffer.from(link, 'hex'), r.position);
  }
}

export interface Checked {
  /** What Govrec.verify() answered: clean, and every finding's kind. */
  readonly facade: { readonly clean: boolean; readonly kinds: string[] };
  /** `govrec verify --format json` with no meeting named: exit code and findings' kinds. */
  readonly cli: { readonly code: number; readonly kinds: string[] };
}

interface JsonVerdict {
  readonly clean: boolean;
  readonly findings: readonly { readonly kind: string }[];
}

const kindsOf = (verdicts: readonly JsonVerdict[]): string[] =>
  [...new Set(verdicts.flatMap((v) => v.findings.map((f) => f.kind)))].sort();

/** verify through the facade and through the CLI, with no meeting named. */
export async function verifyBoth(path: string): Promise<Checked> {
  const govrec = await openGovrec({ store: `sqlite:${path}`, readModels: `${path}.read-facade` });
  let facade: Checked['facade'];
  try {
    const verdicts = await govrec.verify();
    facade = { clean: verdicts.length > 0 && verdicts.every((v) => v.clean), kinds: kindsOf(verdicts) };
  } finally {
    await govrec.close();
  }
  const io = captureIo();
  const args = ['verify', '--format', 'json', '--store', `sqlite:${path}`, '--read-models', `${path}.read`];
  const code = await run(args, io);
  const verdicts = io.stdout.trim().startsWith('[') ? (JSON.parse(io.stdout) as JsonVerdict[]) : [];
  return { facade, cli: { code, kinds: kindsOf(verdicts) } };
}

/** A scenario file of the first `count` commands of another. */
export function scenarioPrefix(from: string, dir: string, count: number): string {
  const scenario = JSON.parse(readFileSync(from, 'utf8')) as { commands: unknown[] };
  const path = join(dir, 'open-meeting.json');
  writeFileSync(path, JSON.stringify({ ...scenario, commands: scenario.commands.slice(0, count) }));
  return path;
}

/**
 * The timed phases of the benchmark and their floors, each run in a process of its own by
 * agm-1m.ts, as a registrar runs `govrec import` or `govrec rebuild`: so that each starts alike (an
 * empty heap, cold caches), none pays for the heap of a phase before it (the read-and-parse floor
 * measured in the benchmark's own process after the ingest was 40-55 % slower, which flattered the
 * rebuild's ratio), the queries measured afterwards do not collect their garbage, and each peak
 * resident set is the phase's own. Prints one JSON line.
 * Usage: node phase-process.js ingest <store.db> <holders> <batch size>
 *        node phase-process.js raw-insert <ingested store.db> <store before the votes.db> <batch size>
 *        node phase-process.js rebuild <store.db> <read-models.db>
 *        node phase-process.js read-and-parse <store.db> [data-only]
 *        node phase-process.js peer <govrec|govrec-thread|emmett|emmett-kept|sqlite-floor> <file.db> <events> <batch>
 */
import { ProjectionRunner } from '../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../src/infra/store/sqlite/sqlite-event-store';
import { rawInsertBaseline, readAndParseBaseline } from './baselines';
import { IngestFigures, ingestVotes } from './ingest';
import { peakRssMiB, timed } from './measure';
import { emmettKept, emmettPublic, govrecPeer, PeerFigures } from './peer';
import { sqliteFloor } from './peer-floor';

export interface RebuildFigures {
  readonly ms: number;
  /** CPU time of the whole process (its threads included) over the same span: steadier than `ms` on a loaded machine. */
  readonly cpuMs: number;
  readonly position: number;
  readonly peakRssMiB: number;
}

/** A floor's figures: rows read or written, and the time. */
export interface FloorFigures {
  readonly rows: number;
  readonly ms: number;
}

export interface IngestProcessFigures extends IngestFigures {
  readonly peakRssMiB: number;
}

/** The votes through the full command path, into a store as the command line opens it. */
async function ingest(storePath: string, holders: number, batchSize: number): Promise<IngestProcessFigures> {
  const store = new SqliteEventStore(storePath, { writer: 'thread' });
  const figures = await ingestVotes(store, holders, batchSize);
  const peak = peakRssMiB();
  await store.close();
  return { ...figures, peakRssMiB: peak };
}

async function rebuild(storePath: string, readModelsPath: string): Promise<RebuildFigures> {
  const store = new SqliteEventStore(storePath);
  const readModels = new SqliteReadModels(readModelsPath);
  const runner = new ProjectionRunner(store, readModels);
  const cpu = process.cpuUsage();
  const rebuilt = await timed(() => runner.rebuild());
  const figures: RebuildFigures = {
    ms: rebuilt.ms,
    cpuMs: cpuMsSince(cpu),
    position: runner.checkpoint,
    peakRssMiB: peakRssMiB(),
  };
  readModels.close();
  await store.close();
  return figures;
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

/** The read-and-parse floor, with its CPU time as the rebuild's is given. */
function readAndParse(path: string, metadata: boolean): FloorFigures & { readonly cpuMs: number } {
  const cpu = process.cpuUsage();
  const figures = readAndParseBaseline(path, { metadata });
  return { ...figures, cpuMs: cpuMsSince(cpu) };
}

/** One store's run of the peer workload (peer.ts). */
function peer(kind: string, path: string, events: number, batch: number): Promise<PeerFigures> {
  switch (kind) {
    case 'govrec':
      return govrecPeer(path, events, batch, false);
    case 'govrec-thread':
      return govrecPeer(path, events, batch, true);
    case 'emmett':
      return emmettPublic(path, events, batch);
    case 'emmett-kept':
      return emmettKept(path, events, batch);
    case 'sqlite-floor':
      return Promise.resolve(sqliteFloor(path, events, batch));
    default:
      throw new Error(`unknown peer ${kind}: govrec, govrec-thread, emmett, emmett-kept or sqlite-floor`);
  }
}

async function run([mode, first, second, third, fourth]: readonly string[]): Promise<unknown> {
  switch (mode) {
    case 'ingest':
      return ingest(first, Number(second), Number(third));
    case 'raw-insert':
      return rawInsertBaseline(first, second, Number(third));
    case 'rebuild':
      return rebuild(first, second);
    case 'peer':
      return peer(first, second, Number(third), Number(fourth));
    case 'read-and-parse':
      return readAndParse(first, second !== 'data-only');
    default:
      throw new Error(`unknown phase ${mode}: ingest, raw-insert, rebuild or read-and-parse`);
  }
}

/**
 * Standard output carries the phase's one JSON line and nothing else: what a library writes there
 * goes to standard error instead (the peer's SQLite driver logged a busy error there under load,
 * and the line could no longer be parsed).
 */
function keepStdoutForFigures(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

if (require.main === module) {
  keepStdoutForFigures();
  run(process.argv.slice(2))
    .then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(
        `phase failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    });
}

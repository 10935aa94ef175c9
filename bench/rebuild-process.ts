/**
 * `govrec rebuild` as the benchmark measures it: in a process of its own, as a registrar runs it, so
 * that its peak resident set is the rebuild's and not the ingest's that ran before it in the
 * benchmark's process. Run by agm-1m.ts; prints one JSON line: { events, ms, peakRssMiB }.
 * Usage: node rebuild-process.js <store.db> <read-models.db>
 */
import { ProjectionRunner } from '../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../src/infra/store/sqlite/sqlite-event-store';
import { peakRssMiB, timed } from './measure';

export interface RebuildFigures {
  readonly ms: number;
  readonly position: number;
  readonly peakRssMiB: number;
}

async function main(storePath: string, readModelsPath: string): Promise<void> {
  const store = new SqliteEventStore(storePath);
  const readModels = new SqliteReadModels(readModelsPath);
  const runner = new ProjectionRunner(store, readModels);
  const rebuild = await timed(() => runner.rebuild());
  const figures: RebuildFigures = { ms: rebuild.ms, position: runner.checkpoint, peakRssMiB: peakRssMiB() };
  readModels.close();
  await store.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (require.main === module)
  main(process.argv[2], process.argv[3]).catch((error: unknown) => {
    process.stderr.write(
      `rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });

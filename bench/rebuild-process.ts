/**
 * The rebuild and its read-and-parse floor as the benchmark measures them: each in a process of its
 * own, so that both start alike (an empty heap, a cold statement cache) and neither pays for the
 * ingest's heap that ran before it in the benchmark's process (the floor measured there was 40-55 %
 * slower, which flattered the ratio), and so that the rebuild's peak resident set is its own.
 * Run by agm-1m.ts; prints one JSON line.
 * Usage: node rebuild-process.js rebuild <store.db> <read-models.db>
 *        node rebuild-process.js read-and-parse <store.db> [data-only]
 */
import { ProjectionRunner } from '../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../src/infra/read-models/sqlite-read-models';
import { SqliteEventStore } from '../src/infra/store/sqlite/sqlite-event-store';
import { readAndParseBaseline } from './baselines';
import { peakRssMiB, timed } from './measure';

export interface RebuildFigures {
  readonly ms: number;
  readonly position: number;
  readonly peakRssMiB: number;
}

export interface ReadParseFigures {
  readonly rows: number;
  readonly ms: number;
}

async function rebuild(storePath: string, readModelsPath: string): Promise<RebuildFigures> {
  const store = new SqliteEventStore(storePath);
  const readModels = new SqliteReadModels(readModelsPath);
  const runner = new ProjectionRunner(store, readModels);
  const rebuilt = await timed(() => runner.rebuild());
  const figures: RebuildFigures = { ms: rebuilt.ms, position: runner.checkpoint, peakRssMiB: peakRssMiB() };
  readModels.close();
  await store.close();
  return figures;
}

async function main([mode, storePath, third]: readonly string[]): Promise<void> {
  const figures =
    mode === 'rebuild'
      ? await rebuild(storePath, third)
      : mode === 'read-and-parse'
        ? readAndParseBaseline(storePath, { metadata: third !== 'data-only' })
        : undefined;
  if (!figures) throw new Error(`unknown mode ${mode}: rebuild or read-and-parse`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (require.main === module)
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `rebuild failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });

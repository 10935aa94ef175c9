import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, runBench } from '../../bench/agm-1m';

/** `npm run bench -- --size tiny` end to end (1,000 votes), so the benchmark cannot rot unnoticed. */
it('runs the benchmark at its tiny size and writes every figure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'govrec-bench-smoke-'));
  try {
    const out = join(dir, 'results.json');
    const checks = await runBench({
      ...parseArgs([
        '--size',
        'tiny',
        '--quiet',
        '--rebuild-rounds',
        '1',
        '--ingest-rounds',
        '1',
        '--peer-events',
        '2000',
      ]),
      out,
    });
    const written = JSON.parse(readFileSync(out, 'utf8')) as { votes: number; checks: { measure: string }[] };
    expect(written.votes).toBe(1000);
    expect(written.checks.map((c) => c.measure)).toEqual(checks.map((c) => c.measure));
    expect(checks.map((c) => c.measure)).toEqual(
      expect.arrayContaining([
        'ingest, full command path',
        'rebuild, every projection',
        'results view p99',
        'GET /api/meetings/:id p99',
        'peak RSS after ingest',
        'peak RSS after rebuild',
        'ingest, EventStoreDB emulator (1000 votes)',
        'peer: govrec store vs Emmett, public API',
        'peer: govrec store vs Emmett, one kept connection',
        "peer: SQLite floor vs Emmett's public API",
        'peer: govrec store vs the SQLite floor',
      ]),
    );
    for (const c of checks) expect(c.figure).toBeGreaterThan(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Every phase in a process of its own, five stores on the peer workload: minutes on a loaded machine.
}, 180_000);

/** Small measuring tools: a stopwatch, percentiles, memory. */

export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** The p-th percentile (0–100) of samples, nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

const MIB = 1024 * 1024;

/** The process's peak resident set so far (the kernel's high-water mark), in MiB. */
export const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

export const rssMiB = (): number => process.memoryUsage().rss / MIB;

export const perSecond = (count: number, ms: number): number => (ms > 0 ? (count * 1000) / ms : 0);

/** Progress of the benchmark itself, on stderr, so stdout keeps only the table. */
export const say = (text: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
};

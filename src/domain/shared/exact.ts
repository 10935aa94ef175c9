/**
 * Exact arithmetic on share counts. Percentages are computed from the exact rational and rounded
 * half-up; thresholds are compared by integer cross-multiplication. BigInt keeps products of large
 * counts exact (3 × 10^15 votes would overflow a double's integers).
 */

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** part / whole × 100, rounded half-up to `decimals` places, as a string ("99.9825"); "0.0000" when whole is 0. */
export function percent(part: number, whole: number, decimals = 4): string {
  const scale = 10n ** BigInt(decimals);
  if (whole === 0) return formatScaled(0n, scale, decimals);
  const p = BigInt(part);
  const w = BigInt(whole);
  // round(p*100*scale / w) half-up for non-negative values = floor((2*p*100*scale + w) / (2*w))
  const scaled = (2n * p * 100n * scale + w) / (2n * w);
  return formatScaled(scaled, scale, decimals);
}

function formatScaled(scaled: bigint, scale: bigint, decimals: number): string {
  const whole = scaled / scale;
  const frac = (scaled % scale).toString().padStart(decimals, '0');
  return decimals === 0 ? whole.toString() : `${whole}.${frac}`;
}

export type Comparator = 'AT_LEAST' | 'MORE_THAN';

/** Whether count / base reaches the threshold: count × d ≥ n × base (AT_LEAST) or > (MORE_THAN). */
export function reaches(count: number, base: number, threshold: Fraction, comparator: Comparator): boolean {
  const left = BigInt(count) * BigInt(threshold.denominator);
  const right = BigInt(threshold.numerator) * BigInt(base);
  return comparator === 'AT_LEAST' ? left >= right : left > right;
}

/** Sum that refuses to leave the range of exact integers rather than silently losing shares. */
export function exactSum(values: readonly number[]): number | undefined {
  let total = 0;
  for (const v of values) {
    total += v;
    if (!Number.isSafeInteger(total)) return undefined;
  }
  return total;
}

/** Whether a ≥ b, compared by cross-multiplication. */
export const atLeastFraction = (a: Fraction, b: Fraction): boolean =>
  BigInt(a.numerator) * BigInt(b.denominator) >= BigInt(b.numerator) * BigInt(a.denominator);

/**
 * The least whole count that reaches the threshold of base: ⌈n·base/d⌉ for AT_LEAST, ⌊n·base/d⌋ + 1
 * for MORE_THAN. `reaches(x, base, …)` holds exactly when x ≥ this figure.
 */
export function leastReaching(base: number, threshold: Fraction, comparator: Comparator): number {
  const product = BigInt(threshold.numerator) * BigInt(base);
  const d = BigInt(threshold.denominator);
  const least = comparator === 'AT_LEAST' ? (product + d - 1n) / d : product / d + 1n;
  return Number(least);
}

/**
 * `parts` scaled down to sum to exactly `total` (total ≤ their sum, which must be positive), in whole
 * numbers, by the largest-remainder method:
 * 1. each part gets ⌊part × total / sum⌋, computed in BigInt so that no product is rounded;
 * 2. the shortfall (fewer than the number of parts) goes one each to the parts whose discarded
 *    remainders (part × total mod sum) are largest; equal remainders go to the earlier part.
 * The result is deterministic, sums to `total`, and never gives a part more than it had: a part
 * gets a unit of the shortfall only if its remainder is non-zero, and then ⌊part × total / sum⌋ <
 * part because total < sum.
 */
export function proRate(parts: readonly number[], total: number): number[] {
  const sum = parts.reduce((s, p) => s + BigInt(p), 0n);
  const t = BigInt(total);
  if (sum === 0n || t >= sum) return [...parts];
  const shares = parts.map((p, index) => {
    const scaled = BigInt(p) * t;
    return { index, floor: scaled / sum, remainder: scaled % sum };
  });
  let shortfall = t - shares.reduce((s, x) => s + x.floor, 0n);
  const byRemainder = [...shares].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (shortfall === 0n) break;
    share.floor += 1n;
    shortfall -= 1n;
  }
  return shares.map((x) => Number(x.floor));
}

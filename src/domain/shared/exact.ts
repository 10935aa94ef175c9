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

import fc from 'fast-check';
import { Comparator, exactSum, Fraction, percent, reaches } from '../../src/domain/shared/exact';

const MAX = Number.MAX_SAFE_INTEGER; // 2^53 − 1

// ---- independent references ------------------------------------------------------------------

/** part / whole × 100 to 4 places, half-up, by quotient and remainder (no shortcut formula). */
function referencePercent(part: number, whole: number): string {
  if (whole === 0) return '0.0000';
  const p = BigInt(part) * 1_000_000n; // × 100 × 10^4
  const w = BigInt(whole);
  let q = p / w;
  const r = p % w;
  if (2n * r >= w) q += 1n;
  const digits = q.toString().padStart(5, '0');
  return `${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** Sign of a/b − c/d for b, d > 0, by comparing continued-fraction expansions (no cross-multiplying). */
function compareFractions(a: bigint, b: bigint, c: bigint, d: bigint): -1 | 0 | 1 {
  const qa = a / b;
  const qc = c / d;
  if (qa !== qc) return qa < qc ? -1 : 1;
  const ra = a % b;
  const rc = c % d;
  if (ra === 0n && rc === 0n) return 0;
  if (ra === 0n) return -1;
  if (rc === 0n) return 1;
  // ra/b vs rc/d has the opposite sign of b/ra vs d/rc.
  return compareFractions(d, rc, b, ra);
}

const referenceReaches = (count: number, base: number, t: Fraction, comparator: Comparator): boolean => {
  const sign = compareFractions(BigInt(count), BigInt(base), BigInt(t.numerator), BigInt(t.denominator));
  return comparator === 'AT_LEAST' ? sign >= 0 : sign > 0;
};

/** "99.9825" → 999825n (units of 0.0001). */
const toTenThousandths = (s: string): bigint => {
  const m = /^(\d+)\.(\d{4})$/.exec(s);
  if (!m) throw new Error(`Not a 4-decimal percentage: ${s}`);
  return BigInt(m[1]) * 10_000n + BigInt(m[2]);
};

// ---- percent --------------------------------------------------------------------------------

describe('percent', () => {
  it.each([
    [1, 3, '33.3333'],
    [2, 3, '66.6667'],
    [1, 2, '50.0000'],
    [0, 7, '0.0000'],
    [7, 7, '100.0000'],
    [MAX, MAX, '100.0000'],
    [1, MAX, '0.0000'],
    [3, 2, '150.0000'],
    // JL MAG EGM 2023-11-23, resolution 1, as announced: FOR, AGAINST, ABSTAIN of 660,025,770.
    [659_910_462, 660_025_770, '99.9825'],
    [112_108, 660_025_770, '0.0170'],
    [3_200, 660_025_770, '0.0005'],
    // …and the attending shares of the 1,342,540,451 entitled.
    [660_025_770, 1_342_540_451, '49.1624'],
  ])('percent(%d, %d) = %s', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('is "0.0000" when the whole is 0', () => {
    expect(percent(0, 0)).toBe('0.0000');
    expect(percent(5, 0)).toBe('0.0000');
  });

  it('rounds half-up at exactly .00005', () => {
    expect(percent(1, 2_000_000)).toBe('0.0001'); // 0.00005 exactly
    expect(percent(3, 2_000_000)).toBe('0.0002'); // 0.00015 exactly
    expect(percent(1, 2_000_001)).toBe('0.0000'); // just below 0.00005
    expect(percent(199_999, 2_000_000)).toBe('10.0000'); // 9.99995 exactly
    expect(percent(199_998, 2_000_000)).toBe('9.9999'); // 9.9999 exactly
  });

  it('rounds half-up near 100%', () => {
    expect(percent(1_999_999, 2_000_000)).toBe('100.0000'); // 99.99995
    expect(percent(3_999_997, 4_000_000)).toBe('99.9999'); // 99.999925
  });

  it('takes other numbers of decimals', () => {
    expect(percent(1, 3, 2)).toBe('33.33');
    expect(percent(1, 8, 0)).toBe('13'); // 12.5 half-up
    expect(percent(1, 3, 0)).toBe('33');
    expect(percent(0, 0, 2)).toBe('0.00');
  });

  it('stays exact where doubles would not (products beyond 2^53)', () => {
    // (2^53 − 2) / (2^53 − 1) = 99.99999999999998…% → 100.0000; one share short of a huge whole.
    expect(percent(MAX - 1, MAX)).toBe('100.0000');
    // 2^53 − 1 = 3 × 3002399751580330.33…: a third of it rounds to 33.3333.
    expect(percent(3_002_399_751_580_330, MAX)).toBe('33.3333');
  });

  it('(property) equals an independent quotient-and-remainder computation, for parts up to the whole', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (whole, f) => {
          const part = Math.min(whole, Math.floor(whole * f));
          expect(percent(part, whole)).toBe(referencePercent(part, whole));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('(property) equals the independent computation for any parts and wholes up to 2^53 − 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: MAX }), (part, whole) => {
        expect(percent(part, whole)).toBe(referencePercent(part, whole));
      }),
      { numRuns: 2000 },
    );
  });

  it('(property) equals the independent computation on small wholes, where ties are frequent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        (whole, part) => {
          expect(percent(part, whole)).toBe(referencePercent(part, whole));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('(property) the three percentages of a split sum to 100 ± 0.0002', () => {
    const split = fc
      .tuple(
        fc.integer({ min: 0, max: MAX }),
        fc.integer({ min: 0, max: MAX }),
        fc.integer({ min: 0, max: MAX }),
      )
      .map(([a, b, c]) => {
        // Scale down so that the sum stays within 2^53 − 1, as a tally of exact share counts does.
        const total = BigInt(a) + BigInt(b) + BigInt(c);
        const k = total > BigInt(MAX) ? total / BigInt(MAX) + 1n : 1n;
        return [a, b, c].map((x) => Number(BigInt(x) / k));
      })
      .filter(([a, b, c]) => a + b + c > 0);
    fc.assert(
      fc.property(split, ([f, a, b]) => {
        const whole = f + a + b;
        expect(Number.isSafeInteger(whole)).toBe(true);
        const sum = [f, a, b].map((x) => toTenThousandths(percent(x, whole))).reduce((s, x) => s + x, 0n);
        const error = sum - 1_000_000n;
        expect(error >= -2n && error <= 2n).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

// ---- reaches --------------------------------------------------------------------------------

describe('reaches', () => {
  const half: Fraction = { numerator: 1, denominator: 2 };
  const twoThirds: Fraction = { numerator: 2, denominator: 3 };

  it.each([
    [2, 3, twoThirds, 'AT_LEAST', true],
    [2, 3, twoThirds, 'MORE_THAN', false],
    [600, 900, twoThirds, 'AT_LEAST', true],
    [599, 900, twoThirds, 'AT_LEAST', false],
    [601, 900, twoThirds, 'MORE_THAN', true],
    [50, 100, half, 'AT_LEAST', true],
    [50, 100, half, 'MORE_THAN', false],
    [51, 100, half, 'MORE_THAN', true],
    [100, 100, { numerator: 1, denominator: 1 }, 'AT_LEAST', true],
    [100, 100, { numerator: 1, denominator: 1 }, 'MORE_THAN', false],
  ] as const)('reaches(%d, %d, %o, %s) = %s', (count, base, threshold, comparator, expected) => {
    expect(reaches(count, base, threshold, comparator)).toBe(expected);
  });

  it('compares exactly at 2/3 of a base near 2^53, where a double product would round', () => {
    const base = 9_007_199_254_740_990; // divisible by 3
    const twoThirdsOfBase = 6_004_799_503_160_660;
    expect(reaches(twoThirdsOfBase, base, twoThirds, 'AT_LEAST')).toBe(true);
    expect(reaches(twoThirdsOfBase, base, twoThirds, 'MORE_THAN')).toBe(false);
    expect(reaches(twoThirdsOfBase - 1, base, twoThirds, 'AT_LEAST')).toBe(false);
    expect(reaches(twoThirdsOfBase + 1, base, twoThirds, 'MORE_THAN')).toBe(true);
  });

  const threshold = fc
    .tuple(fc.integer({ min: 1, max: MAX }), fc.integer({ min: 1, max: MAX }))
    .map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }));
  const smallThreshold = fc
    .tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }))
    .map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }));
  const comparator = fc.constantFrom<Comparator>('AT_LEAST', 'MORE_THAN');

  /** count / base exactly at a threshold n/d: count = n·k, base = d·k. */
  const exactlyAt = smallThreshold.chain((t) =>
    fc
      .integer({ min: 1, max: Math.floor(MAX / t.denominator) })
      .map((k) => ({ count: t.numerator * k, base: t.denominator * k, threshold: t })),
  );
  const anywhere = fc
    .tuple(
      fc.integer({ min: 0, max: MAX }),
      fc.integer({ min: 1, max: MAX }),
      fc.oneof(threshold, smallThreshold),
    )
    .map(([a, b, t]) => ({ count: Math.min(a, b), base: b, threshold: t }));
  const nearThreshold = fc
    .tuple(smallThreshold, fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -2, max: 2 }))
    .map(([t, k, delta]) => ({
      count: Math.max(0, t.numerator * k + delta),
      base: t.denominator * k,
      threshold: t,
    }));

  it('(property) agrees with an independent rational comparison', () => {
    fc.assert(
      fc.property(
        fc.oneof(anywhere, exactlyAt, nearThreshold),
        comparator,
        ({ count, base, threshold: t }, c) => {
          expect(reaches(count, base, t, c)).toBe(referenceReaches(count, base, t, c));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('(property) AT_LEAST and MORE_THAN differ exactly when count / base equals the threshold', () => {
    fc.assert(
      fc.property(fc.oneof(anywhere, exactlyAt, nearThreshold), ({ count, base, threshold: t }) => {
        const equal =
          compareFractions(BigInt(count), BigInt(base), BigInt(t.numerator), BigInt(t.denominator)) === 0;
        const differ = reaches(count, base, t, 'AT_LEAST') !== reaches(count, base, t, 'MORE_THAN');
        expect(differ).toBe(equal);
      }),
      { numRuns: 3000 },
    );
  });

  it('(property) exactly at the threshold: AT_LEAST passes and MORE_THAN fails', () => {
    fc.assert(
      fc.property(exactlyAt, ({ count, base, threshold: t }) => {
        expect(reaches(count, base, t, 'AT_LEAST')).toBe(true);
        expect(reaches(count, base, t, 'MORE_THAN')).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('exactSum', () => {
  it('adds exactly within 2^53 − 1', () => {
    expect(exactSum([])).toBe(0);
    expect(exactSum([MAX - 1, 1])).toBe(MAX);
  });

  it('refuses to leave the exact integers', () => {
    expect(exactSum([MAX, 1])).toBeUndefined();
    expect(exactSum([MAX - 1, 1, 1])).toBeUndefined();
  });
});

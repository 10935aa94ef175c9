import fc from 'fast-check';
import { rowPercentages } from '../../../src/projections/results/percentages';
import { Presentation } from '../../../src/domain/rules/presentation';

const presentation = (p: Partial<Presentation>): Presentation => ({
  percentageBase: 'VOTES_CAST_AND_ABSTAINED',
  decimals: 4,
  abstentions: 'ABSTAIN',
  dateStyle: 'MONTH_DAY_YEAR',
  numbering: 'NUMBERED',
  ...p,
});
const NO_OTHERS = { presentAndEntitled: 0, outstanding: 0 };

/** A printed percentage as an exact scaled integer: "98.98" at 2 decimals → 9898n. */
const scaled = (pct: string): bigint => BigInt(pct.replace('.', ''));

/** Whether pct is part/whole×100 rounded half-up at d decimals: |pct·whole − part·100·10^d| ≤ whole/2, ties up. */
function roundsHalfUp(pct: string, part: number, whole: number, d: number): boolean {
  const exact2 = 2n * BigInt(part) * 100n * 10n ** BigInt(d); // twice the exact scaled value × whole
  const printed2 = 2n * scaled(pct) * BigInt(whole);
  const w = BigInt(whole);
  // printed − ½ ≤ exact < printed + ½  (half-up: a tie rounds to the upper figure)
  return printed2 - w <= exact2 && exact2 < printed2 + w;
}

const count = fc.integer({ min: 0, max: 4_000_000_000 });

describe('a row of percentages, all of one base', () => {
  it('UK (FOR + AGAINST): FOR and AGAINST of the votes cast, withheld given no percentage', () => {
    // The row that summed to 100.0314%: 72.7273 + 27.2727 + an ABSTAIN of another total.
    const row = rowPercentages(
      { for: 400_000, against: 150_000, abstain: 30_000 },
      'VOTES_CAST',
      NO_OTHERS,
      presentation({ percentageBase: 'VOTES_CAST', decimals: 2, abstentions: 'WITHHELD' }),
    );
    expect(row).toEqual({ forPct: '72.73', againstPct: '27.27', percentOf: 'VOTES_CAST' });
  });

  it('HK (FOR + AGAINST + ABSTAIN) on a VOTES_CAST majority: every figure of the three together', () => {
    const row = rowPercentages(
      { for: 400_000, against: 150_000, abstain: 30_000 },
      'VOTES_CAST',
      NO_OTHERS,
      presentation({ decimals: 6 }),
    );
    expect(row).toEqual({
      forPct: '68.965517',
      againstPct: '25.862069',
      abstainPct: '5.172414',
      percentOf: 'VOTES_CAST_AND_ABSTAINED',
    });
  });

  it('the majority base, where the presentation says so: present and entitled counts abstentions', () => {
    const row = rowPercentages(
      { for: 3_000, against: 1_000, abstain: 1_000 },
      'PRESENT_AND_ENTITLED',
      { presentAndEntitled: 8_000, outstanding: 10_000 },
      presentation({ percentageBase: 'MAJORITY_BASE', decimals: 2 }),
    );
    expect(row).toEqual({
      forPct: '37.50',
      againstPct: '12.50',
      abstainPct: '12.50',
      percentOf: 'PRESENT_AND_ENTITLED',
    });
  });

  it('rounds each figure half-up from the exact fraction at any precision, never from another figure', () => {
    fc.assert(
      fc.property(count, count, count, fc.integer({ min: 0, max: 8 }), (f, a, x, decimals) => {
        fc.pre(f + a > 0);
        const votes = { for: f, against: a, abstain: x };
        const cast = rowPercentages(
          votes,
          'VOTES_CAST',
          NO_OTHERS,
          presentation({ percentageBase: 'VOTES_CAST', decimals }),
        );
        const all = rowPercentages(votes, 'VOTES_CAST', NO_OTHERS, presentation({ decimals }));
        expect(cast.abstainPct).toBeUndefined();
        expect(roundsHalfUp(cast.forPct, f, f + a, decimals)).toBe(true);
        expect(roundsHalfUp(cast.againstPct, a, f + a, decimals)).toBe(true);
        expect(roundsHalfUp(all.forPct, f, f + a + x, decimals)).toBe(true);
        expect(roundsHalfUp(all.abstainPct!, x, f + a + x, decimals)).toBe(true);
        // One base: the printed figures of a row are within one unit a figure of 100%.
        const sum = [all.forPct, all.againstPct, all.abstainPct!].reduce((s, p) => s + scaled(p), 0n);
        const hundred = 100n * 10n ** BigInt(decimals);
        expect(sum >= hundred - 2n && sum <= hundred + 2n).toBe(true);
      }),
    );
  });

  it('a tie rounds up: 1 of 8 at 2 decimals is 12.50, 1 of 16 at 3 is 6.250, 1 of 32 at 3 is 3.125, at 2 is 3.13', () => {
    const at = (part: number, whole: number, decimals: number) =>
      rowPercentages(
        { for: part, against: whole - part, abstain: 0 },
        'VOTES_CAST',
        NO_OTHERS,
        presentation({ percentageBase: 'VOTES_CAST', decimals }),
      ).forPct;
    expect([at(1, 8, 2), at(1, 16, 3), at(1, 32, 3), at(1, 32, 2), at(1, 3, 0)]).toEqual([
      '12.50',
      '6.250',
      '3.125',
      '3.13',
      '33',
    ]);
  });
});

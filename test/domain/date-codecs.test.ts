import fc from 'fast-check';
import { IsoDate, IsoDateTime } from '../../src/domain/shared/codecs';

/** The first checks, kept as the oracle: a date or instant accepted once must be accepted alike. */
const calendarDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};
const instant = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
  calendarDate(s.slice(0, 10)) &&
  !Number.isNaN(Date.parse(s));

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Years near the edges the old check had (0-99 taken for 1900+), leap and common years. */
const year = fc.oneof(
  fc.integer({ min: 0, max: 130 }),
  fc.constantFrom(1582, 1899, 1900, 1901, 2000, 2023, 2024, 2100, 2400, 9999),
  fc.integer({ min: 0, max: 9999 }),
);
const date = fc
  .tuple(year, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const time = fc
  .tuple(
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 61 }), fc.option(fc.stringMatching(/^\d{1,10}$/)))),
    fc.oneof(
      fc.constant('Z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
        .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
      fc.constantFrom('', 'z', '+0800', '+08'),
    ),
  )
  .map(
    ([h, m, s, zone]) =>
      `T${pad(h, 2)}:${pad(m, 2)}${s ? `:${pad(s[0], 2)}${s[1] ? `.${s[1]}` : ''}` : ''}${zone}`,
  );
/** Valid-looking strings with one character changed, cut or added, and any string at all. */
const mutated = (base: fc.Arbitrary<string>) =>
  fc.oneof(
    base,
    fc
      .tuple(base, fc.nat(), fc.string({ maxLength: 2 }), fc.nat({ max: 2 }))
      .map(([s, at, x, cut]) => s.slice(0, at % (s.length + 1)) + x + s.slice((at % (s.length + 1)) + cut)),
    fc.string(),
    fc.constantFrom('', ' ', '2024-02-29', '0000-01-01', '0099-12-31', '0100-01-01', '٢٠٢٤-01-01'),
  );
const dates = mutated(date);
const instants = mutated(fc.tuple(date, time).map(([d, t]) => d + t));

describe('the date and instant codecs', () => {
  it('accept exactly the dates the first check accepted', () => {
    fc.assert(
      fc.property(dates, (s) => {
        expect(IsoDate.is(s)).toBe(calendarDate(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('accept exactly the instants the first check accepted, whatever was checked before', () => {
    fc.assert(
      fc.property(fc.array(instants, { minLength: 1, maxLength: 4 }), (xs) => {
        for (const s of xs) expect(IsoDateTime.is(s)).toBe(instant(s));
      }),
      { numRuns: 10_000 },
    );
  });

  it('refuse an empty string and years before 100, the one after a valid instant too', () => {
    expect(IsoDateTime.is('2025-06-20T10:45:00+08:00')).toBe(true);
    expect(IsoDateTime.is('')).toBe(false);
    expect(IsoDateTime.is('0099-06-20T10:45:00Z')).toBe(false);
    expect(IsoDate.is('0099-12-31')).toBe(false);
    expect(IsoDate.is('2024-02-29')).toBe(true);
    expect(IsoDate.is('2100-02-29')).toBe(false);
  });
});

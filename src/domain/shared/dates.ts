/**
 * Date arithmetic on the ISO strings the codecs have already checked (IsoDate, IsoDateTime).
 * Civil dates carry no time zone; instants carry their own offset.
 */
const DAY_MS = 86_400_000;
export const HOUR_NS = 3_600_000_000_000n;

/** Days since the epoch of a calendar date YYYY-MM-DD. */
const dayNumber = (date: string): number =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;

/** Days from one date to a later one, the later day counting: 10 from the 10th to the 20th. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/**
 * Clear days between two dates: neither the day of notice nor the day of the meeting counts
 * (UK Companies Act s.360; Hong Kong Companies Ordinance s.571 counts the same way).
 */
export const clearDaysBetween = (from: string, to: string): number => daysBetween(from, to) - 1;

/**
 * An instant in nanoseconds since the epoch. The codec admits up to 9 decimals of a second; Date.parse
 * would cut them to milliseconds, and a proxy lodged 0.0009 s late would pass as on time.
 */
export function instantNs(at: string): bigint {
  const fraction = /\.(\d{1,9})/.exec(at);
  const whole = fraction ? at.replace(fraction[0], '') : at;
  const nanos = fraction ? BigInt(fraction[1].padEnd(9, '0')) : 0n;
  return BigInt(Date.parse(whole)) * 1_000_000n + nanos;
}

/** The civil date of an instant as written (its own offset), e.g. 2023-11-23T14:30+08:00 → 2023-11-23. */
export const dateOf = (at: string): string => at.slice(0, 10);

/** The date `days` after a date: 2023-11-13 + 2 → 2023-11-15. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The offset an instant is written with, in minutes east of UTC (Z is 0). */
function offsetMinutes(at: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(at);
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]) : 0;
}

/**
 * The instant `hours` before `at`, written in `at`'s own offset and to the nanosecond: a proxy
 * deadline 24 hours before 2023-12-07T14:00:00+08:00 is 2023-12-06T14:00:00+08:00.
 */
export function hoursBefore(at: string, hours: number): string {
  const offset = offsetMinutes(at);
  const local = instantNs(at) - BigInt(hours) * HOUR_NS + BigInt(offset) * 60_000_000_000n;
  const ms = local / 1_000_000n;
  const nanos = local % 1_000_000_000n;
  const whole = new Date(Number(ms)).toISOString().slice(0, 19);
  const fraction = nanos === 0n ? '' : `.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}`;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = /Z$/.test(at)
    ? 'Z'
    : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${whole}${fraction}${zone}`;
}

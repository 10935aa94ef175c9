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

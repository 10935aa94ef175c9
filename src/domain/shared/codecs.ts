import * as t from 'io-ts';

/** A non-negative whole number of shares or votes that JavaScript numbers hold exactly (≤ 2^53 − 1). */
export interface ShareCountBrand {
  /** Marks a value decoded as a {@link ShareCount}. */
  readonly ShareCount: unique symbol;
}
/** The codec of {@link ShareCount}: decodes one, refusing any other value. */
export const ShareCount = t.brand(
  t.number,
  (n): n is t.Branded<number, ShareCountBrand> => Number.isSafeInteger(n) && n >= 0,
  'ShareCount',
);
/** A number of shares or votes: a whole number from 0 that JavaScript numbers hold exactly. */
export type ShareCount = t.TypeOf<typeof ShareCount>;

/** A whole number ≥ 1 (votes per share, seats, denominators). */
export interface PositiveIntBrand {
  /** Marks a value decoded as a {@link PositiveInt}. */
  readonly PositiveInt: unique symbol;
}
/** The codec of {@link PositiveInt}: decodes one, refusing any other value. */
export const PositiveInt = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveIntBrand> => Number.isSafeInteger(n) && n >= 1,
  'PositiveInt',
);
/** A whole number of at least 1 (votes per share, seats, denominators). */
export type PositiveInt = t.TypeOf<typeof PositiveInt>;

/** Text that is not blank, of at most 2,000 characters. */
export interface NonEmptyStringBrand {
  /** Marks a value decoded as a {@link NonEmptyString}. */
  readonly NonEmptyString: unique symbol;
}
/** The codec of {@link NonEmptyString}: decodes one, refusing any other value. */
export const NonEmptyString = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyStringBrand> => s.trim().length > 0 && s.length <= 2000,
  'NonEmptyString',
);
/** Text that is not blank, of at most 2,000 characters (names, titles, reasons). */
export type NonEmptyString = t.TypeOf<typeof NonEmptyString>;

/**
 * Control characters: C0 (line breaks and tabs too), DEL and C1, and the bidirectional overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) that make a name display as another. A name with one
 * would print on a register, a proxy form or an announcement other than as it reads in the record.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A person's or a company's name: a {@link NonEmptyString} without control characters. */
export interface NameBrand {
  /** Marks a value decoded as a {@link Name}. */
  readonly Name: unique symbol;
}
/**
 * The codec of {@link Name}: refuses control characters. Used by the commands that bring a name in
 * (the register, proxies, representatives), not by the events, so that a record written before
 * this rule still reads.
 */
export const Name = t.brand(
  NonEmptyString,
  (s): s is t.Branded<NonEmptyString, NameBrand> => !CONTROL_CHARACTER.test(s),
  'Name',
);
/** A name: not blank, at most 2,000 characters, no control characters. */
export type Name = t.TypeOf<typeof Name>;

/** A resolution's label as its notice prints it: see {@link ResolutionLabel}. */
export interface ResolutionLabelBrand {
  /** Marks a value decoded as a {@link ResolutionLabel}. */
  readonly ResolutionLabel: unique symbol;
}

/** The longest label a notice gives a resolution: "Ordinary Resolution 12(b)" fits with room to spare. */
export const MAX_LABEL_LENGTH = 32;

/**
 * The codec of {@link ResolutionLabel}: 1 to 32 characters, neither starting nor ending with a space,
 * without control characters (a label is printed in every results output, where a line break or a
 * bidirectional override would make it read as another). Used by the commands; the events take any
 * text that is not blank, so that a record written before a rule is tightened still reads.
 */
export const ResolutionLabel = t.brand(
  t.string,
  (s): s is t.Branded<string, ResolutionLabelBrand> =>
    s.length > 0 && s.length <= MAX_LABEL_LENGTH && s.trim() === s && !CONTROL_CHARACTER.test(s),
  'ResolutionLabel',
);
/** A resolution's label as its notice prints it: "1", "2(a)", "(b)", "Ordinary Resolution 3". */
export type ResolutionLabel = t.TypeOf<typeof ResolutionLabel>;

/** Identifiers of meetings, resolutions, holders, proxies: letters, digits and - _ . : only. */
export interface IdBrand {
  /** Marks a value decoded as a {@link Id}. */
  readonly Id: unique symbol;
}
/** The codec of {@link Id}: decodes one, refusing any other value. */
export const Id = t.brand(
  t.string,
  (s): s is t.Branded<string, IdBrand> => /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(s),
  'Id',
);
/** An identifier of a meeting, resolution, holder or proxy: up to 128 letters, digits and `- _ . :`, the first a letter or digit. */
export type Id = t.TypeOf<typeof Id>;

/**
 * True when `s` holds, from `at`, a date YYYY-MM-DD (ASCII digits) of the proleptic Gregorian
 * calendar with a year of at least 100. Years 0-99 were always refused: the first check built a
 * Date.UTC from the fields, which takes such a year for 1900 + year, and compared the fields back.
 * Read from the string's characters: the regular expression's match and the Date it built were most
 * of a vote's decoding.
 */
function isCalendarDateAt(s: string, at: number): boolean {
  const year = digitsAt(s, at, 4);
  const month = digitsAt(s, at + 5, 2);
  const day = digitsAt(s, at + 8, 2);
  if (s.charCodeAt(at + 4) !== HYPHEN || s.charCodeAt(at + 7) !== HYPHEN) return false;
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

const HYPHEN = 45;

/** The number the `count` ASCII digits at `at` write, or -1 when one of them is not a digit. */
function digitsAt(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number): number =>
  month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];

const isCalendarDate = (s: string): boolean => s.length === 10 && isCalendarDateAt(s, 0);

/** A calendar date, YYYY-MM-DD. */
export interface IsoDateBrand {
  /** Marks a value decoded as a {@link IsoDate}. */
  readonly IsoDate: unique symbol;
}
/** The codec of {@link IsoDate}: decodes one, refusing any other value. */
export const IsoDate = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateBrand> => isCalendarDate(s),
  'IsoDate',
);
/** A calendar date, YYYY-MM-DD. */
export type IsoDate = t.TypeOf<typeof IsoDate>;

/** An instant with an explicit offset, e.g. 2023-11-23T14:30:00+08:00 or …Z. */
export interface IsoDateTimeBrand {
  /** Marks a value decoded as a {@link IsoDateTime}. */
  readonly IsoDateTime: unique symbol;
}
/** The codec of {@link IsoDateTime}: decodes one, refusing any other value. */
export const IsoDateTime = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateTimeBrand> => isInstant(s),
  'IsoDateTime',
);

/**
 * The instant last accepted. An import gives every command of its file one issuedAt, and the same
 * string is checked again for each of them: a memo of one, which changes nothing of what is accepted.
 */
let lastInstant: string | undefined;

function isInstant(s: string): boolean {
  if (s === lastInstant) return true;
  const valid =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
    isCalendarDateAt(s, 0) &&
    !Number.isNaN(Date.parse(s));
  if (valid) lastInstant = s;
  return valid;
}
/** An instant with an explicit offset, e.g. `2023-11-23T14:30:00+08:00`. */
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>;

/** io-ts has no built-in for readonly non-empty arrays with a max length; this keeps payloads bounded. */
export const boundedArray = <C extends t.Mixed>(item: C, min: number, max: number, name: string) =>
  t.refinement(t.readonlyArray(item), (xs) => xs.length >= min && xs.length <= max, name);

/** The property names an object codec knows, through readonly, refinement and intersection wrappers. */
function knownKeys(codec: t.Mixed): string[] | undefined {
  const marked = (codec as { closedKeys?: string[] }).closedKeys;
  if (marked) return marked;
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType)
    return Object.keys(codec.props as t.Props);
  if (codec instanceof t.ReadonlyType || codec instanceof t.RefinementType || codec instanceof t.ExactType) {
    return knownKeys(codec.type as t.Mixed);
  }
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as t.Mixed[]).map(knownKeys);
    return parts.every((p) => p !== undefined) ? (parts.flat() as string[]) : undefined;
  }
  return undefined;
}

const UnknownField = new t.Type<never, never, unknown>(
  'UnknownField',
  (_): _ is never => false,
  t.failure,
  (a) => a,
);

/**
 * An object codec that refuses properties it does not know. A misspelt optional field ("share" for
 * "shares") would otherwise be dropped in silence and change what the command means.
 */
export function closed<C extends t.Mixed>(codec: C): C {
  const names = knownKeys(codec);
  // A codec without known fields cannot be closed: a programming error, caught when the module loads.
  // eslint-disable-next-line no-restricted-syntax
  if (!names) throw new Error(`closed() needs an object codec, not ${codec.name}`);
  const keys = new Set(names);
  const validate: t.Validate<unknown, t.TypeOf<C>> = (input, context) => {
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
      const unknown = Object.keys(input).find((k) => !keys.has(k));
      if (unknown !== undefined) {
        return t.failure(
          (input as Record<string, unknown>)[unknown],
          t.appendContext(context, unknown, UnknownField, undefined),
        );
      }
    }
    return codec.validate(input, context);
  };
  return Object.assign(new t.Type(codec.name, codec.is, validate, codec.encode), {
    closedKeys: names,
  }) as unknown as C;
}

import * as t from 'io-ts';

/** A non-negative whole number of shares or votes that JavaScript numbers hold exactly (≤ 2^53 − 1). */
export interface ShareCountBrand {
  readonly ShareCount: unique symbol;
}
export const ShareCount = t.brand(
  t.number,
  (n): n is t.Branded<number, ShareCountBrand> => Number.isSafeInteger(n) && n >= 0,
  'ShareCount',
);
export type ShareCount = t.TypeOf<typeof ShareCount>;

/** A whole number ≥ 1 (votes per share, seats, denominators). */
export interface PositiveIntBrand {
  readonly PositiveInt: unique symbol;
}
export const PositiveInt = t.brand(
  t.number,
  (n): n is t.Branded<number, PositiveIntBrand> => Number.isSafeInteger(n) && n >= 1,
  'PositiveInt',
);
export type PositiveInt = t.TypeOf<typeof PositiveInt>;

export interface NonEmptyStringBrand {
  readonly NonEmptyString: unique symbol;
}
export const NonEmptyString = t.brand(
  t.string,
  (s): s is t.Branded<string, NonEmptyStringBrand> => s.trim().length > 0 && s.length <= 2000,
  'NonEmptyString',
);
export type NonEmptyString = t.TypeOf<typeof NonEmptyString>;

/** Identifiers of meetings, resolutions, holders, proxies: letters, digits and - _ . : only. */
export interface IdBrand {
  readonly Id: unique symbol;
}
export const Id = t.brand(
  t.string,
  (s): s is t.Branded<string, IdBrand> => /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(s),
  'Id',
);
export type Id = t.TypeOf<typeof Id>;

const isCalendarDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};

/** A calendar date, YYYY-MM-DD. */
export interface IsoDateBrand {
  readonly IsoDate: unique symbol;
}
export const IsoDate = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateBrand> => isCalendarDate(s),
  'IsoDate',
);
export type IsoDate = t.TypeOf<typeof IsoDate>;

/** An instant with an explicit offset, e.g. 2023-11-23T14:30:00+08:00 or …Z. */
export interface IsoDateTimeBrand {
  readonly IsoDateTime: unique symbol;
}
export const IsoDateTime = t.brand(
  t.string,
  (s): s is t.Branded<string, IsoDateTimeBrand> =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
    isCalendarDate(s.slice(0, 10)) &&
    !Number.isNaN(Date.parse(s)),
  'IsoDateTime',
);
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

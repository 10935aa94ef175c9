import fc from 'fast-check';

/**
 * Any value a field may hold, for the serialisers that write a known shape and must give
 * canonicalJson's bytes whatever they are handed: escapes, holes and nested objects included.
 */
export const anyFieldValue = fc.oneof(
  fc.constantFrom(undefined, null, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '', 'é"\\\n'),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double(),
  fc.anything({ withBoxedValues: false, withMap: false, withSet: false, withSparseArray: true }),
);

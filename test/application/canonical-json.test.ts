import fc from 'fast-check';
import { canonicalJson } from '../../src/application/canonical-json';

/** The first implementation, kept as the oracle: digests stored by it must be computed again alike. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonical JSON', () => {
  it('gives the same bytes as the first implementation, for any JSON-like value', () => {
    const value = fc.anything({
      withBoxedValues: false,
      withMap: false,
      withSet: false,
      withObjectString: false,
      withNullPrototype: false,
      withSparseArray: true,
    });
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2_000 },
    );
  });

  it('orders keys by code point, leaves out undefined fields and keeps array holes empty', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 2], é: null, Z: undefined, '': 'x' })).toBe(
      '{"":"x","a":[,2],"b":1,"é":null}',
    );
  });
});

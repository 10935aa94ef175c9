import fc from 'fast-check';
import { decodeState, encodeState } from '../../src/infra/state-cache/snapshot-codec';

/** Values a state is made of: plain objects, arrays, Maps, strings, finite numbers, booleans, null. */
const stateValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => k !== '$map' && k !== '__proto__'),
      tie('value'),
      { maxKeys: 4 },
    ),
    fc
      .array(fc.tuple(fc.oneof(fc.string(), fc.integer()), tie('value')), { maxLength: 4 })
      .map((entries) => new Map(entries)),
  ),
}));

describe('a state written as a snapshot', () => {
  it('reads back equal, Maps as Maps in their order, whatever the nesting', () => {
    fc.assert(
      fc.property(stateValue.value, (value) => {
        const text = encodeState(value);
        expect(text).toBeDefined();
        const back = decodeState(text!);
        expect(back).toEqual(value);
        // Equal text again: the same entries in the same order all the way down.
        expect(encodeState(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a Map whose keys are numbers, as the agenda is kept', () => {
    const agenda = new Map([
      [2, { resolutionId: 'R2' }],
      [1, { resolutionId: 'R1' }],
    ]);
    const back = decodeState<{ agenda: Map<number, unknown> }>(encodeState({ agenda })!);
    expect([...back.agenda.keys()]).toEqual([2, 1]);
    expect(back.agenda.get(1)).toEqual({ resolutionId: 'R1' });
  });

  it('leaves out an object property that is undefined, as the state reads it', () => {
    expect(decodeState(encodeState({ a: 1, adjourned: undefined })!)).toEqual({ a: 1 });
  });

  it.each([
    ['a bigint', { shares: 1n }],
    ['a number JSON cannot hold', { shares: Number.NaN }],
    ['an infinite number', { shares: Number.POSITIVE_INFINITY }],
    ['a function', { rule: () => true }],
    ['a Set', { holders: new Set(['H1']) }],
    ['an instance of a class', { at: new (class Sitting {})() }],
    ['an object with the key the encoding keeps for Maps', { nested: { $map: [] } }],
    ['undefined in an array', { list: [1, undefined] }],
  ])('is not taken of a state holding %s, rather than taken wrong', (_, state) => {
    expect(encodeState(state)).toBeUndefined();
  });

  it('refuses to read text it did not write', () => {
    expect(() => decodeState('{"votes":{"$map":["H1"]}}')).toThrow(/keys and values/);
    expect(() => decodeState('{"votes":')).toThrow();
  });
});

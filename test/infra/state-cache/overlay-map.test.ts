import fc from 'fast-check';
import { OverlayMap } from '../../../src/infra/state-cache/overlay-map';

type Op = { op: 'set'; key: number; value: number } | { op: 'delete'; key: number } | { op: 'clear' };

const key = fc.integer({ min: 0, max: 12 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);

const apply = (map: Map<number, number>, o: Op) =>
  o.op === 'set' ? map.set(o.key, o.value) : o.op === 'delete' ? map.delete(o.key) : map.clear();

describe('OverlayMap', () => {
  it('answers like a Map given the same writes, in the same order, and never changes its base', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer())), fc.array(op), (initial, ops) => {
        const base = new Map(initial);
        const before = [...base];
        const overlay = new OverlayMap(base);
        const model = new Map(base);
        for (const o of ops) {
          apply(overlay, o);
          apply(model, o);
        }
        expect([...overlay]).toEqual([...model]);
        expect([...overlay.keys()]).toEqual([...model.keys()]);
        expect([...overlay.values()]).toEqual([...model.values()]);
        expect(overlay.size).toBe(model.size);
        for (let k = 0; k <= 12; k++) {
          expect(overlay.has(k)).toBe(model.has(k));
          expect(overlay.get(k)).toBe(model.get(k));
        }
        expect([...base]).toEqual(before);
      }),
    );
  });

  it('settles into its base what it showed, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer())), fc.array(op), (initial, ops) => {
        const base = new Map(initial);
        const overlay = new OverlayMap(base);
        const model = new Map(base);
        for (const o of ops) {
          apply(overlay, o);
          apply(model, o);
        }
        const settled = overlay.settle();
        expect(settled).toBe(base);
        expect([...settled]).toEqual([...model]);
      }),
    );
  });

  it('returns what Map returns from set and delete', () => {
    const overlay = new OverlayMap(new Map([['a', 1]]));
    expect(overlay.set('b', 2)).toBe(overlay);
    expect(overlay.delete('a')).toBe(true);
    expect(overlay.delete('a')).toBe(false);
    expect(overlay.delete('zz')).toBe(false);
    const seen: [string, number][] = [];
    overlay.forEach((v, k) => seen.push([k, v]));
    expect(seen).toEqual([['b', 2]]);
  });
});

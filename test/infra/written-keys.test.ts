import fc from 'fast-check';
import { WrittenKeys } from '../../src/infra/read-models/written-keys';

describe('the keys a paged read model has written (a Bloom filter)', () => {
  it('never says a key written was not', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 200 }), (keys) => {
        const written = new WrittenKeys();
        for (const key of keys) written.add(key);
        for (const key of keys) expect(written.mayHave(key)).toBe(true);
      }),
    );
  });

  it('says of keys never written that they were not, but for a few in a thousand', () => {
    const written = new WrittenKeys();
    for (let i = 0; i < 500_000; i++) written.add(`holders:agm1m-2025/H${i}`);
    let falsePositives = 0;
    for (let i = 500_000; i < 510_000; i++)
      if (written.mayHave(`holders:agm1m-2025/H${i}`)) falsePositives += 1;
    expect(falsePositives).toBeLessThan(100);
  });
});

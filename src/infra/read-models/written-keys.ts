/** 2^23 bits: 1 MiB, ~0.4 % false positives at 500,000 keys, ~4 % at 1,500,000. */
const BITS = 1 << 23;
const MASK = BITS - 1;

/**
 * The keys of the documents a paged read model has written since it started from none, as a Bloom
 * filter: a key it says was never written is on no page of the file, and is not looked for there. A
 * rebuild lodges each proxy once, and looking for its document first cost a read from SQLite each
 * (docs/performance.md, "The rebuild's memory at xl"). A key it says may have been written is looked
 * for: it is then written, or rarely (a false positive) not found, so answers are never wrong. Its
 * size is fixed; beyond a few million keys it says "may be" more often and saves fewer reads.
 */
export class WrittenKeys {
  private readonly bits = new Uint8Array(BITS >>> 3);

  add(key: string): void {
    const [a, b] = hashes(key);
    for (let i = 0; i < 3; i++) {
      const bit = (a + i * b) & MASK;
      this.bits[bit >>> 3] |= 1 << (bit & 7);
    }
  }

  mayHave(key: string): boolean {
    const [a, b] = hashes(key);
    for (let i = 0; i < 3; i++) {
      const bit = (a + i * b) & MASK;
      if ((this.bits[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
}

/** Two 32-bit FNV-1a hashes of the key's UTF-16 code units, with different offsets; the second odd. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

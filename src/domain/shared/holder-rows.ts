import { charsToText } from './packed-columns';

/** A slot of the hash table that no row has used, and one whose row was removed. */
const EMPTY = 0;
const GONE = -1;
/** The hash table is rebuilt once this share of its slots is used, at most half full again. */
const MOST_FILLED = 0.7;
const FIRST_ROWS = 64;

/**
 * Holder ids numbered by row, in the order added, for a resolution's vote table: the ids'
 * characters in one typed array and a hash table of row numbers in another (open addressing), so
 * that half a million holders on each of twenty resolutions are no Map entries and no strings the
 * garbage collector walks. An id's characters are kept one byte each while every id fits (ids are
 * letters, digits and `- _ . :`), else as UTF-16 code units: an id always comes back as it was.
 *
 * Rows are only ever appended: an id removed and added again gets a new row, the last, as a Map
 * puts a key deleted and set again last.
 */
export class HolderRows {
  private chars: Uint8Array | Uint16Array = new Uint8Array(FIRST_ROWS * 16);
  private charsUsed = 0;
  /** Row → the index of its id's first character; one more entry marks where the last id ends. */
  private starts = new Uint32Array(FIRST_ROWS + 1);
  /** Row → 1 while it stands (not removed). */
  private standing = new Uint8Array(FIRST_ROWS);
  /** Row + 1 in the slot its id hashes to (or the next free one); EMPTY or GONE. */
  private slots = new Int32Array(FIRST_ROWS * 2);
  /** Slots not EMPTY (rows standing, and GONE). */
  private filled = 0;
  private rowCount = 0;
  private standingCount = 0;

  /** Ids standing. */
  get size(): number {
    return this.standingCount;
  }

  /** The id's row, or -1 if it has none standing. */
  rowOf(id: string): number {
    const slot = this.slotOf(id);
    return slot < 0 ? -1 : this.slots[slot] - 1;
  }

  /** The id's row: its own if it stands, else a new, last, one. */
  add(id: string): number {
    const mask = this.slots.length - 1;
    let free = -1;
    for (let i = hash(id) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === EMPTY) {
        if (free < 0) free = i;
        break;
      }
      if (slot === GONE) {
        if (free < 0) free = i;
      } else if (this.is(slot - 1, id)) return slot - 1;
    }
    const row = this.append(id);
    if (this.slots[free] === EMPTY) this.filled += 1;
    this.slots[free] = row + 1;
    this.standingCount += 1;
    if (this.filled > this.slots.length * MOST_FILLED) this.rehash();
    return row;
  }

  /** Removes the id; its row, or -1 if it had none standing. */
  remove(id: string): number {
    const slot = this.slotOf(id);
    if (slot < 0) return -1;
    const row = this.slots[slot] - 1;
    this.slots[slot] = GONE;
    this.standing[row] = 0;
    this.standingCount -= 1;
    return row;
  }

  /** Each id standing and its row, in the order of the rows. */
  *rows(): IterableIterator<[string, number]> {
    for (let row = 0; row < this.rowCount; row++) if (this.standing[row]) yield [this.idAt(row), row];
  }

  private slotOf(id: string): number {
    const mask = this.slots.length - 1;
    for (let i = hash(id) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i];
      if (slot === EMPTY) return -1;
      if (slot !== GONE && this.is(slot - 1, id)) return i;
    }
  }

  private is(row: number, id: string): boolean {
    const start = this.starts[row];
    if (this.starts[row + 1] - start !== id.length) return false;
    for (let k = 0; k < id.length; k++) if (this.chars[start + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  private idAt(row: number): string {
    return charsToText(this.chars, this.starts[row], this.starts[row + 1]);
  }

  private append(id: string): number {
    const row = this.rowCount;
    if (row + 1 >= this.starts.length) {
      this.starts = grown(this.starts, 2 * (this.starts.length - 1) + 1);
      this.standing = grown(this.standing, 2 * this.standing.length);
    }
    let length = this.chars.length;
    while (this.charsUsed + id.length > length) length *= 2;
    let wide = this.chars instanceof Uint16Array;
    for (let k = 0; k < id.length && !wide; k++) wide = id.charCodeAt(k) > 0xff;
    if (wide && !(this.chars instanceof Uint16Array)) this.chars = grown(new Uint16Array(this.chars), length);
    else if (length > this.chars.length) this.chars = grown(this.chars, length);
    for (let k = 0; k < id.length; k++) this.chars[this.charsUsed + k] = id.charCodeAt(k);
    this.charsUsed += id.length;
    this.starts[row + 1] = this.charsUsed;
    this.standing[row] = 1;
    this.rowCount += 1;
    return row;
  }

  /** The hash table again, at most half full, without the GONE slots. */
  private rehash(): void {
    let length = FIRST_ROWS * 2;
    while (this.standingCount >= length / 2) length *= 2;
    const slots = new Int32Array(length);
    const mask = length - 1;
    for (let row = 0; row < this.rowCount; row++) {
      if (!this.standing[row]) continue;
      let i = this.hashAt(row) & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = row + 1;
    }
    this.slots = slots;
    this.filled = this.standingCount;
  }

  /** hash() of the row's id, from its characters. */
  private hashAt(row: number): number {
    let h = FNV_OFFSET;
    for (let k = this.starts[row]; k < this.starts[row + 1]; k++) h = Math.imul(h ^ this.chars[k], FNV_PRIME);
    return h;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the id's UTF-16 code units (any 32-bit integer; masked by the caller). */
function hash(id: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), FNV_PRIME);
  return h;
}

/** A longer copy of a typed array. */
function grown<A extends Uint8Array | Uint16Array | Uint32Array>(from: A, length: number): A {
  const to = new (from.constructor as new (length: number) => A)(length);
  to.set(from);
  return to;
}

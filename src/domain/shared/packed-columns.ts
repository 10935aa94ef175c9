/**
 * The columns of a packed table (RecordTable): one value a row, in typed arrays rather than objects
 * and strings, so that half a million rows are nothing the garbage collector walks. Each says
 * whether it can keep a value exactly (`fits`); a value it cannot is kept whole by the table.
 */

const FIRST_ROWS = 64;

/** A longer copy of a typed array. */
function grown<A extends Uint8Array | Uint16Array | Uint32Array>(from: A, length: number): A {
  const to = new (from.constructor as new (length: number) => A)(length);
  to.set(from);
  return to;
}

/** Room for `rows` rows at least, doubling. */
function roomFor(length: number, rows: number): number {
  let room = Math.max(FIRST_ROWS, length);
  while (room < rows) room *= 2;
  return room;
}

/** A column of a row's value. */
export interface Column<T> {
  /** Whether `value` is of this column's kind and kept exactly. */
  fits(value: unknown): value is T;
  write(row: number, value: T): void;
  read(row: number): T;
}

/** Counts (shares, votes): integers from 0 to 2^32 - 1, in a Uint32Array. */
export class CountColumn implements Column<number> {
  private counts = new Uint32Array(FIRST_ROWS);

  fits(value: unknown): value is number {
    return typeof value === 'number' && Object.is(value >>> 0, value);
  }

  write(row: number, value: number): void {
    if (row >= this.counts.length) this.counts = grown(this.counts, roomFor(this.counts.length, row + 1));
    this.counts[row] = value;
  }

  read(row: number): number {
    return this.counts[row];
  }
}

/** The most labels a LabelColumn numbers; a value beyond them is kept whole by the table. */
const MOST_LABELS = 0xffff;

/**
 * Strings of which a column has few (a share class, a way of attending, the chairman as proxy):
 * each numbered once, in the order first written, and the row keeps the number (two bytes). Every
 * row reads back the one string of its label, as a Map's values of equal strings would compare.
 */
export class LabelColumn implements Column<string> {
  private numbers = new Uint16Array(FIRST_ROWS);
  private readonly labels: string[] = [];
  private readonly numberOf = new Map<string, number>();

  fits(value: unknown): value is string {
    return typeof value === 'string' && (this.numberOf.has(value) || this.labels.length < MOST_LABELS);
  }

  write(row: number, value: string): void {
    if (row >= this.numbers.length) this.numbers = grown(this.numbers, roomFor(this.numbers.length, row + 1));
    let n = this.numberOf.get(value);
    if (n === undefined) {
      n = this.labels.length;
      this.labels.push(value);
      this.numberOf.set(value, n);
    }
    this.numbers[row] = n;
  }

  read(row: number): string {
    return this.labels[this.numbers[row]];
  }
}

/**
 * Any strings (ids): their characters one after the other in one typed array, one byte each while
 * every string fits, else as UTF-16 code units, so a string always comes back as it was. A row
 * written again takes new characters at the end (the old ones are left: rows are rarely rewritten).
 */
export class TextColumn implements Column<string> {
  private chars: Uint8Array | Uint16Array = new Uint8Array(FIRST_ROWS * 8);
  private used = 0;
  private starts = new Uint32Array(FIRST_ROWS);
  private ends = new Uint32Array(FIRST_ROWS);

  fits(value: unknown): value is string {
    return typeof value === 'string';
  }

  write(row: number, value: string): void {
    if (row >= this.starts.length) {
      const room = roomFor(this.starts.length, row + 1);
      this.starts = grown(this.starts, room);
      this.ends = grown(this.ends, room);
    }
    let wide = this.chars instanceof Uint16Array;
    for (let k = 0; k < value.length && !wide; k++) wide = value.charCodeAt(k) > 0xff;
    const length = roomFor(this.chars.length, this.used + value.length);
    if (wide && !(this.chars instanceof Uint16Array)) this.chars = grown(new Uint16Array(this.chars), length);
    else if (length > this.chars.length) this.chars = grown(this.chars, length);
    for (let k = 0; k < value.length; k++) this.chars[this.used + k] = value.charCodeAt(k);
    this.starts[row] = this.used;
    this.used += value.length;
    this.ends[row] = this.used;
  }

  read(row: number): string {
    return charsToText(this.chars, this.starts[row], this.ends[row]);
  }
}

/** The characters from `start` to `end` as a string, in pieces: an argument list has a limit. */
export function charsToText(chars: Uint8Array | Uint16Array, start: number, end: number): string {
  // apply, not a spread: a spread of a typed array iterates it, several times slower for an id.
  const piece = (from: number, to: number) =>
    String.fromCharCode.apply(null, chars.subarray(from, to) as unknown as number[]);
  if (end - start <= 4096) return piece(start, end);
  let text = '';
  for (let from = start; from < end; from += 4096) text += piece(from, Math.min(end, from + 4096));
  return text;
}

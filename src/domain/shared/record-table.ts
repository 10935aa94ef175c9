import { HolderRows } from './holder-rows';
import { Column, CountColumn, LabelColumn, TextColumn } from './packed-columns';

/**
 * What a state keeps by id and reads as a Map (a Map satisfies it, and so does a draft over it):
 * a meeting's register, proxies and attendance, which grow with its holders.
 */
export interface Keyed<V> {
  readonly size: number;
  has(id: string): boolean;
  get(id: string): V | undefined;
  set(id: string, value: V): unknown;
  delete(id: string): boolean;
  entries(): IterableIterator<[string, V]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<V>;
  [Symbol.iterator](): IterableIterator<[string, V]>;
}

/** How a field of a record is kept: the row's id itself, any string, one of few strings, a count. */
export type FieldKind = 'id' | 'text' | 'label' | 'count';

/** A field of the records a table keeps, in the order their objects have their keys. */
export interface FieldLayout {
  readonly name: string;
  readonly kind: FieldKind;
  /** The field may be absent (never present as undefined: such a record is kept whole). */
  readonly optional?: true;
}

/** The layout of a table's values: records of these fields in this order, or one string or count. */
export type Layout =
  | {
      readonly fields: readonly FieldLayout[];
      /**
       * The record of its fields' values, in the fields' order (undefined where an optional field is
       * absent), as an object literal: its keys in that order, and left out where absent. Made by
       * the table field by field where not given, which takes several times as long (a vote reads
       * two records).
       */
      readonly record?: (values: readonly (string | number | undefined)[]) => unknown;
    }
  | { readonly value: 'text' | 'label' | 'count' };

const columnOf = (kind: Exclude<FieldKind, 'id'>): Column<string | number> =>
  (kind === 'count' ? new CountColumn() : kind === 'label' ? new LabelColumn() : new TextColumn()) as Column<
    string | number
  >;

interface PackedField extends FieldLayout {
  /** Undefined for the id, which the row's key gives. */
  readonly column?: Column<string | number>;
  /** Its bit among the row's optional fields present. */
  readonly bit: number;
}

/**
 * Values by id, packed: the ids in HolderRows, each field of the records in a column of its own
 * (packed-columns.ts), where a Map would keep an object, its strings and an entry a row. A value the
 * layout does not describe exactly (another order of keys, a field missing or of another type, a
 * count a Uint32 cannot hold, a label beyond the column's) is kept whole, by row, so every value
 * comes back as it went in: an equal object (a new one: the domain never changes them), its keys in
 * the same order.
 *
 * It iterates as a Map of the same sets and deletes would: an id set again keeps its row, and one
 * deleted and set again gets a new, last, row.
 */
export class RecordTable<V> implements Keyed<V> {
  readonly #ids = new HolderRows();
  readonly #fields: readonly PackedField[] | undefined;
  readonly #value: Column<string | number> | undefined;
  readonly #record: ((values: readonly (string | number | undefined)[]) => unknown) | undefined;
  /** The values of a row's fields, reused from one read to the next. */
  readonly #values: (string | number | undefined)[] = [];
  /** Row → a bit for each optional field present (at most 8 optional fields a layout). */
  #present = new Uint8Array(0);
  /** Values kept whole, by row. */
  readonly #whole = new Map<number, V>();
  /** Whether the layout's records can be packed (it has at most 8 optional fields). */
  readonly #packs: boolean = true;

  constructor(layout: Layout) {
    if ('value' in layout) {
      this.#value = columnOf(layout.value);
      return;
    }
    this.#record = layout.record;
    let optional = 0;
    this.#fields = layout.fields.map((field) => ({
      ...field,
      ...(field.kind === 'id' ? {} : { column: columnOf(field.kind) }),
      bit: field.optional ? 1 << optional++ : 0,
    }));
    // A row has a byte of optional fields: a layout of more keeps its records whole.
    this.#packs = optional <= 8;
  }

  get size(): number {
    return this.#ids.size;
  }

  has(id: string): boolean {
    return this.#ids.rowOf(id) >= 0;
  }

  get(id: string): V | undefined {
    const row = this.#ids.rowOf(id);
    return row < 0 ? undefined : this.valueAt(id, row);
  }

  set(id: string, value: V): this {
    const row = this.#ids.add(id);
    this.#whole.delete(row);
    if (this.#value) {
      if (this.#value.fits(value)) this.#value.write(row, value);
      else this.#whole.set(row, value);
      return this;
    }
    const present = this.presentIn(id, value);
    if (present < 0) {
      this.#whole.set(row, value);
      return this;
    }
    const record = value as Record<string, string | number>;
    for (const field of this.#fields ?? [])
      if (field.column && (!field.optional || present & field.bit))
        field.column.write(row, record[field.name]);
    if (row >= this.#present.length) {
      const grown = new Uint8Array(Math.max(64, 2 * this.#present.length, row + 1));
      grown.set(this.#present);
      this.#present = grown;
    }
    this.#present[row] = present;
    return this;
  }

  delete(id: string): boolean {
    const row = this.#ids.remove(id);
    if (row < 0) return false;
    this.#whole.delete(row);
    return true;
  }

  *entries(): IterableIterator<[string, V]> {
    for (const [id, row] of this.#ids.rows()) yield [id, this.valueAt(id, row)];
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [id] of this.#ids.rows()) yield id;
  }

  *values(): IterableIterator<V> {
    for (const [id, row] of this.#ids.rows()) yield this.valueAt(id, row);
  }

  forEach(callback: (value: V, id: string, table: this) => void): void {
    for (const [id, value] of this.entries()) callback(value, id, this);
  }

  /**
   * The bits of the optional fields the record has, if the layout describes it exactly (a plain
   * object, no symbol keys, its keys in the layout's order, each of its field's kind); else -1.
   */
  private presentIn(id: string, value: unknown): number {
    if (!this.#packs || typeof value !== 'object' || value === null) return -1;
    // An object literal's (or JSON.parse's) of this realm: any other comes back as it is, kept whole.
    if (Object.getPrototypeOf(value) !== Object.prototype) return -1;
    if (Object.getOwnPropertySymbols(value).length > 0) return -1;
    const record = value as Record<string, unknown>;
    const fields = this.#fields ?? [];
    let present = 0;
    let at = 0;
    for (const key of Object.keys(record)) {
      while (at < fields.length && fields[at].name !== key && fields[at].optional) at++;
      const field = fields[at];
      if (field?.name !== key) return -1;
      const fits = field.column ? field.column.fits(record[key]) : record[key] === id;
      if (!fits) return -1;
      present |= field.bit;
      at++;
    }
    for (; at < fields.length; at++) if (!fields[at].optional) return -1;
    return present;
  }

  private valueAt(id: string, row: number): V {
    if (this.#whole.size > 0 && this.#whole.has(row)) return this.#whole.get(row) as V;
    if (this.#value) return this.#value.read(row) as V;
    const present = this.#present[row];
    if (this.#record) {
      const values = this.#values;
      const fields = this.#fields ?? [];
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i];
        values[i] =
          field.optional && !(present & field.bit) ? undefined : field.column ? field.column.read(row) : id;
      }
      return this.#record(values) as V;
    }
    const record: Record<string, string | number> = {};
    for (const field of this.#fields ?? []) {
      if (field.optional && !(present & field.bit)) continue;
      record[field.name] = field.column ? field.column.read(row) : id;
    }
    return record as V;
  }
}

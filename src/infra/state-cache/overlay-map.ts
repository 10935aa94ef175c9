/**
 * A Map that reads through to a base Map and keeps its own writes apart, so the base is never
 * changed. The aggregates' evolve functions update their large collections (register, attendance,
 * votes) in place; deciding a batch of commands on an overlay lets the batch see its own events
 * without copying 50,000 entries and without touching the cached state, which must only ever
 * advance by events the store has accepted.
 *
 * It behaves as a Map, including iteration order: a key of the base keeps its place when
 * overwritten, a new key comes after the base's keys, and a key deleted and set again moves last.
 */
/** What an overlay reads of its base: a Map, or a collection read as one (a resolution's vote table). */
export interface OverlayBase<K, V> {
  readonly size: number;
  has(key: K): boolean;
  get(key: K): V | undefined;
  entries(): Iterable<[K, V]>;
}

/** A base the overlay's changes can be written into when it settles. */
interface WritableBase<K, V> extends OverlayBase<K, V> {
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
}

const isWritable = <K, V>(base: OverlayBase<K, V>): base is WritableBase<K, V> =>
  typeof (base as Partial<WritableBase<K, V>>).set === 'function' &&
  typeof (base as Partial<WritableBase<K, V>>).delete === 'function';

export class OverlayMap<K, V, B extends OverlayBase<K, V> = OverlayBase<K, V>> extends Map<K, V> {
  private readonly own = new Map<K, V>();
  /** Keys of the base that this overlay deleted (and may have set again, at the end). */
  private readonly removed = new Set<K>();

  constructor(private readonly base: B & OverlayBase<K, V>) {
    super();
  }

  override get size(): number {
    let size = this.base.size - this.removed.size;
    for (const key of this.own.keys()) if (!this.inBase(key)) size += 1;
    return size;
  }

  override has(key: K): boolean {
    return this.own.has(key) || this.inBase(key);
  }

  override get(key: K): V | undefined {
    return this.own.has(key) ? this.own.get(key) : this.inBase(key) ? this.base.get(key) : undefined;
  }

  override set(key: K, value: V): this {
    this.own.set(key, value);
    return this;
  }

  override delete(key: K): boolean {
    const had = this.has(key);
    this.own.delete(key);
    if (this.base.has(key)) this.removed.add(key);
    return had;
  }

  override clear(): void {
    this.own.clear();
    for (const [key] of this.base.entries()) this.removed.add(key);
  }

  override *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base.entries()) {
      if (this.removed.has(key)) continue;
      yield [key, this.own.has(key) ? (this.own.get(key) as V) : value];
    }
    for (const entry of this.own) if (!this.inBase(entry[0])) yield entry;
  }

  override *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /**
   * Writes this overlay's changes into its base and returns the base, which then holds what the
   * overlay showed, in the same order (a deleted key leaves; a key set here is overwritten in its
   * place or added last, in the order it was set here). Once the store has accepted the events a
   * working copy was evolved by, so that they are not folded a second time. A base that cannot be
   * written (a ReadonlyMap) is left alone: a Map of what the overlay shows is returned instead. The
   * overlay must not be used after.
   */
  settle(): B {
    // A Map is what a ReadonlyMap base stood for.
    if (!isWritable(this.base)) return new Map(this.entries()) as unknown as B;
    const base = this.base;
    for (const key of this.removed) base.delete(key);
    for (const [key, value] of this.own) base.set(key, value);
    return base;
  }

  /** Still visible from the base: present there and not deleted here. */
  private inBase(key: K): boolean {
    return !this.removed.has(key) && this.base.has(key);
  }
}

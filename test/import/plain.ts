/** A value with its Maps (OverlayMaps included) turned into entry lists, so states compare by content. */
export function plain(value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [k, plain(v)]) };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

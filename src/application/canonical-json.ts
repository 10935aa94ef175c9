/**
 * JSON with object keys in code-point order and no insignificant white space, so that the same
 * value always gives the same bytes whichever store, driver or language wrote it.
 *
 * Written as loops rather than entries/filter/sort/map: it runs for every command (its digest), and
 * the intermediate arrays were most of its cost. The output is the same byte for byte (an array's
 * missing elements give nothing between their commas, an object's undefined fields are left out).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]) ?? '';
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = sortedKeys(Object.keys(object));
  let out = '{';
  for (const key of keys) {
    const field = object[key];
    if (field === undefined) continue;
    if (out.length > 1) out += ',';
    // A finite number's JSON is its String(): the common case skips the recursive call.
    const json = typeof field === 'number' && Number.isFinite(field) ? String(field) : canonicalJson(field);
    out += `${quote(key)}:${json}`;
  }
  return `${out}}`;
}

/** Objects with more keys than this are sorted by sort(); fewer, in place by insertion. */
const FEW_KEYS = 16;

/**
 * `keys` in UTF-16 code-unit order, the order sort() without a comparator gives (as `<` does; the
 * keys are distinct, so stability does not matter). A command's few keys are sorted by insertion:
 * sort() allocated more than a kilobyte per command digest (a third of the ingest's garbage).
 */
function sortedKeys(keys: string[]): string[] {
  if (keys.length > FEW_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * A string's JSON, remembered: commands and events use a few dozen field names, quoted for every
 * command digest, and a bulk ingest repeats a few values in every vote (its meeting, resolution,
 * actor, class, time). Only for strings that repeat: bounded, for values whose keys are data (a map
 * of holders, say), and emptied when full.
 */
const quoted = new Map<string, string>();
const MAX_QUOTED = 1024;

export function quote(value: string): string {
  let json = quoted.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    if (quoted.size >= MAX_QUOTED) quoted.clear();
    quoted.set(value, json);
  }
  return json;
}

/**
 * A field's JSON as canonicalJson writes it, for the serialisers that write a known shape field by
 * field (event-data-json.ts, command-digest.ts): a finite number is its String(), a string its
 * JSON.stringify, anything else canonicalJson.
 */
export const fieldJson = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value)
    ? String(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : canonicalJson(value);

/**
 * Numbers in govrec's inputs are counts: share counts, votes, batch numbers. JSON.parse rounds a
 * number to the nearest double before any codec sees it, so `1.0000000000000001` arrives as 1 and
 * `9007199254740990.5` as 9007199254740990: a codec can no longer tell that the input was not the
 * integer it accepts. The check must look at the text. Node 20's JSON.parse gives a reviver no
 * source text (`context.source` is Node 21+), so this is a single scan of the raw text for number
 * tokens, outside strings, before it is parsed.
 *
 * Refused: a token written with a fraction or an exponent whose value is an integer or not finite
 * (`1.0`, `1.0000000000000001`, `9007199254740990.5`, `1e2`, `1e400`). Left to the codecs, which
 * refuse them where a count is expected, naming the field: a fraction that stays a fraction
 * (`0.5`), and digits past 2^53 (they round to 2^53 or more, which no count codec accepts, as
 * Number.isSafeInteger refuses it). Nothing in govrec's inputs needs a fractional number that
 * happens to be whole.
 */

/** The first number token of `text` that JSON.parse would not read exactly as written; or undefined. */
export function inexactNumberIn(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = afterString(text, i);
      continue;
    }
    if (c === MINUS || (c >= ZERO && c <= NINE)) {
      const start = i;
      i += 1;
      while (i < n && isNumberChar(text.charCodeAt(i))) i += 1;
      const token = text.slice(start, i);
      if (!readsExactly(token)) return token;
      continue;
    }
    i += 1;
  }
  return undefined;
}

/** A message for a refusal naming the token. */
export const inexactNumberMessage = (token: string): string =>
  `${token.length > 40 ? `${token.slice(0, 40)}…` : token} is not an exact integer: counts are written as digits, and JSON would round this one`;

function readsExactly(token: string): boolean {
  const value = Number(token);
  // Digits only: exact, or past 2^53 and refused by the codecs (a malformed token is JSON.parse's).
  if (!/[.eE]/.test(token)) return true;
  return Number.isFinite(value) && !Number.isInteger(value);
}

/** The index just after the string that starts at `start` (a quote), escapes skipped. */
function afterString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === QUOTE) return i + 1;
    else i += 1;
  }
  return i;
}

const isNumberChar = (c: number): boolean =>
  (c >= ZERO && c <= NINE) || c === DOT || c === MINUS || c === PLUS || c === LOWER_E || c === UPPER_E;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

import { Transform, TransformCallback } from 'node:stream';

/** A line of the file whose quotes no CSV reading can make sense of, kept out of the parser. */
export interface StrayQuoteLine {
  /** Its line number (1 = the header). */
  readonly line: number;
  /** The line as written. */
  readonly raw: string;
}

/**
 * Whether a physical line's quotes are well formed: each field either holds no quote at all or is
 * wholly quoted (blanks around it allowed, as the parser trims them), with its inner quotes doubled.
 * No record of govrec's files spans lines (a name may not hold a line break), so a line that fails
 * this is refused on its own; given to the parser, its open quote would swallow the lines after it
 * up to the next quote, and the parser's recovery reported some of them twice and lost others.
 */
export function quotesWellFormed(line: string): boolean {
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) return false;
        if (line[i] === '"') {
          if (line[i + 1] === '"') i += 2;
          else break;
        } else i++;
      }
      i++;
      while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
      if (i >= n) return true;
      if (line[i] !== ',') return false;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      if (line.slice(i, end).includes('"')) return false;
      if (comma < 0) return true;
      i = comma + 1;
    }
  }
}

/**
 * Text on its way to the CSV parser: a line with ill-formed quotes is handed to `onStray` and
 * replaced by an empty line (which the parser skips as blank, so the lines after it keep their
 * numbers). A chunk without a quote, nearly every chunk of a registrar's file, passes as it is.
 */
export function strayQuoteFilter(onStray: (stray: StrayQuoteLine) => void): Transform {
  let carry = '';
  let line = 1;
  const pass = (text: string): string => {
    if (!text.includes('"')) {
      line += countLineBreaks(text);
      return text;
    }
    const parts = text.split(/(\r\n|\n|\r)/);
    for (let p = 0; p < parts.length; p += 2) {
      if (parts[p].includes('"') && !quotesWellFormed(parts[p])) {
        onStray({ line, raw: parts[p] });
        parts[p] = '';
      }
      if (p + 1 < parts.length) line += 1;
    }
    return parts.join('');
  };
  return new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
      const text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      // Whole lines only; a CR at the very end may be the first half of a CRLF.
      let cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
      if (cut === text.length && text.endsWith('\r')) cut -= 1;
      carry = text.slice(cut);
      done(null, pass(text.slice(0, cut)));
    },
    flush(done: TransformCallback) {
      done(null, pass(carry));
    },
  });
}

/** LF, CRLF and a lone CR each end a line, as the parser reads them. */
function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1))
    if (text.charCodeAt(i + 1) !== 10) n += 1;
  return n;
}

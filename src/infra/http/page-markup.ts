/**
 * Markup built so that nothing recorded can run as markup: every value put into an `html` template is
 * escaped, unless it is itself markup made by `html` (a Markup). Pages are composed from these alone.
 */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for an element's content or a quoted attribute. */
export const escaped = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

const partText = (part: Part): string => {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof Markup) return part.text;
  if (Array.isArray(part)) return (part as readonly Part[]).map(partText).join('');
  return escaped(String(part));
};

/** A template whose values are escaped (arrays joined, null, undefined and booleans left out). */
export function html(strings: TemplateStringsArray, ...parts: readonly Part[]): Markup {
  let text = strings[0];
  parts.forEach((part, i) => {
    text += partText(part) + strings[i + 1];
  });
  return new Markup(text);
}

/** A query string from the parameters given (those undefined or empty left out), `?` included. */
export function query(params: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** "1,234,567": integers grouped by thousands, exactly (no float on the way). */
export const grouped = (n: number | bigint): string => {
  const digits = (n < 0 ? -BigInt(n) : BigInt(n)).toString();
  return `${n < 0 ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
};

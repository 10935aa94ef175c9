/**
 * An announcement as structure, before it is written out as text, Markdown or HTML: headings,
 * paragraphs of inline runs (a defined term is a strong run, as the announcement prints it in bold),
 * poll tables, and lines kept as they are (the closing block).
 */
export type Inline = string | { readonly strong: string };

export interface PollRow {
  readonly number: number;
  /** The number as printed: "1.", "2(a)", "(a)", or "" where resolutions are unnumbered. */
  readonly label: string;
  readonly title: string;
  /** "659,910,462 (99.9825%)", one a column; a count alone where the column has no percentage. */
  readonly cells: readonly string[];
}

export interface PollTable {
  /** "ORDINARY RESOLUTION", "SPECIAL RESOLUTIONS" */
  readonly heading: string;
  readonly caption: string;
  /** FOR, AGAINST and, as the issuer prints them, ABSTAIN or VOTES WITHHELD. */
  readonly columns: readonly string[];
  readonly rows: readonly PollRow[];
}

/** An election by cumulative voting: its own row, then one row per candidate with votes and percentage. */
export interface CumulativeTable {
  readonly heading: string;
  readonly caption: string;
  readonly number: number;
  readonly title: string;
  /** "3.01", "To elect Mr. Zhang Wei", "1,100,000 (91.6667%)" */
  readonly rows: readonly { readonly number: string; readonly title: string; readonly cell: string }[];
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly text: readonly Inline[] }
  | { readonly kind: 'table'; readonly table: PollTable }
  | { readonly kind: 'cumulative'; readonly table: CumulativeTable }
  | { readonly kind: 'lines'; readonly lines: readonly string[] };

export interface Announcement {
  readonly blocks: readonly Block[];
  /** The language it is written in: English unless said. */
  readonly language?: 'en' | 'zh-Hant';
}

export const heading = (level: 1 | 2 | 3, text: readonly Inline[]): Block => ({
  kind: 'heading',
  level,
  text,
});
export const paragraph = (text: readonly Inline[]): Block => ({ kind: 'paragraph', text });

type Part = string | number | Inline | readonly Inline[];

/** A sentence of inline runs: `inline\`was ${grouped(n)} ${term}.\`` with terms as strong runs. */
export function inline(strings: TemplateStringsArray, ...parts: readonly Part[]): Inline[] {
  const runs: Inline[] = [];
  const push = (run: Inline) => {
    const last = runs[runs.length - 1];
    if (typeof run === 'string' && typeof last === 'string') runs[runs.length - 1] = last + run;
    else if (run !== '') runs.push(run);
  };
  strings.forEach((text, i) => {
    push(text);
    if (i >= parts.length) return;
    const part = parts[i];
    if (Array.isArray(part)) (part as readonly Inline[]).forEach(push);
    else push(typeof part === 'number' ? String(part) : (part as Inline));
  });
  return runs;
}

/** Several sentences in one paragraph, a space between them. */
export const sentences = (...parts: readonly (readonly Inline[])[]): Inline[] =>
  parts
    .filter((p) => p.length > 0)
    .reduce<Inline[]>((all, p) => (all.length === 0 ? [...p] : inline`${all} ${p}`), []);

export const plain = (runs: readonly Inline[]): string =>
  runs.map((r) => (typeof r === 'string' ? r : r.strong)).join('');

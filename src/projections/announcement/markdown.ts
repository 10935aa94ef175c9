import { Announcement, Block, CumulativeTable, Inline, PollTable } from './blocks';

/** Markdown (CommonMark with GFM tables); defined terms in bold, every text escaped. */
export function announcementMarkdown(a: Announcement): string {
  return `${a.blocks.map(blockMarkdown).join('\n\n')}\n`;
}

/** Escapes punctuation Markdown reads as markup: emphasis, code, links, HTML, entities, table cells. */
const escapePunctuation = (text: string): string =>
  text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]<>|&~]/g, (c) => `\\${c}`);

/** Escapes a line start that would read as a list item, a heading or a setext underline. */
const escapeLineStart = (markdown: string): string =>
  markdown.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#+=-])/, '\\$1');

/** A text as a line of Markdown: its punctuation and its line start escaped. */
export const escapeMarkdown = (text: string): string => escapeLineStart(escapePunctuation(text));

const inlineMarkdown = (runs: readonly Inline[]): string =>
  runs
    .map((r) => (typeof r === 'string' ? escapePunctuation(r) : `**${escapePunctuation(r.strong)}**`))
    .join('');

function tableMarkdown(t: PollTable): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escapePunctuation).join(' | ')} |`;
  return [
    `*${escapePunctuation(t.caption)}*`,
    '',
    row(['No.', t.heading, ...t.columns]),
    `| ---: | --- |${' ---: |'.repeat(t.columns.length)}`,
    ...t.rows.map((r) => row([r.label, r.title, ...r.cells])),
  ].join('\n');
}

function cumulativeMarkdown(t: CumulativeTable): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escapePunctuation).join(' | ')} |`;
  return [
    `*${escapePunctuation(t.caption)}*`,
    '',
    row(['No.', t.heading, 'NUMBER OF VOTES (%)']),
    '| ---: | --- | ---: |',
    row([`${t.number}.`, t.title, '']),
    ...t.rows.map((r) => row([r.number, r.title, r.cell])),
  ].join('\n');
}

function blockMarkdown(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${inlineMarkdown(b.text)}`;
    case 'paragraph':
      return escapeLineStart(inlineMarkdown(b.text));
    case 'table':
      return tableMarkdown(b.table);
    case 'cumulative':
      return cumulativeMarkdown(b.table);
    case 'lines':
      // A backslash at the end of a line is a hard line break in CommonMark.
      return b.lines.map(escapeMarkdown).join('\\\n');
  }
}

import { Announcement, Block, CumulativeTable, Inline, PollTable } from './blocks';

/** An HTML fragment (an <article>) with every text escaped; the page around it is the caller's. */
export function announcementHtml(a: Announcement): string {
  return `<article class="poll-results">\n${a.blocks.map(blockHtml).join('\n')}\n</article>\n`;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

const inlineHtml = (runs: readonly Inline[]): string =>
  runs
    .map((r) => (typeof r === 'string' ? escapeHtml(r) : `<strong>${escapeHtml(r.strong)}</strong>`))
    .join('');

function tableHtml(t: PollTable): string {
  const cells = (tag: 'td' | 'th', values: readonly string[]) =>
    values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
  return [
    '<table>',
    '<thead>',
    `<tr><th colspan="2">${escapeHtml(t.heading)}</th><th colspan="${t.columns.length}">${escapeHtml(t.caption)}</th></tr>`,
    `<tr><th></th><th></th>${cells('th', t.columns)}</tr>`,
    '</thead>',
    '<tbody>',
    ...t.rows.map((r) => `<tr>${cells('td', [r.label, r.title, ...r.cells])}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function cumulativeHtml(t: CumulativeTable): string {
  const cells = (values: readonly string[]) => values.map((v) => `<td>${escapeHtml(v)}</td>`).join('');
  return [
    '<table class="cumulative">',
    '<thead>',
    `<tr><th colspan="2">${escapeHtml(t.heading)}</th><th>${escapeHtml(t.caption)}</th></tr>`,
    '</thead>',
    '<tbody>',
    `<tr>${cells([`${t.number}.`, t.title, ''])}</tr>`,
    ...t.rows.map((r) => `<tr>${cells([r.number, r.title, r.cell])}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${inlineHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${inlineHtml(b.text)}</p>`;
    case 'table':
      return tableHtml(b.table);
    case 'cumulative':
      return cumulativeHtml(b.table);
    case 'lines':
      return `<p>${b.lines.map(escapeHtml).join('<br>\n')}</p>`;
  }
}

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
    ...t.rows.map(
      (r) =>
        `<tr><td class="no">${escapeHtml(r.label)}</td><td class="title">${escapeHtml(r.title)}</td>${r.cells.map((c) => `<td class="n">${escapeHtml(c)}</td>`).join('')}</tr>`,
    ),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function cumulativeHtml(t: CumulativeTable): string {
  return [
    '<table class="cumulative">',
    '<thead>',
    `<tr><th colspan="2">${escapeHtml(t.heading)}</th><th>${escapeHtml(t.caption)}</th></tr>`,
    '</thead>',
    '<tbody>',
    `<tr><td class="no">${t.number}.</td><td class="title">${escapeHtml(t.title)}</td><td class="n"></td></tr>`,
    ...t.rows.map(
      (r) =>
        `<tr><td class="no">${escapeHtml(r.number)}</td><td class="title">${escapeHtml(r.title)}</td><td class="n">${escapeHtml(r.cell)}</td></tr>`,
    ),
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
      return `<p class="closing">${b.lines.map(escapeHtml).join('<br>\n')}</p>`;
  }
}

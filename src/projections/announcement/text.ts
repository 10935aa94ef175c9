import { Announcement, Block, CumulativeTable, plain, PollTable } from './blocks';

/**
 * Plain text laid out as HKEX announcements are filed: a blank line between blocks, tables as
 * tab-separated rows (two header rows, then one row per resolution).
 */
export function announcementText(a: Announcement): string {
  return `${a.blocks.map(blockText).join('\n\n')}\n`;
}

/** A cell never breaks the table: tabs and line breaks inside it become spaces. */
const cellText = (text: string): string => text.replace(/\s+/g, ' ').trim();

function tableText(t: PollTable): string {
  return [
    `${t.heading}\t\t${t.caption}${'\t'.repeat(t.columns.length - 1)}`,
    `\t\t${t.columns.join('\t')}`,
    ...t.rows.map((r) => [r.label, cellText(r.title), ...r.cells].join('\t')),
  ].join('\n');
}

function cumulativeText(t: CumulativeTable): string {
  return [
    `${t.heading}\t\t${t.caption}`,
    `${t.number}.\t${cellText(t.title)}\t`,
    ...t.rows.map((r) => [r.number, cellText(r.title), r.cell].join('\t')),
  ].join('\n');
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'heading':
    case 'paragraph':
      return plain(b.text);
    case 'table':
      return tableText(b.table);
    case 'cumulative':
      return cumulativeText(b.table);
    case 'lines':
      return b.lines.join('\n');
  }
}

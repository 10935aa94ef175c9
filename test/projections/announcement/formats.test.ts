import { announcementFromEvents } from '../../../src/projections/announcement';
import { Announcement } from '../../../src/projections/announcement/blocks';
import { announcementHtml, escapeHtml } from '../../../src/projections/announcement/html';
import { announcementMarkdown, escapeMarkdown } from '../../../src/projections/announcement/markdown';
import { announcementText } from '../../../src/projections/announcement/text';
import { hkAgmCommands } from '../hk-agm-scenario';
import { recordedEvents } from '../recorded';

/** The same announcement as text, Markdown and HTML: same words, each escaped for its format. */
let agm: Announcement;

beforeAll(async () => {
  agm = announcementFromEvents(await recordedEvents(hkAgmCommands()));
});

/** Resolution 2's title has markup characters: <lease>, "Lantern", &. */
const TITLE = 'To approve the <lease> agreement with "Lantern" Family Trust & its associates';

describe('text', () => {
  it('lays tables out as tab-separated rows, as the reference does', () => {
    const text = announcementText(agm);
    expect(text).toContain(
      'ORDINARY RESOLUTIONS\t\tNUMBER OF VOTES (%)\t\t\n\t\tFOR\tAGAINST\tABSTAIN\n1.\t',
    );
    expect(text).toContain(`2.\t${TITLE}\t400,000 (72.7273%)\t150,000 (27.2727%)\t30,000\n`);
  });
});

describe('HTML', () => {
  const html = () => announcementHtml(agm);

  it('escapes every text and keeps its own markup', () => {
    expect(html()).toContain(
      '<td class="title">To approve the &lt;lease&gt; agreement with &quot;Lantern&quot; Family Trust &amp; its associates</td>',
    );
    expect(html()).not.toContain('<lease>');
    expect(html()).toContain('(the “<strong>Shareholders</strong>”)');
    expect(html()).toContain('<th colspan="3">NUMBER OF VOTES (%)</th>');
    expect(escapeHtml(`<a href='x'>&amp;</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('is balanced: every element opened is closed', () => {
    const tags = [...html().matchAll(/<(\/?)([a-z0-9]+)[^>]*>/g)].filter(([, , name]) => name !== 'br');
    const open: string[] = [];
    for (const [, closing, name] of tags) {
      if (!closing) open.push(name);
      else expect(open.pop()).toBe(name);
    }
    expect(open).toEqual([]);
  });
});

describe('Markdown', () => {
  const md = () => announcementMarkdown(agm);

  it('escapes markup in titles and table cells, and bolds defined terms', () => {
    expect(md()).toContain(
      '| 2. | To approve the \\<lease\\> agreement with "Lantern" Family Trust \\& its associates |',
    );
    expect(md()).toContain('(the “**Shareholders**”)');
    expect(md()).toContain('## 1. Convening of the AGM');
  });

  it('escapes what would start a list, a heading or emphasis', () => {
    expect(escapeMarkdown('1. Not a list')).toBe('1\\. Not a list');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
    expect(escapeMarkdown('a_b*c|d`e')).toBe('a\\_b\\*c\\|d\\`e');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });

  it('has a GFM table per kind of resolution, with a row per resolution', () => {
    const rows = md()
      .split('\n')
      .filter((l) => /^\| \d+\\?\. \|/.test(l));
    expect(rows).toHaveLength(4);
    expect(md().match(/\| ---: \| --- \|/g)).toHaveLength(2);
  });
});

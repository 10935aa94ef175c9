import { Announcement } from './blocks';
import { announcementHtml, escapeHtml } from './html';

/**
 * The announcement as a filing: one self-contained HTML document (its stylesheet inline, nothing
 * fetched) laid out as HKEX announcements are: the exchange's disclaimer in small print, the
 * company's name, place of incorporation and stock code centred above a bold headline, justified
 * text, bordered tables whose figures line up on the right, and an A4 page for print and PDF.
 */
const STYLE = `
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
html { background: #fff; }
body { margin: 0 auto; max-width: 174mm; padding: 12mm 6mm; color: #000; font-size: 11pt; line-height: 1.45; }
body.en { font-family: "Times New Roman", Times, "Liberation Serif", "Noto Serif", serif; }
body.zh-Hant { font-family: "Times New Roman", "Noto Serif TC", "PMingLiU", "MingLiU", "Songti TC", "Noto Serif CJK TC", serif; line-height: 1.7; }
article.poll-results > p:first-child { font-size: 8.5pt; text-align: justify; margin: 0 0 8mm; }
header.masthead { text-align: center; margin-bottom: 6mm; }
header.masthead p { margin: 0 0 1.5mm; text-align: center; }
header.masthead p:first-child strong { font-size: 14pt; }
h1 { font-size: 12pt; text-align: center; margin: 6mm 0; line-height: 1.4; }
h2 { font-size: 11pt; margin: 6mm 0 3mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; text-decoration: underline; font-weight: bold; }
p { text-align: justify; margin: 0 0 3mm; }
body.zh-Hant p { text-align: justify; text-justify: inter-ideograph; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 5mm; font-size: 10pt; page-break-inside: auto; }
th, td { border: 0.75pt solid #000; padding: 1.5mm 2mm; vertical-align: top; }
th { font-weight: bold; text-align: center; vertical-align: middle; }
thead th:first-child { text-align: left; }
td.no { width: 6%; text-align: left; white-space: nowrap; }
td.title { width: 40%; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
p.closing { margin-top: 8mm; text-align: left; }
@media screen and (max-width: 700px) { body { padding: 4mm; font-size: 10pt; } table { font-size: 8.5pt; } td.n { white-space: normal; } }
@media print { body { max-width: none; padding: 0; } }
`;

const TITLES = { en: 'Poll results announcement', 'zh-Hant': '投票表決結果公告' } as const;

/** The whole document: the masthead (what comes before the headline) apart, then the rest. */
export function announcementDocument(a: Announcement): string {
  const language = a.language ?? 'en';
  const body = announcementHtml(a);
  // The disclaimer, the company's names and its stock code stand above the headline, centred.
  const headline = body.indexOf('<h1>');
  const start = body.indexOf('</p>') + '</p>'.length;
  const article =
    headline > start
      ? `${body.slice(0, start)}\n<header class="masthead">${body.slice(start, headline)}</header>\n${body.slice(headline)}`
      : body;
  return [
    '<!doctype html>',
    `<html lang="${language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(TITLES[language])}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body class="${language}">`,
    article.trimEnd(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The pages' stylesheet and their one script, served from /assets so that a strict Content Security
 * Policy (no inline script or style) holds. The script only enhances: every page is whole without it.
 */
export const PAGE_CSS = `
:root { --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --for: #1f6f3f; --against: #a4161a; --abstain: #8a8a8a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: var(--ink); background: #fff; }
header.site, main, footer.site { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header.site { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: baseline; padding-top: 1rem; border-bottom: 1px solid var(--line); }
header.site .brand { font-weight: 700; margin-right: auto; }
header.site nav a { margin-right: .75rem; }
h1 { font-size: 1.4rem; margin: 1rem 0 .5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1.02rem; margin: 1.25rem 0 .4rem; }
a { color: #0b4f9c; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
.meta { color: var(--muted); }
.status { font-weight: 600; }
.live { color: var(--muted); font-size: .85rem; max-width: 72rem; margin: .5rem auto 0; padding: 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }
td.title { min-width: 12rem; }
td.majority { min-width: 10rem; font-size: .9em; }
.unit { display: block; color: var(--muted); font-weight: 400; font-size: .8rem; }
.passed { color: var(--for); font-weight: 600; } .failed { color: var(--against); font-weight: 600; } .open { color: var(--muted); }
.verified { color: var(--for); } .unverified { color: var(--against); font-weight: 600; }
.chart { width: 100%; max-width: 48rem; height: auto; display: block; margin: .5rem 0 1rem; }
.chart .for { fill: var(--for); } .chart .against { fill: var(--against); } .chart .abstain { fill: var(--abstain); }
.chart .track { fill: #f0f0f0; stroke: var(--line); }
.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
.legend span::before { content: ""; display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 .8em; vertical-align: -.05em; }
.legend .for::before { background: var(--for); } .legend .against::before { background: var(--against); } .legend .abstain::before { background: var(--abstain); }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .5rem 0 1rem; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); flex: 1 1 9rem; min-width: 0; max-width: 100%; }
form.filters input, form.filters select { font: inherit; padding: .25rem .4rem; width: 100%; min-width: 0; }
.pager { display: flex; flex-wrap: wrap; gap: 1rem; margin: .5rem 0 2rem; }
ul.meetings { list-style: none; padding: 0; } ul.meetings li { padding: .5rem 0; border-bottom: 1px solid var(--line); }
.refusal { border-left: 4px solid var(--against); padding: .5rem 1rem; background: #fff4f4; }
footer.site { color: var(--muted); font-size: .8rem; padding-bottom: 2rem; }
@media (max-width: 40rem) {
  body { font-size: 14px; }
  dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .35rem; }
  th, td { padding: .3rem .35rem; }
  td.title { min-width: 9rem; }
}
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { font-size: 10pt; color: #000; }
  header.site nav, .live, .no-print, form.filters, .pager { display: none !important; }
  header.site, main, footer.site { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
  .scroll { overflow: visible; }
  table { page-break-inside: auto; } tr { page-break-inside: avoid; } thead { display: table-header-group; }
  th { background: #eee; }
  section.meeting { page-break-before: auto; }
  .chart, .legend { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

/**
 * Live updates: when the event stream reports that the record moved on, the page is fetched again
 * and its <main> replaced by the server's; the server's markup is the only markup there is.
 */
export const LIVE_JS = `'use strict';
(function () {
  var main = document.querySelector('main[data-live]');
  if (!main || typeof EventSource === 'undefined') return;
  var status = document.querySelector('.live');
  var shown = main.getAttribute('data-position');
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.text(); })
      .then(function (text) {
        var next = new DOMParser().parseFromString(text, 'text/html').querySelector('main[data-live]');
        if (next) { main.replaceWith(next); main = next; shown = next.getAttribute('data-position'); }
        if (status) status.textContent = 'Live: up to date with the record at position ' + shown + '.';
      })
      .catch(function (e) { if (status) status.textContent = 'Live updates paused: ' + e.message; })
      .finally(function () { busy = false; if (again) { again = false; refresh(); } });
  }
  var stream = new EventSource('/api/stream');
  stream.addEventListener('checkpoint', function (e) { if (e.data !== shown) refresh(); });
})();
`;

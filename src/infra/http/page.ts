/**
 * The results page: no framework, one file. It lists the meetings, shows each one's attendance and
 * poll results, and refreshes when the server reports a new checkpoint (Server-Sent Events). Text is
 * put in with textContent only, so nothing a client recorded can run as markup.
 */
export const RESULTS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>govrec — poll results</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .passed { color: #176f2c; font-weight: 600; } .failed { color: #a4161a; font-weight: 600; } .open { color: #666; }
  .meta { color: #555; } #status { color: #666; font-size: .85rem; }
</style>
</head>
<body>
<h1>Poll results</h1>
<p id="status">Loading…</p>
<main id="meetings"></main>
<script>
'use strict';
const grouped = (n) => n.toLocaleString('en-US');
const el = (tag, props = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.appendChild(child);
  return node;
};
const cell = (count, pct) => el('td', { class: 'n', text: grouped(count) + ' (' + pct + '%)' });
const outcome = (passed) => passed === null ? el('td', { class: 'open', text: 'open' })
  : el('td', { class: passed ? 'passed' : 'failed', text: passed ? 'Passed' : 'Not passed' });

const NOT_ELECTED = { BELOW_MAJORITY: 'Not elected (below the majority)', TIED_FOR_LAST_SEAT: 'Not elected (tied for the last seat)', NO_SEAT_LEFT: 'Not elected (no seat left)' };
const elected = (c) => c.elected === null ? el('td', { class: 'open', text: 'open' })
  : el('td', { class: c.elected ? 'passed' : 'failed', text: c.elected ? 'Elected' : (NOT_ELECTED[c.notElected] || 'Not elected') });

/** An election by cumulative voting: a row per candidate, votes as a percentage of the attending votes. */
function electionTable(e) {
  const rows = e.candidates.map((c) => el('tr', { 'data-candidate': c.candidateId }, [
    el('td', { text: c.no }), el('td', { text: c.name }), cell(c.votes, c.pct), elected(c),
  ]));
  const head = el('tr', {}, ['No.', 'Candidate', 'Votes', 'Result'].map((h) => el('th', { text: h })));
  if (e.withdrawn) return [el('h3', { text: e.no + '. ' + e.title + ' (cumulative voting; withdrawn)' })];
  const filled = e.filled === null ? 'open' : e.filled + ' of ' + e.seats + ' seats filled';
  return [
    el('h3', { text: e.no + '. ' + e.title + ' (cumulative voting; ' + filled + ')' }),
    el('table', { class: 'election', 'data-election': e.electionId }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
  ];
}

function meetingSection(m) {
  const rows = m.resolutions.map((r) => el('tr', { 'data-resolution': r.resolutionId }, [
    el('td', { text: r.no + '.' }), el('td', { text: r.title }), el('td', { text: r.type }),
    cell(r.for, r.forPct), cell(r.against, r.againstPct), cell(r.abstain, r.abstainPct), outcome(r.passed),
  ]));
  const head = el('tr', {}, ['No.', 'Resolution', 'Type', 'For', 'Against', 'Abstain', 'Result'].map((h) => el('th', { text: h })));
  const id = encodeURIComponent(m.id);
  return el('section', { id: 'meeting-' + m.id, 'data-meeting': m.id }, [
    el('h2', { text: m.title }),
    el('p', { class: 'meta attendance', text: 'Shares represented: ' + grouped(m.attendingShares) + ' of ' +
      grouped(m.sharesEntitledToVote) + ' entitled (' + m.attendingPercent + '%)' }),
    el('table', { class: 'results' }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
    ...(m.elections || []).flatMap(electionTable),
    el('p', {}, [
      el('a', { href: '/api/audit?meeting=' + id, text: 'Audit trail' }), document.createTextNode(' · '),
      el('a', { href: '/api/announcement?format=html', text: 'Announcement' }),
    ]),
  ]);
}

async function refresh(position) {
  const response = await fetch('/api/results');
  const results = await response.json();
  document.getElementById('meetings').replaceChildren(...results.meetings.map(meetingSection));
  document.getElementById('status').textContent = 'Up to date with the record at position ' + position + '.';
}

const stream = new EventSource('/api/stream');
stream.addEventListener('checkpoint', (e) => refresh(e.data).catch((err) => {
  document.getElementById('status').textContent = 'Could not load results: ' + err.message;
}));
</script>
</body>
</html>
`;

import { MeetingDetails, MeetingView, OutcomeView, printedLabel, ResolutionView, Verdict } from '../../index';
import { pollChart } from './page-chart';
import { electionTables } from './page-elections';
import { grouped, html, Markup, query } from './page-markup';
import { majorityWords, MODES, percentBase, quorumWords, when } from './page-words';

/** One meeting as the results page shows it: its figures, details and, when certified, the seal's verdict. */
export interface MeetingOnPage {
  readonly view: MeetingView;
  readonly details: MeetingDetails;
  /** The record checked against its seal; 'checking' while a large record is still being checked. */
  readonly verdict?: Verdict | 'checking';
}

const STATUS: Readonly<Record<MeetingView['status'], string>> = {
  DRAFT: 'Draft: the poll has not opened',
  POLL_OPEN: 'Poll open: figures are provisional',
  CLOSED: 'Poll closed: awaiting the scrutineer’s certificate',
  CERTIFIED: 'Certified',
};

function verification(d: MeetingDetails, verdict: Verdict | 'checking' | undefined): Markup {
  const certified = d.proceedings.certified;
  if (!certified) return html``;
  const root = certified.root
    ? html`<dt>Seal root</dt>
        <dd><code class="seal-root">${certified.root}</code></dd>`
    : html`<dt>Seal</dt>
        <dd>None: certified before seals were recorded</dd>`;
  const check =
    verdict === undefined
      ? html``
      : verdict === 'checking'
        ? html`<dt>Verification</dt>
            <dd data-verifies="checking">
              Being checked against the seal: reload, or see
              <a href="/api/meetings/${encodeURIComponent(d.meetingId)}/verify">the verdict</a>
            </dd>`
        : verdict.clean
          ? html`<dt>Verification</dt>
              <dd class="verified" data-verifies="true">Verifies: the record matches its seal</dd>`
          : html`<dt>Verification</dt>
              <dd class="unverified" data-verifies="false">
                Does not verify:
                ${verdict.sealed ? `${verdict.findings.length} change(s) since certification` : 'no seal to check against'}
              </dd>`;
  return html`${root}${check}`;
}

function facts({ view, details: d, verdict }: MeetingOnPage): Markup {
  const company = d.company;
  const p = d.proceedings;
  const status = p.certified
    ? `Certified by ${p.certified.scrutineer} at ${when(p.certified.at)}`
    : STATUS[view.status];
  return html`<dl class="facts">
      <dt>Company</dt>
      <dd class="company">
        ${company.name}${company.stockCode ? html` (stock code <span class="stock-code">${company.stockCode}</span>)` : ''}
      </dd>
      <dt>Held</dt>
      <dd class="held">${when(d.startsAt)}</dd>
      <dt>Venue</dt>
      <dd class="venue">${d.place}</dd>
      <dt>Poll</dt>
      <dd class="status" data-status="${view.status}">
        ${status}${p.pollOpenedAt ? `; opened ${when(p.pollOpenedAt)}` : ''}${p.pollClosedAt ? `; closed ${when(p.pollClosedAt)}` : ''}
      </dd>
      ${verification(d, verdict)}
      <dt>Quorum</dt>
      <dd class="quorum">
        ${p.opened ? quorumWords(p.opened.quorum) : 'Not yet recorded: the meeting has not opened'}
      </dd>
      ${
        d.scrutineers.length > 0
          ? html`<dt>Scrutineer</dt>
              <dd>${d.scrutineers.map((s) => `${s.name} (${s.capacity})`).join('; ')}</dd>`
          : ''
      }
      ${
        p.adjourned
          ? html`<dt>Adjourned</dt>
              <dd>At ${when(p.adjourned.at)}; resumes ${when(p.adjourned.resumesAt)}</dd>`
          : ''
      }
    </dl>
    ${view.integrity === 'MISMATCH' ? html`<p class="refusal" role="alert">These figures differ from those certified and must not be published; run govrec verify.</p>` : ''}`;
}

function classes({ view, details }: MeetingOnPage): Markup {
  const rows = details.classes.map(
    (c) =>
      html`<tr data-class="${c.code}">
        <td>${c.code}</td>
        <td class="n">${grouped(c.issuedShares)}</td>
        <td class="n">${c.votesPerShare}</td>
        <td class="n">${grouped(c.entitledShares)}</td>
        <td class="n">${grouped(c.entitledShares * c.votesPerShare)}</td>
        <td class="n">${grouped(c.entitledHolders)}</td>
      </tr>`,
  );
  const weighted = view.votesEntitledToVote !== undefined;
  return html`<h3>Register by class</h3>
    <div class="scroll">
      <table class="classes">
        <thead>
          <tr>
            <th>Class</th>
            <th class="n">Issued shares</th>
            <th class="n">Votes per share</th>
            <th class="n">Shares entitled</th>
            <th class="n">Votes entitled</th>
            <th class="n">Holders entitled</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    <p class="meta attendance">
      Shares represented: ${grouped(view.attendingShares)} of ${grouped(view.sharesEntitledToVote)} entitled
      (${view.attendingPercent}%)${weighted ? `, carrying ${grouped(view.attendingVotes ?? 0)} of ${grouped(view.votesEntitledToVote ?? 0)} votes` : ''}
    </p>`;
}

function attendance({ details }: MeetingOnPage): Markup {
  // Online voting is a row only where someone voted online: most markets admit none.
  const modes = MODES.filter(([mode]) => mode !== 'ONLINE' || details.attendanceByMode.ONLINE.holders > 0);
  const rows = modes.map(([mode, label]) => {
    const f = details.attendanceByMode[mode];
    return html`<tr data-mode="${mode}">
      <td>${label}</td>
      <td class="n">${grouped(f.holders)}</td>
      <td class="n">${grouped(f.shares)}</td>
      <td class="n">${grouped(f.votes)}</td>
    </tr>`;
  });
  return html`<h3>Attendance by mode</h3>
    <div class="scroll">
      <table class="attendance-by-mode">
        <thead>
          <tr>
            <th>Present</th>
            <th class="n">Holders</th>
            <th class="n">Shares</th>
            <th class="n">Votes</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>`;
}

const result = (r: ResolutionView): Markup =>
  r.withdrawn
    ? html`<td class="open">Withdrawn</td>`
    : r.passed === null
      ? html`<td class="open">Open</td>`
      : html`<td class="${r.passed ? 'passed' : 'failed'}">${r.passed ? 'Passed' : 'Not passed'}</td>`;

function voteCell(votes: number, pct: string | undefined, shares: number | undefined): Markup {
  // A count alone where the base shown gives it no percentage (votes withheld of a FOR + AGAINST base).
  return html`<td class="n">
    ${grouped(votes)}
    ${pct === undefined ? '' : `(${pct}%)`}${shares === undefined ? '' : html`<span class="unit">${grouped(shares)} shares</span>`}
  </td>`;
}

function resolutionRow(r: ResolutionView, d: MeetingDetails): Markup {
  const rule = d.majorities[r.resolutionId];
  return html`<tr data-resolution="${r.resolutionId}">
    <td>${printedLabel(r.label, 'NUMBERED')}</td>
    <td class="title">${r.title}${r.proposedByHolders ? ' (proposed by holders)' : ''}</td>
    <td>${r.type}</td>
    <td class="majority">${rule ? majorityWords(rule) : '—'}</td>
    ${voteCell(r.for, r.forPct, r.shares?.for)}${voteCell(r.against, r.againstPct, r.shares?.against)}${voteCell(r.abstain, r.abstainPct, r.shares?.abstain)}${result(r)}
  </tr>`;
}

function pollTable(m: MeetingOnPage): Markup {
  const { view, details } = m;
  if (view.resolutions.length === 0) return html``;
  const bases = new Set(view.resolutions.map((r) => percentBase(r.percentOf)));
  const base = bases.size === 1 ? [...bases][0] : 'the base each resolution’s results state';
  const weighted = view.votesEntitledToVote !== undefined;
  const unit = (what: string) =>
    html`<span class="unit">votes (% of ${what})${weighted ? '; shares below' : ''}</span>`;
  // Where the base is FOR + AGAINST, abstentions are votes withheld: counted, in no percentage.
  const abstainUnit = view.resolutions.every((r) => r.abstainPct === undefined)
    ? html`<span class="unit">votes withheld, in no percentage${weighted ? '; shares below' : ''}</span>`
    : unit(base);
  return html`<h3>Poll results</h3>
    <div class="scroll">
      <table class="results">
        <thead>
          <tr>
            <th>No.</th>
            <th>Resolution</th>
            <th>Type</th>
            <th>Majority needed</th>
            <th class="n">For ${unit(base)}</th>
            <th class="n">Against ${unit(base)}</th>
            <th class="n">Abstain ${abstainUnit}</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          ${view.resolutions.map((r) => resolutionRow(r, details))}
        </tbody>
      </table>
    </div>
    ${pollChart(view.id, view.resolutions)}`;
}

/** Resolutions put to this meeting and others: each meeting's decision and the overall outcome. */
function overall(
  m: MeetingOnPage,
  outcomes: readonly OutcomeView[],
  titles: ReadonlyMap<string, string>,
): Markup {
  const here = new Set(m.view.resolutions.map((r) => r.resolutionId));
  const shared = outcomes.filter((o) => here.has(o.resolutionId) && o.meetings.length > 1);
  if (shared.length === 0) return html``;
  const decided = (passed: boolean | null) => (passed === null ? 'open' : passed ? 'passed' : 'not passed');
  const rows = shared.map(
    (o) =>
      html`<tr data-outcome="${o.resolutionId}">
        <td class="title">${o.title}</td>
        <td>
          ${o.meetings.map((at) => `${titles.get(at.meetingId) ?? at.meetingId}: ${decided(at.passed)}`).join('; ')}
        </td>
        ${
          o.withdrawn
            ? html`<td class="open">Withdrawn</td>`
            : o.passed === null
              ? html`<td class="open">Undetermined</td>`
              : html`<td class="${o.passed ? 'passed' : 'failed'}">${o.passed ? 'Passed' : 'Not passed'}</td>`
        }
      </tr>`,
  );
  return html`<h3>Overall outcome of resolutions put to several meetings</h3>
    <p class="meta">A resolution put to several meetings passes only if every one of them passes it.</p>
    <div class="scroll">
      <table class="outcomes">
        <thead>
          <tr>
            <th>Resolution</th>
            <th>At each meeting</th>
            <th>Overall</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>`;
}

/** A meeting's section of the results page. */
export function meetingSection(
  m: MeetingOnPage,
  outcomes: readonly OutcomeView[],
  titles: ReadonlyMap<string, string>,
  asAt?: string,
): Markup {
  const id = m.view.id;
  const path = encodeURIComponent(id);
  return html`<section class="meeting" id="meeting-${id}" data-meeting="${id}">
    <h2><a href="/meetings/${path}${query({ at: asAt })}">${m.view.title}</a></h2>
    ${facts(m)} ${classes(m)} ${attendance(m)} ${pollTable(m)} ${electionTables(m.view)}
    ${overall(m, outcomes, titles)}
    <p class="links no-print">
      <a href="/audit${query({ meeting: id })}">Audit trail</a> ·
      <a href="/announcement${query({ meeting: id })}">Announcement</a> ·
      <a href="/announcement${query({ meeting: id, lang: 'zh-Hant' })}" hreflang="zh-Hant" lang="zh-Hant"
        >公告（中文）</a
      >
      · <a href="/api/announcement${query({ meeting: id, format: 'pdf' })}">PDF</a> ·
      <a href="/meetings/${path}/proxies">Proxy register</a> · <a href="/api/meetings/${path}">JSON</a>
    </p>
  </section>`;
}

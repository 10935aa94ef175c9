import { AuditEntry, AuditPage, HolderHistoryView, HolderProxies, MeetingView } from '../../index';
import { grouped, html, Markup, query } from './page-markup';
import { when } from './page-words';

/** The meeting picker: every meeting, when held, its status, and where to go from it. */
export function meetingList(meetings: readonly MeetingView[]): Markup {
  if (meetings.length === 0) return html`<p>The record holds no meeting yet.</p>`;
  return html`<ul class="meetings">
    ${meetings.map((m) => {
      const id = encodeURIComponent(m.id);
      return html`<li data-meeting="${m.id}">
        <a href="/meetings/${id}"><strong>${m.title}</strong></a
        ><br /><span class="meta"
          >${m.kind} · held ${m.heldOn} · ${m.status.replace('_', ' ').toLowerCase()} ·
          ${m.resolutions.length} resolution(s)</span
        ><br /><span class="no-print"
          ><a href="/audit${query({ meeting: m.id })}">Audit trail</a> ·
          <a href="/announcement${query({ meeting: m.id })}">Announcement</a> ·
          <a
            href="/announcement${query({ meeting: m.id, lang: 'zh-Hant' })}"
            hreflang="zh-Hant"
            lang="zh-Hant"
            >公告（中文）</a
          >
          · <a href="/api/announcement${query({ meeting: m.id, format: 'pdf' })}">PDF</a> ·
          <a href="/meetings/${id}/proxies">Proxy register</a></span
        >
      </li>`;
    })}
  </ul>`;
}

/** What the audit page was asked: its filters and paging, as the query gave them. */
export interface AuditAsked {
  readonly meeting?: string;
  readonly resolution?: string;
  readonly holder?: string;
  readonly actor?: string;
  readonly type?: string;
  readonly from?: string;
  readonly to?: string;
  readonly after?: number;
  readonly limit: number;
}

const field = (name: string, label: string, value: string | undefined, placeholder = '') =>
  html`<label>${label}<input name="${name}" value="${value ?? ''}" placeholder="${placeholder}" /></label>`;

function auditRow(e: AuditEntry): Markup {
  return html`<tr data-position="${e.position}">
    <td class="n">${e.position}</td>
    <td>${when(e.occurredAt)}</td>
    <td><code>${e.type}</code></td>
    <td>${e.actor}</td>
    <td>${e.summary}</td>
  </tr>`;
}

/** The audit page: its filter form, a page of entries, the next page's link and the CSV export's. */
export function auditTrail(asked: AuditAsked, page: AuditPage, meetings: readonly MeetingView[]): Markup {
  const filters = {
    meeting: asked.meeting,
    resolution: asked.resolution,
    holder: asked.holder,
    actor: asked.actor,
    type: asked.type,
    from: asked.from,
    to: asked.to,
  };
  const options = meetings.map(
    (m) => html`<option value="${m.id}" ${m.id === asked.meeting ? html` selected` : ''}>${m.title}</option>`,
  );
  const next =
    page.next === undefined
      ? ''
      : html`<a rel="next" href="/audit${query({ ...filters, limit: asked.limit, after: page.next })}"
          >Next ${asked.limit} entries</a
        >`;
  return html`<form class="filters" method="get" action="/audit">
      <label
        >Meeting<select name="meeting">
          <option value="">Every meeting</option>
          ${options}
        </select></label
      >
      ${field('resolution', 'Resolution', asked.resolution)}${field('holder', 'Holder', asked.holder)}${field('actor', 'Actor', asked.actor)}
      ${field('type', 'Event types', asked.type, 'VoteCast,ProxyLodged')}${field('from', 'From (ISO-8601)', asked.from)}${field('to', 'To (ISO-8601)', asked.to)}
      ${field('limit', 'Per page', String(asked.limit))}
      <button type="submit">Show</button>
    </form>
    <p class="meta">
      ${grouped(page.total)} entries match; showing
      ${page.entries.length}${asked.after === undefined ? '' : ` after position ${asked.after}`}. Entries
      about what one holder did are confidential to a key that may read holders.
    </p>
    <div class="scroll">
      <table class="audit">
        <thead>
          <tr>
            <th class="n">Position</th>
            <th>When</th>
            <th>Event</th>
            <th>Actor</th>
            <th>What happened</th>
          </tr>
        </thead>
        <tbody>
          ${page.entries.map(auditRow)}
        </tbody>
      </table>
    </div>
    <p class="pager">
      ${asked.after === undefined ? '' : html`<a href="/audit${query({ ...filters, limit: asked.limit })}">First page</a>`}${next}<a
        href="/api/audit${query({ ...filters, limit: asked.limit, after: asked.after, format: 'csv' })}"
        download
        >Download this page as CSV</a
      >
    </p>`;
}

/** The proxy register of a meeting, a page of holders at a time. */
export function proxyRegister(
  meeting: MeetingView,
  register: readonly HolderProxies[],
  offset: number,
  limit: number,
): Markup {
  const shown = register.slice(offset, offset + limit);
  const rows = shown.flatMap((h) =>
    h.proxies.map(
      (p) =>
        html`<tr data-holder="${h.holderId}" data-proxy="${p.proxyId}">
          <td><a href="/holders/${encodeURIComponent(h.holderId)}">${h.holderId}</a></td>
          <td>${p.proxyName} <span class="id">${p.proxyId}</span></td>
          <td class="n">${grouped(p.shares)}</td>
          <td>${when(p.lodgedAt)}</td>
          <td>
            ${p.status.toLowerCase().replace('_', ' ')}${p.supersededBy ? ` by ${p.supersededBy.proxyId}` : ''}${p.revoked ? ` (${p.revoked.reason.toLowerCase().replace(/_/g, ' ')})` : ''}
          </td>
          <td>${p.attended ? `attended for ${grouped(p.attended.shares)} shares` : ''}</td>
        </tr>`,
    ),
  );
  const path = `/meetings/${encodeURIComponent(meeting.id)}/proxies`;
  return html`<p class="meta">
      ${grouped(register.length)} holders lodged proxies for ${meeting.title}; holders
      ${offset + 1}–${offset + shown.length} shown.
    </p>
    <div class="scroll">
      <table class="proxies">
        <thead>
          <tr>
            <th>Holder</th>
            <th>Proxy</th>
            <th class="n">Shares</th>
            <th>Lodged</th>
            <th>Status</th>
            <th>Attendance</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    <p class="pager">
      ${offset > 0 ? html`<a href="${path}${query({ offset: Math.max(0, offset - limit), limit })}">Previous</a>` : ''}${offset + limit < register.length ? html`<a rel="next" href="${path}${query({ offset: offset + limit, limit })}">Next</a>` : ''}
    </p>`;
}

const split = (s: { for: number; against: number; abstain: number }) =>
  `${grouped(s.for)} / ${grouped(s.against)} / ${grouped(s.abstain)}`;

/** A holder's history: at each meeting, the holding, attendance and every vote. */
export function holderHistory(h: HolderHistoryView): Markup {
  return html`${h.meetings.map((m) => {
    const votes = m.votes.map(
      (v) =>
        html`<tr data-resolution="${v.resolutionId}">
          <td>${v.number === undefined ? '' : `${v.number}.`}</td>
          <td>${v.title ?? v.resolutionId}</td>
          <td>
            ${v.castBy.toLowerCase().replace(/_/g, ' ')}${v.proxy ? ` (${v.proxy.proxyName ?? v.proxy.proxyId})` : ''}
          </td>
          <td class="n">${split(v.shares)}</td>
          <td class="n">${split(v.votes)}</td>
          <td>${when(v.castAt)}</td>
          <td>${v.rejected ? `rejected: ${v.rejected.reason}` : ''}</td>
        </tr>`,
    );
    return html`<section data-meeting="${m.meetingId}">
      <h2>${m.meeting?.title ?? m.meetingId}</h2>
      <p class="meta">
        ${m.shareClass ? `${m.shareClass} shares entitled: ${grouped(m.entitledShares ?? 0)}` : ''}${m.attendance ? ` · attended ${m.attendance.mode.toLowerCase().replace(/_/g, ' ')} for ${grouped(m.attendance.shares)} shares at ${when(m.attendance.at)}` : ' · not recorded as attending'}
      </p>
      <div class="scroll">
        <table class="votes">
          <thead>
            <tr>
              <th>No.</th>
              <th>Resolution</th>
              <th>Cast</th>
              <th class="n">Shares <span class="unit">for / against / abstain</span></th>
              <th class="n">Votes <span class="unit">for / against / abstain</span></th>
              <th>When</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${votes}
          </tbody>
        </table>
      </div>
    </section>`;
  })}`;
}

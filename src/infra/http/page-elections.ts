import { CandidateView, ElectionView, MeetingView } from '../../index';
import { grouped, html, Markup } from './page-markup';

const NOT_ELECTED: Readonly<Record<string, string>> = {
  BELOW_MAJORITY: 'Not elected (below the majority)',
  TIED_FOR_LAST_SEAT: 'Not elected (tied for the last seat)',
  NO_SEAT_LEFT: 'Not elected (no seat left)',
};

const elected = (c: CandidateView): Markup =>
  c.elected === null
    ? html`<td class="open">Open</td>`
    : c.elected
      ? html`<td class="passed">Elected</td>`
      : html`<td class="failed">${NOT_ELECTED[c.notElected ?? ''] ?? 'Not elected'}</td>`;

function electionTable(e: ElectionView): Markup {
  if (e.withdrawn) return html`<h3>${e.no}. ${e.title} (cumulative voting; withdrawn)</h3>`;
  const filled = e.filled === null ? 'open' : `${e.filled} of ${e.seats} seats filled`;
  const rows = e.candidates.map(
    (c) =>
      html`<tr data-candidate="${c.candidateId}">
        <td>${c.no}</td>
        <td>${c.name}</td>
        <td class="n">${grouped(c.votes)} (${c.pct}%)</td>
        ${elected(c)}
      </tr>`,
  );
  return html`<h3>${e.no}. ${e.title} (cumulative voting; ${filled})</h3>
    <div class="scroll">
      <table class="election" data-election="${e.electionId}">
        <thead>
          <tr>
            <th>No.</th>
            <th>Candidate</th>
            <th class="n">Votes <span class="unit">cumulated (% of ${grouped(e.base)} votes)</span></th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>`;
}

/** A meeting's elections by cumulative voting, one table each. */
export const electionTables = (view: MeetingView): Markup =>
  html`${(view.elections ?? []).map(electionTable)}`;

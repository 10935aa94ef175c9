import { printedLabel, ResolutionView } from '../../index';
import { grouped, html, Markup } from './page-markup';

/**
 * FOR, AGAINST and ABSTAIN per resolution as an SVG drawn on the server: one stacked bar per
 * resolution, its FOR and AGAINST percentages written beside it, so that it reads without colour
 * (in print, in grey) and without the picture (role="img" with a title and a description that give
 * every figure). Bar lengths are whole units of the drawing, split exactly (half up, in integers).
 */
const WIDTH = 720;
const LABEL = 44;
const BAR = 360;
const ROW = 30;

/** Lengths of FOR, AGAINST and ABSTAIN along a bar of `length` units, summing to it (all zero when nothing was cast). */
export function barLengths(r: Pick<ResolutionView, 'for' | 'against' | 'abstain'>, length: number): number[] {
  const parts = [BigInt(r.for), BigInt(r.against), BigInt(r.abstain)];
  const total = parts.reduce((a, b) => a + b, 0n);
  if (total === 0n) return [0, 0, 0];
  const whole = BigInt(length);
  const rounded = parts.map((p) => Number((2n * p * whole + total) / (2n * total)));
  // Rounding each can leave the bar a unit long or short; the largest part absorbs it.
  const excess = rounded.reduce((a, b) => a + b, 0) - length;
  const largest = rounded.indexOf(Math.max(...rounded));
  rounded[largest] -= excess;
  return rounded;
}

const describe = (r: ResolutionView): string =>
  `Resolution ${r.label}: FOR ${grouped(r.for)} votes (${r.forPct}%), AGAINST ${grouped(r.against)} votes (${r.againstPct}%), ABSTAIN ${grouped(r.abstain)} votes${r.abstainPct === undefined ? '' : ` (${r.abstainPct}%)`}.`;

function bar(r: ResolutionView, i: number): Markup {
  const y = 8 + i * ROW;
  const [f, a, x] = barLengths(r, BAR);
  const segment = (cls: string, from: number, length: number, label: string) =>
    length > 0
      ? html`<rect class="${cls}" x="${LABEL + from}" y="${y}" width="${length}" height="18"
          ><title>${label}</title></rect
        >`
      : '';
  return html`<g data-resolution="${r.resolutionId}">
    <text x="0" y="${y + 14}">${printedLabel(r.label, 'NUMBERED')}</text>
    <rect class="track" x="${LABEL}" y="${y}" width="${BAR}" height="18"></rect>
    ${segment('for', 0, f, `FOR ${r.forPct}%`)}${segment('against', f, a, `AGAINST ${r.againstPct}%`)}${segment('abstain', f + a, x, `ABSTAIN ${r.abstainPct ?? grouped(r.abstain)}${r.abstainPct === undefined ? ' votes' : '%'}`)}
    <text x="${LABEL + BAR + 8}" y="${y + 14}">FOR ${r.forPct}% · AGAINST ${r.againstPct}%</text>
  </g>`;
}

/** The chart of a meeting's resolutions (those withdrawn left out), with its legend; nothing when there are none. */
export function pollChart(meetingId: string, resolutions: readonly ResolutionView[]): Markup {
  const shown = resolutions.filter((r) => !r.withdrawn);
  if (shown.length === 0) return html``;
  const id = `chart-${meetingId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const height = 8 + shown.length * ROW;
  return html`<figure class="poll-chart">
    <svg
      class="chart"
      role="img"
      viewBox="0 0 ${WIDTH} ${height}"
      aria-labelledby="${id}-title ${id}-desc"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="${id}-title">Votes FOR, AGAINST and ABSTAIN on each resolution</title>
      <desc id="${id}-desc">${shown.map(describe).join(' ')}</desc>
      ${shown.map(bar)}
    </svg>
    <figcaption class="legend">
      <span class="for">FOR</span><span class="against">AGAINST</span><span class="abstain">ABSTAIN</span> —
      each bar is the votes cast on the resolution, abstentions included.
    </figcaption>
  </figure>`;
}

/** The benchmark's figures as a table for a person and as JSON for a machine. */

export interface Check {
  readonly measure: string;
  readonly figure: number;
  readonly unit: string;
  readonly baseline?: number;
  /** figure / baseline, or the figure itself against an absolute target. */
  readonly target?: { readonly kind: 'ratio-at-least' | 'at-most'; readonly value: number };
}

const fmt = (n: number): string =>
  n >= 100 ? Math.round(n).toLocaleString('en-US') : n >= 10 ? n.toFixed(1) : n.toFixed(2);

export const ratioOf = (c: Check): number | undefined =>
  c.baseline !== undefined && c.baseline > 0 ? c.figure / c.baseline : undefined;

export function verdict(c: Check): 'met' | 'MISSED' | '' {
  if (!c.target) return '';
  const value = c.target.kind === 'ratio-at-least' ? ratioOf(c) : c.figure;
  if (value === undefined) return '';
  const met = c.target.kind === 'ratio-at-least' ? value >= c.target.value : value <= c.target.value;
  return met ? 'met' : 'MISSED';
}

function targetText(c: Check): string {
  if (!c.target) return '';
  return c.target.kind === 'ratio-at-least' ? `ratio ≥ ${c.target.value}` : `≤ ${fmt(c.target.value)}`;
}

export function table(title: string, checks: readonly Check[]): string {
  const rows = [
    ['measure', 'figure', 'unit', 'baseline', 'ratio', 'target', ''],
    ...checks.map((c) => {
      const ratio = ratioOf(c);
      return [
        c.measure,
        fmt(c.figure),
        c.unit,
        c.baseline === undefined ? '' : fmt(c.baseline),
        ratio === undefined ? '' : ratio.toFixed(2),
        targetText(c),
        verdict(c),
      ];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 1 || i === 3 || i === 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, '', line(rows[0]), rule, ...rows.slice(1).map(line), ''].join('\n');
}

import type { ImportProgress } from '../../index';

/** Where progress goes: stderr, so that stdout keeps only the summary. */
export interface ProgressTarget {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface ProgressOptions {
  /** Least time between two updates: 100 ms on a terminal, 5 s otherwise (a log is not a screen). */
  readonly everyMs?: number;
  readonly now?: () => number;
}

const number = (n: number): string => Math.round(n).toLocaleString('en-US');

/** h:mm:ss or m:ss. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** One line: rows read, rows per second, share of the file read, time left, refusals so far. */
export function progressLine(p: ImportProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.rows / seconds : 0;
  const share = p.totalBytes > 0 ? p.bytes / p.totalBytes : 1;
  const left = share > 0 ? formatDuration((p.elapsedMs * (1 - share)) / share) : '?';
  const eta = p.done ? `done in ${formatDuration(p.elapsedMs)}` : `ETA ${left}`;
  return (
    `${p.kind}: ${number(p.rows)} rows  ${number(rate)} rows/s  ${Math.floor(share * 100)}%  ${eta}` +
    (p.rejected > 0 ? `  ${number(p.rejected)} rejected` : '')
  );
}

/**
 * An onProgress that draws a bar on a terminal (one line rewritten with \r) and otherwise writes a
 * plain line now and then, so a log shows the import advancing without a line per row.
 */
export function progressPrinter(target: ProgressTarget, options: ProgressOptions = {}) {
  const now = options.now ?? (() => performance.now());
  const every = options.everyMs ?? (target.isTTY ? 100 : 5000);
  let last = Number.NEGATIVE_INFINITY;
  return (p: ImportProgress): void => {
    const at = now();
    if (!p.done && at - last < every) return;
    last = at;
    if (!target.isTTY) return target.write(`${progressLine(p)}\n`);
    // \x1b[K clears what a longer previous line left behind.
    target.write(`\r${progressLine(p)}\x1b[K${p.done ? '\n' : ''}`);
  };
}

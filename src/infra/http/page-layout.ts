import { html, Markup } from './page-markup';

/**
 * What the pages allow: their own stylesheet and script, nothing inline, nothing from elsewhere,
 * no framing. Every page is sent with it (page-routes.ts).
 */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PageOptions {
  readonly title: string;
  /** The record's position the page shows; with it, the live script keeps <main> up to date. */
  readonly livePosition?: number;
  /** A line under the heading, e.g. "As at position 41". */
  readonly lede?: Markup | string;
}

/** A whole page: head, the site's navigation, the content in <main>. */
export function page(options: PageOptions, content: Markup): string {
  const live = options.livePosition !== undefined;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} — govrec</title>
<link rel="stylesheet" href="/assets/govrec.css">
${live ? html`<script src="/assets/live.js" defer></script>` : ''}
</head>
<body>
<header class="site">
<span class="brand">govrec</span>
<nav aria-label="Site"><a href="/meetings">Meetings</a><a href="/">Results</a><a href="/audit">Audit trail</a></nav>
</header>
${live ? html`<p class="live no-print" role="status" aria-live="polite">Shows the record at position ${options.livePosition}.</p>` : ''}
<main${live ? html` data-live data-position="${options.livePosition}"` : ''}>
<h1>${options.title}</h1>
${options.lede ? html`<p class="meta">${options.lede}</p>` : ''}
${content}
</main>
<footer class="site"><p>Generated from the record by govrec. Figures are counts of votes unless marked as shares.</p></footer>
</body>
</html>
`.text;
}

/** A page saying why it cannot be shown: the refusal in words, nothing more. */
export function refusalPage(title: string, message: string): string {
  return page({ title }, html`<p class="refusal" role="alert">${message}</p>`);
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchChromium, MissingBrowser } from './chromium';

/**
 * An HTML document printed to an A4 PDF by headless Chromium, as the document's own print styles
 * lay it out. The page is served to the browser from memory under an address that leads nowhere
 * (nothing is fetched from the network); a Chinese document gets the Noto Serif TC font of the npm
 * package @fontsource/noto-serif-tc, served the same way, so that the PDF carries its glyphs
 * whatever fonts the machine has.
 */
const ORIGIN = 'https://govrec.invalid';
const FONT_PACKAGE = '@fontsource/noto-serif-tc';

/** The @font-face rules of the Chinese font, regular and bold, their files under ORIGIN/fonts/. */
function chineseFontFaces(): { css: string; dir: string } {
  let entry: string;
  try {
    entry = require.resolve(`${FONT_PACKAGE}/400.css`);
  } catch {
    throw new MissingBrowser(
      `A Chinese PDF needs the font package ${FONT_PACKAGE}: install the optional dependencies (npm install --include=optional)`,
    );
  }
  const dir = dirname(entry);
  const css = ['400.css', '700.css']
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n')
    .replace(/url\(\.\/files\//g, `url(${ORIGIN}/fonts/`);
  return { css, dir: join(dir, 'files') };
}

/** The PDF of a whole HTML document; `chinese` embeds the Chinese font. */
export async function htmlToPdf(
  html: string,
  options: { readonly chinese?: boolean } = {},
): Promise<Uint8Array> {
  const fonts = options.chinese ? chineseFontFaces() : undefined;
  const document = fonts ? html.replace('</head>', `<style>${fonts.css}</style>\n</head>`) : html;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/announcement')
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: document });
      const font = fonts && /^\/fonts\/([\w.-]+\.woff2?)$/.exec(path);
      if (font && existsSync(join(fonts.dir, font[1])))
        return route.fulfill({
          status: 200,
          contentType: 'font/woff2',
          body: readFileSync(join(fonts.dir, font[1])),
        });
      return route.fulfill({ status: 404, body: '' });
    });
    // Anything else the document might name stays unfetched.
    await page.route(/^(?!https:\/\/govrec\.invalid\/)/, (route) => route.abort());
    await page.goto(`${ORIGIN}/announcement`, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => true)');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

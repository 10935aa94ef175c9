/**
 * The Chromium the browser tests drive is the one govrec prints PDFs with (src/infra/browser/
 * chromium.ts): CHROMIUM_PATH when set, else Debian's /usr/bin/chromium, else the Chromium shipped
 * inside the npm package @sparticuz/chromium, driven by playwright-core.
 *
 * Playwright adds --headless (headless: true), --remote-debugging-port and a fresh --user-data-dir of
 * its own (a new temporary profile per launch, deleted on close); it refuses a --user-data-dir in args.
 */
export { chromiumLaunch, DEBIAN_CHROMIUM, launchChromium } from '../../src/infra/browser/chromium';
export type { ChromiumLaunch } from '../../src/infra/browser/chromium';

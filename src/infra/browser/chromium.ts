import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { MissingBrowser } from './missing-browser';

/**
 * The headless Chromium that prints announcements to PDF, and that the browser tests drive: the
 * one CHROMIUM_PATH names, else Debian's /usr/bin/chromium, else the Chromium shipped inside the npm
 * package @sparticuz/chromium (it links only libc, libexpat and NSS). The driver is playwright-core.
 * Both packages are optional dependencies: without them the rest of govrec works, and a PDF is
 * refused with a line saying what to install (MissingBrowser).
 */
export interface ChromiumLaunch {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Extra environment for the browser process (the packaged Chromium's fonts). */
  readonly env: Readonly<Record<string, string>>;
  readonly source: 'CHROMIUM_PATH' | 'debian' | '@sparticuz/chromium';
}

export { MissingBrowser };

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** No sandbox (CI runs as root), no GPU, no network of the browser's own, no first-run UI. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_HINT =
  'install the optional dependencies playwright-core and @sparticuz/chromium (npm install --include=optional), or set CHROMIUM_PATH to a Chromium';

/** A package's entry, or undefined when it is not installed. */
function resolved(name: string): string | undefined {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

export async function chromiumLaunch(): Promise<ChromiumLaunch> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new MissingBrowser(`CHROMIUM_PATH is ${fromEnv}, which does not exist`);
    return { executablePath: fromEnv, args: FLAGS, env: {}, source: 'CHROMIUM_PATH' };
  }
  if (existsSync(DEBIAN_CHROMIUM))
    return { executablePath: DEBIAN_CHROMIUM, args: FLAGS, env: {}, source: 'debian' };
  const entry = resolved('@sparticuz/chromium');
  if (!entry) throw new MissingBrowser(`No headless Chromium to print with: ${INSTALL_HINT}`);
  const dir = await packagedChromium(entry);
  return {
    executablePath: join(dir, 'chromium'),
    // The package's own args are for AWS Lambda (--single-process, --disable-web-security, ...): not these.
    args: FLAGS,
    env: { FONTCONFIG_FILE: join(dir, 'govrec-fonts.conf') },
    source: '@sparticuz/chromium',
  };
}

/** A headless browser (Playwright's driver), from chromiumLaunch(). */
export async function launchChromium(): Promise<Browser> {
  const launch = await chromiumLaunch();
  if (!resolved('playwright-core')) throw new MissingBrowser(`No browser driver: ${INSTALL_HINT}`);
  // Loaded only here, so that govrec without the optional packages never needs them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: launch.executablePath,
      headless: true,
      args: [...launch.args],
      env: { ...process.env, ...launch.env },
    });
  } catch (e) {
    const hint =
      launch.source === '@sparticuz/chromium'
        ? ` (the packaged Chromium needs the system's NSS: Debian's libnss3)`
        : '';
    throw new MissingBrowser(
      `Could not launch ${launch.executablePath} from ${launch.source}${hint}: ${String(e)}`,
    );
  }
}

const MARKER = '.govrec-complete';

/**
 * The directory holding @sparticuz/chromium's Chromium, decompressed once per version and user into the
 * temporary directory. The package decompresses into os.tmpdir() itself (/tmp/chromium, /tmp/fonts,
 * swiftshader beside them) and takes an existing /tmp/chromium as done, even half written by another
 * process; so each caller lets it decompress in a child process whose TMPDIR is a fresh staging
 * directory, then renames that into place at once. When several processes start together each
 * decompresses (about 1.5 s); the first rename wins and the others delete their copy.
 */
async function packagedChromium(entry: string): Promise<string> {
  const root = dirname(dirname(dirname(entry))); // <root>/build/cjs/index.cjs
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `govrec-sparticuz-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  if (existsSync(join(dir, MARKER))) return dir;

  const staging = mkdtempSync(join(tmpdir(), 'govrec-sparticuz-chromium-staging-'));
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((p) => process.stdout.write(p))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      env: { ...process.env, TMPDIR: staging },
    });
    if (stdout !== join(staging, 'chromium'))
      throw new Error(`@sparticuz/chromium decompressed to ${stdout}, not into ${staging}`);
    // Its fonts.conf names /tmp/fonts; this one names where its fonts are, after the system's.
    writeFileSync(
      join(staging, 'govrec-fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${join(dir, 'fonts')}</dir>`,
        `  <cachedir>${join(dir, 'fonts-cache')}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
    writeFileSync(join(staging, MARKER), `${version}\n`);
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another process got there first (the target exists and is not empty).
      if (!existsSync(join(dir, MARKER))) throw e;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

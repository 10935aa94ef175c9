/**
 * The package as an embedder receives it: the tarball `npm pack` makes, installed into an empty
 * project with its runtime dependencies only. The command line runs from it, `require('govrec')`
 * and the `govrec/esdb` and `govrec/http` entries load, and the README's embedding example, compiled
 * against the shipped declarations with `tsc --strict` and `--skipLibCheck false`, prints what the
 * checkout's `govrec replay --format json` prints, byte for byte.
 *
 * The tarball is packed from a copy of the checkout (its node_modules linked, not copied), because
 * packing cleans dist/ (`prepack`) and other test files run the checkout's bin/govrec.js from its
 * dist/ meanwhile. The install takes the npm cache's packages first (`--prefer-offline`); the
 * compiled better-sqlite3 of the checkout, where it is the version the install resolves, is offered
 * as a local prebuild, so the native module is not compiled again.
 */
import { execFileSync, spawnSync, SpawnSyncReturns } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCENARIO = join(ROOT, 'examples', 'jlmag-2023-11-23', 'scenario.json');
const EXAMPLE = join(ROOT, 'examples', 'embedding', 'replay.ts');
const MINUTE = 60_000;
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The first ```ts block of the README's section "Embedding govrec". */
function readmeEmbeddingExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Embedding govrec\n');
  if (start < 0) throw new Error('README.md has no section "Embedding govrec"');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const block = /\n```ts\n([\s\S]*?)\n```\n/.exec(section);
  if (!block) throw new Error('The section "Embedding govrec" has no ```ts block');
  return `${block[1]}\n`;
}

it("the README's embedding example is examples/embedding/replay.ts, word for word", () => {
  expect(readmeEmbeddingExample()).toBe(readFileSync(EXAMPLE, 'utf8'));
});

/**
 * The environment for npm run from here: jest may itself run under `npm test`, whose npm_* variables
 * (the package, the lifecycle, the prefix) would make the npm below act on the checkout. The user's
 * npmrc still applies; the cache and registry are kept where given.
 */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = new Set([
    'npm_config_cache',
    'npm_config_registry',
    'npm_config_userconfig',
    'npm_config_nodedir',
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^npm_/i.test(key) || keep.has(key.toLowerCase())) env[key] = value;
  delete env.INIT_CWD;
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    ...extra,
  };
}

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env = npmEnv(),
): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function mustRun(command: string, args: readonly string[], cwd: string, env = npmEnv()): string {
  const result = run(command, args, cwd, env);
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  return result.stdout;
}

const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string })
    .version;

/** What the copy of the checkout leaves out: installed, built or generated, never packed. */
function copied(source: string): boolean {
  const path = relative(ROOT, source).split(sep).join('/');
  return (
    !/^(node_modules|dist|\.git|coverage|tmp|docs\/api)(\/|$)/.test(path) && !/\.db(-wal|-shm)?$/.test(path)
  );
}

/**
 * A directory holding the checkout's compiled better-sqlite3 as prebuild-install names a prebuilt
 * binary; undefined when there is none to offer (the install then gets one as it would anyway).
 */
function localPrebuilds(dir: string): string | undefined {
  const pkg = join(ROOT, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'))) return undefined;
  const { modules } = process.versions;
  const name = `better-sqlite3-v${versionOf('better-sqlite3')}-node-v${modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  const tar = spawnSync('tar', ['-czf', join(dir, name), '-C', pkg, 'build/Release/better_sqlite3.node']);
  return tar.status === 0 ? dir : undefined;
}

interface Packed {
  readonly filename: string;
  readonly entryCount: number;
  readonly size: number;
  readonly files: readonly { readonly path: string }[];
}

describe('the package tarball, installed into an empty project', () => {
  let work: string;
  let app: string;
  let packed: Packed;
  let files: string[];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'govrec-package-'));
    // The checkout's own build, for the command line the example is compared with.
    mustRun('npm', ['run', 'build', '--silent'], ROOT);

    const checkout = join(work, 'govrec');
    cpSync(ROOT, checkout, { recursive: true, filter: copied });
    symlinkSync(join(ROOT, 'node_modules'), join(checkout, 'node_modules'), 'dir');
    const destination = join(work, 'packed');
    mkdirSync(destination);
    const out = mustRun('npm', ['pack', '--json', '--pack-destination', destination], checkout);
    [packed] = JSON.parse(out.slice(out.indexOf('['))) as Packed[];
    files = packed.files.map((f) => f.path);

    app = join(work, 'app');
    mkdirSync(app);
    mustRun('npm', ['init', '-y'], app);
    const prebuilds = localPrebuilds(join(work, 'prebuilds'));
    mustRun(
      'npm',
      [
        'install',
        // Without the optional packages (Chromium, its driver, the Chinese font): govrec must work without them.
        '--omit=optional',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        join(destination, packed.filename),
        `typescript@${versionOf('typescript')}`,
        `@types/node@${versionOf('@types/node')}`,
      ],
      app,
      npmEnv(prebuilds ? { npm_config_better_sqlite3_local_prebuilds: prebuilds } : {}),
    );
  }, 10 * MINUTE);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships the compiled entries with their declarations and maps, the bin, README, LICENSE, docs and examples', () => {
    for (const entry of ['index', 'esdb', ...(existsSync(join(ROOT, 'src', 'http.ts')) ? ['http'] : [])])
      for (const ext of ['.js', '.js.map', '.d.ts', '.d.ts.map'])
        expect(files).toContain(`dist/${entry}${ext}`);
    expect(files).toContain('dist/infra/cli/main.js');
    for (const file of [
      'package.json',
      'bin/govrec.js',
      'README.md',
      'LICENSE',
      'docs/rule-sets.md',
      'examples/embedding/replay.ts',
      'examples/jlmag-2023-11-23/scenario.json',
    ])
      expect(files).toContain(file);
  });

  it('ships no tests, benches or sources, and nothing in dist/ that the sources no longer make', () => {
    expect(files.filter((f) => /^(test|bench|src|docs\/api)\//.test(f))).toEqual([]);
    const stale = files
      .filter((f) => f.startsWith('dist/'))
      .map((f) => f.slice('dist/'.length).replace(/(\.d\.ts|\.js)(\.map)?$/, ''))
      .filter((f) => !existsSync(join(ROOT, 'src', `${f}.ts`)));
    expect(stale).toEqual([]);
  });

  it('installs without the development dependencies, and `npx govrec --help` prints the usage', () => {
    for (const dev of ['jest', 'typedoc', 'eslint', '@swc/core'])
      expect(existsSync(join(app, 'node_modules', dev))).toBe(false);
    const help = run('npx', ['--no', 'govrec', '--help'], app);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage');
  });

  it('without its optional packages, refuses a PDF with a line saying what to install', () => {
    for (const optional of ['playwright-core', '@sparticuz/chromium', '@fontsource/noto-serif-tc'])
      expect(existsSync(join(app, 'node_modules', optional))).toBe(false);
    const store = `sqlite:${join(app, 'empty.db')}`;
    const pdf = run(
      'npx',
      ['--no', 'govrec', 'announcement', '--format', 'pdf', '--store', store],
      app,
      npmEnv({ CHROMIUM_PATH: '' }),
    );
    expect(pdf.status).not.toBe(0);
    expect(pdf.stderr).toMatch(/^MissingBrowser: .*install the optional dependencies/m);
  });

  it('loads by require and import: the root without gRPC or Fastify, then govrec/esdb and govrec/http', () => {
    const script = `
      const govrec = require('govrec');
      const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](@eventstore|@grpc|fastify)[\\\\/]/.test(p));
      console.log(JSON.stringify({ openGovrec: typeof govrec.openGovrec, loaded, version: require('govrec/package.json').version }));
      Promise.all([import('govrec'), import('govrec/esdb'), import('govrec/http')]).then(([root, esdb, http]) =>
        console.log(JSON.stringify({ root: typeof root.openGovrec, esdb: typeof esdb.EsdbEventStore, http: typeof http.serve })));`;
    const [required, imported] = mustRun(process.execPath, ['-e', script], app).trim().split('\n');
    expect(JSON.parse(required)).toEqual({ openGovrec: 'function', loaded: [], version: PACKAGE.version });
    expect(JSON.parse(imported)).toEqual({ root: 'function', esdb: 'function', http: 'function' });
  });

  it(
    "compiles the README's example against the shipped declarations and prints what `govrec replay --format json` prints",
    () => {
      writeFileSync(join(app, 'replay.ts'), readmeEmbeddingExample());
      // The other entries' declarations, checked by the same compiler.
      writeFileSync(
        join(app, 'entries.ts'),
        [
          "import type { EsdbEventStore, EsdbEventStoreOptions } from 'govrec/esdb';",
          "import type { serve, ServeOptions } from 'govrec/http';",
          'export type Entries = [EsdbEventStore, EsdbEventStoreOptions, typeof serve, ServeOptions];',
          '',
        ].join('\n'),
      );
      const tsc = join(app, 'node_modules', '.bin', 'tsc');
      const flags = ['--strict', '--target', 'es2022', '--esModuleInterop', '--skipLibCheck', 'false'];
      mustRun(
        tsc,
        [...flags, '--module', 'commonjs', '--moduleResolution', 'node', 'replay.ts', 'entries.ts'],
        app,
      );
      // As a project on Node's own resolution (package.json "exports") compiles them.
      mustRun(
        tsc,
        [...flags, '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', 'entries.ts'],
        app,
      );

      const embedded = execFileSync(process.execPath, ['replay.js', SCENARIO], { cwd: app });
      const cli = execFileSync(
        process.execPath,
        [join(ROOT, 'bin', 'govrec.js'), 'replay', SCENARIO, '--format', 'json'],
        {
          cwd: ROOT,
        },
      );
      expect(embedded.toString('utf8')).toBe(cli.toString('utf8'));
      expect(Buffer.compare(embedded, cli)).toBe(0);
    },
    2 * MINUTE,
  );
});

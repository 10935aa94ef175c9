import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running `modulePath` (a thread program's path, without its extension:
 * store/sqlite/sqlite-writer, read-models/checkpoint-writer).
 *
 * Compiled (dist/, what `govrec` runs) the program is a `.js` file. Run from the
 * TypeScript sources, as jest runs them, there is no `.js` to load: the thread then compiles each
 * source it requires with swc (a development dependency, the compiler jest uses), so that tests
 * exercise the same thread code the compiled program runs.
 */
export function startWorker(modulePath: string, workerData: unknown): Worker {
  if (existsSync(`${modulePath}.js`)) return new Worker(`${modulePath}.js`, { workerData });
  if (!existsSync(`${modulePath}.ts`)) throw new Error(`No worker module at ${modulePath}(.js|.ts)`);
  return new Worker(fromSources(`${modulePath}.ts`, require.resolve('@swc/core')), {
    eval: true,
    workerData,
  });
}

function fromSources(entry: string, swc: string): string {
  return `
const { readFileSync } = require('node:fs');
const { transformSync } = require(${JSON.stringify(swc)});
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
require(${JSON.stringify(entry)});
`;
}

/** A failure as it crosses threads: an Error's class does not, its name, message and code do. */
export interface ThreadFailure {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
}

/** What the thread sends of an error it caught. */
export function failureOf(error: unknown): ThreadFailure {
  const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: String(name ?? 'Error'),
    message: String(message ?? error),
    code: typeof code === 'string' ? code : undefined,
  };
}

/** An Error shaped as the thread saw it, so that sqliteError() recognises SQLite's failures. */
export function errorOf(failure: ThreadFailure): Error {
  const error = new Error(failure.message) as Error & { code?: string };
  error.name = failure.name;
  if (failure.code !== undefined) error.code = failure.code;
  return error;
}

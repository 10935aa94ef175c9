/**
 * busy_timeout already makes SQLite wait for another process's write lock; these retries cover what
 * it does not: the timeout running out under a long burst, and the busy cases SQLite reports without
 * calling the busy handler (SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT). Bounded, so that a file
 * locked for good ends in an error instead of a hang.
 */
export const DEFAULT_BUSY_RETRIES = 5;

/** What better-sqlite3 throws, described by shape rather than by class (see sqliteError). */
export interface SqliteErrorShape {
  readonly name: 'SqliteError';
  readonly code: string;
  readonly message: string;
}

/**
 * Recognised by shape, not `instanceof`: the native addon keeps the SqliteError class of the first
 * copy of better-sqlite3 loaded in the process, and that class extends the Error of the realm it
 * was loaded in. Under jest (one module registry and one vm realm per test file), or any host that
 * reloads modules, neither `instanceof Database.SqliteError` nor `instanceof Error` holds.
 */
export function sqliteError(error: unknown): SqliteErrorShape | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code, message } = error as Partial<Record<keyof SqliteErrorShape, unknown>>;
  if (name !== 'SqliteError' || typeof code !== 'string' || typeof message !== 'string') return undefined;
  return { name, code, message };
}

export function isBusy(error: unknown): boolean {
  return sqliteError(error)?.code.startsWith('SQLITE_BUSY') ?? false;
}

/** Grows with each attempt; the jitter keeps two processes that collided from colliding again. */
function backoffMs(attempt: number): number {
  return 10 * 2 ** attempt * (0.5 + Math.random());
}

export async function retryWhileBusy<T>(work: () => T, retries = DEFAULT_BUSY_RETRIES): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}

/** For the constructor, which cannot await: blocks the thread between attempts. */
export function retryWhileBusySync<T>(work: () => T, retries = DEFAULT_BUSY_RETRIES): T {
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || attempt >= retries) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, backoffMs(attempt));
    }
  }
}

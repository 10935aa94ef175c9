import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** An Io for the CLI's `run` that keeps what it prints, for tests to read. */
export function captureIo() {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

/** The bytes of a SQLite store (its file and its write-ahead log), hashed: equal means unchanged. */
export function storeFingerprint(path: string): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal']) if (existsSync(path + suffix)) hash.update(readFileSync(path + suffix));
  return hash.digest('hex');
}

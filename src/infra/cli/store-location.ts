import { EventStore } from '../../application/event-store';
import { EsdbEventStore } from '../store/esdb/esdb-event-store';
import { MemoryEventStore } from '../store/memory/memory-event-store';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store';

/** Where the events are kept: `sqlite:<path>` (default ./govrec.db), `esdb://…` or `memory`. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'memory' };

export const DEFAULT_STORE = 'sqlite:./govrec.db';

/** `--store` wins over GOVREC_STORE, which wins over the default. */
export function storeLocation(flag: string | undefined, env: NodeJS.ProcessEnv): StoreLocation | string {
  const spec = flag ?? env.GOVREC_STORE ?? DEFAULT_STORE;
  if (spec === 'memory') return { kind: 'memory' };
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    return path ? { kind: 'sqlite', path } : 'sqlite: needs a file path, e.g. sqlite:./govrec.db';
  }
  if (/^esdb(\+discover)?:\/\//.test(spec)) return { kind: 'esdb', connectionString: spec };
  return `Unknown store ${spec}: use sqlite:<path>, esdb://host:port?tls=false or memory`;
}

export function openStore(location: StoreLocation): EventStore {
  switch (location.kind) {
    case 'sqlite':
      // Appends on a thread of their own: an import decides its next batch, and the server answers
      // requests, while SQLite writes and syncs the last one.
      return new SqliteEventStore(location.path, { writer: 'thread' });
    case 'esdb':
      return new EsdbEventStore(location.connectionString);
    case 'memory':
      return new MemoryEventStore();
  }
}

/** Read models sit beside a SQLite store (govrec.db → govrec.read.db); with other stores, in ./govrec.read.db. */
export function readModelPath(location: StoreLocation, flag: string | undefined): string {
  if (flag) return flag;
  if (location.kind === 'sqlite') return location.path.replace(/(\.db)?$/, '.read.db');
  return location.kind === 'memory' ? ':memory:' : './govrec.read.db';
}

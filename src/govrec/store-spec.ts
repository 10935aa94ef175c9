import { EventStore } from '../application/event-store';
import { MemoryEventStore } from '../infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../infra/store/sqlite/sqlite-event-store';
import { GovrecError } from './errors';

/**
 * Where the events are kept: `memory`, `sqlite:<path>` (the embedded default) or an EventStoreDB
 * connection string (`esdb://host:2113?tls=false`, `esdb+discover://…`).
 */
export type StoreSpec = 'memory' | `sqlite:${string}` | `esdb://${string}` | `esdb+discover://${string}`;

/** A store spec parsed: which kind of store, and where it is. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'memory' };

/** The store a spec names, or why the spec is not one. */
export function parseStoreSpec(spec: string): StoreLocation | GovrecError {
  const invalid = (message: string): GovrecError => ({
    kind: 'invalid',
    rule: 'Invalid:StoreSpec',
    field: 'store',
    message,
  });
  if (spec === 'memory') return { kind: 'memory' };
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    return path ? { kind: 'sqlite', path } : invalid('sqlite: needs a file path, e.g. sqlite:./govrec.db');
  }
  if (/^esdb(\+discover)?:\/\//.test(spec)) return { kind: 'esdb', connectionString: spec };
  return invalid(`Unknown store ${spec}: use sqlite:<path>, esdb://host:port?tls=false or memory`);
}

/**
 * Opens the store. The EventStoreDB adapter is loaded only when asked for, so an embedder who does
 * not use it never loads the gRPC client.
 */
export async function openStoreAt(location: StoreLocation): Promise<EventStore> {
  switch (location.kind) {
    case 'sqlite':
      // Appends on a thread of their own: the next batch is decided, or a request answered, while
      // SQLite writes and syncs the last one.
      return new SqliteEventStore(location.path, { writer: 'thread' });
    case 'esdb': {
      const { EsdbEventStore } = await import('../infra/store/esdb/esdb-event-store');
      return new EsdbEventStore(location.connectionString);
    }
    case 'memory':
      return new MemoryEventStore();
  }
}

/** Read models sit beside a SQLite store (govrec.db → govrec.read.db); in memory beside a memory store; else ./govrec.read.db. */
export function defaultReadModelPath(location: StoreLocation | undefined): string {
  if (location?.kind === 'sqlite') return location.path.replace(/(\.db)?$/, '.read.db');
  if (location === undefined || location.kind === 'memory') return ':memory:';
  return './govrec.read.db';
}

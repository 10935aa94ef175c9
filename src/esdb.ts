/**
 * The EventStoreDB adapter, apart from the root entry so that only an embedder who uses it loads
 * the gRPC client: `new EsdbEventStore('esdb://localhost:2113?tls=false')`, then
 * `openGovrec({ store })`. `openGovrec({ store: 'esdb://…' })` loads it by itself.
 *
 * @packageDocumentation
 */
export { EsdbEventStore } from './infra/store/esdb/esdb-event-store';
export type { EsdbEventStoreOptions } from './infra/store/esdb/esdb-event-store';

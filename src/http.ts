/**
 * govrec's HTTP server, apart from the root entry so that an embedder who serves nothing never
 * loads Fastify: `serve({ govrec, keys: ApiKeys.fromFile('keys.json'), port: 3000 })` keeps the
 * read models following the store and serves the results page, the read models as JSON and the
 * command endpoint; `buildServer` gives the Fastify instance without listening.
 *
 * @packageDocumentation
 */
export { serve } from './infra/http/serve';
export type { ServeOptions, Serving } from './infra/http/serve';
export { buildServer } from './infra/http/server';
export type { GovrecServer, ServerDeps } from './infra/http/server';
export { ApiKeys, sha256 } from './infra/http/api-keys';
export type { Caller } from './infra/http/api-keys';

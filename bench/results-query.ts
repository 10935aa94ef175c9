import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventStore } from '../src/application/event-store';
import { openGovrec } from '../src/govrec';
import { ApiKeys } from '../src/infra/http/api-keys';
import { buildServer } from '../src/infra/http/server';
import { RESULTS_ONLY } from '../src/infra/read-models/persisted-projections';
import { ProjectionRunner } from '../src/infra/read-models/projection-runner';
import { SqliteReadModels } from '../src/infra/read-models/sqlite-read-models';
import { resultsView } from '../src/projections/results/view';
import { MEETING_ID } from './agm-generator';
import { percentile } from './measure';

export interface Latency {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
}

/**
 * Queries before the measured ones: a server answers millions of requests after its first ones. After
 * 100, the p99 of the next 1,000 GET requests was still 4-5 ms at full size (Fastify's, undici's and
 * the view's paths still being optimised by V8), against ~0.6-1.1 ms for the 1,000 after those.
 */
const WARM_UP = 1000;

async function latency(samples: number, query: () => Promise<unknown> | unknown): Promise<Latency> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  return { samples, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * The results query three ways, on read models already caught up with the store:
 * - view: a process holding the runner (the HTTP API) catches up (nothing new) and builds the view;
 * - http: GET /api/meetings/:id of the HTTP API, over a real socket;
 * - httpFloor: the same client against a bare node:http server answering the same bytes, measured
 *   right after: what this machine, busy as it is at that moment, gives any HTTP server;
 * - cold: `govrec results` in a new process: open the read models, load the results' documents
 *   (only those: as the CLI does), catch up, build the view.
 */
export async function resultsLatency(
  store: EventStore,
  runner: ProjectionRunner,
  readModelsPath: string,
  samples: number,
  /** Each cold query reloads the results' documents (50,000 holdings at full size), so fewer of them. */
  coldSamples = 10,
) {
  const query = async () => {
    await runner.catchUp();
    return JSON.stringify(resultsView(runner.results));
  };
  await latency(WARM_UP, query);
  const view = await latency(samples, query);
  // The server answers from govrec following the store, as `govrec serve` does.
  const served = new SqliteReadModels(readModelsPath);
  const govrec = await openGovrec({ store, readModels: served, keep: ['results'] });
  await govrec.follow();
  const server = buildServer({ govrec, keys: ApiKeys.none() });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  const get = async () => {
    const response = await fetch(`${address}/api/meetings/${MEETING_ID}`);
    if (!response.ok) throw new Error(`GET /api/meetings/${MEETING_ID}: ${response.status}`);
    return response.text();
  };
  // The first requests compile Fastify's and undici's paths; a server answers millions after them.
  await latency(WARM_UP, get);
  const http = await latency(samples, get);
  const body = await get();
  await server.close();
  await govrec.close();
  served.close();
  const httpFloor = await bareServerLatency(body, samples);
  const cold = await latency(coldSamples, async () => {
    const models = new SqliteReadModels(readModelsPath);
    const fresh = new ProjectionRunner(store, models, { projections: RESULTS_ONLY });
    await fresh.catchUp();
    const text = JSON.stringify(resultsView(fresh.results));
    models.close();
    return text;
  });
  return { view, http, httpFloor, cold };
}

/** The client of `http` against node:http answering `body` as it is: no routing, no view, no serialising. */
async function bareServerLatency(body: string, samples: number): Promise<Latency> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/meetings/${MEETING_ID}`;
  const get = async () => (await fetch(url)).text();
  try {
    await latency(WARM_UP, get);
    return await latency(samples, get);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

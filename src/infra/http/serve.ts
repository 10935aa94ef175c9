import { AggregateStateCache } from '../state-cache/aggregate-state-cache';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../application/command-handler';
import { EventStore } from '../../application/event-store';
import { runCommands } from '../../application/scenario';
import { GovrecCommand } from '../../domain/commands';
import { ruleSetById } from '../../domain/rules/rule-sets';
import { RuleSet } from '../../domain/rules/rule-set';
import { ProjectionRunner } from '../read-models/projection-runner';
import { SqliteReadModels } from '../read-models/sqlite-read-models';
import { ApiKeys } from './api-keys';
import { buildServer, GovrecServer } from './server';
import { AnnouncementOptions } from '../../projections/announcement';

export interface ServeOptions {
  readonly store: EventStore;
  readonly readModels: SqliteReadModels;
  readonly keys: ApiKeys;
  readonly port: number;
  readonly host?: string;
  /** Commands recorded first when the store holds no event yet (the reference case for `npm start`). */
  readonly seedIfEmpty?: readonly GovrecCommand[];
  readonly log?: (line: string) => void;
  readonly announcementOptions?: AnnouncementOptions;
  /** The rule sets in force; the shipped ones by default. */
  readonly ruleSets?: (id: string) => RuleSet | undefined;
}

export interface Serving {
  readonly server: GovrecServer;
  readonly address: string;
  close(): Promise<void>;
}

/** Starts the projection runner and the HTTP server on one store; `close` stops both, runner last. */
export async function serve(options: ServeOptions): Promise<Serving> {
  const handler = new CommandHandler(options.store, {
    ruleSets: options.ruleSets ?? ruleSetById,
    states: new AggregateStateCache(options.store),
  });
  if (options.seedIfEmpty && (await options.store.readAll({ maxCount: 1 })).length === 0) {
    const seeded = await runCommands(handler, options.seedIfEmpty);
    if (isLeft(seeded))
      throw new Error(`Seeding failed at command ${seeded.left.index}: ${seeded.left.error.message}`);
    options.log?.(
      `Recorded ${options.seedIfEmpty.length} commands of the example meeting in the empty store.`,
    );
  }
  // The runner is built before the server it notifies, which needs the runner.
  const relay: { server?: GovrecServer } = {};
  const runner = new ProjectionRunner(options.store, options.readModels, {
    onCheckpoint: (position) => relay.server?.notifyCheckpoint(position),
  });
  await runner.catchUp();
  runner.follow((error) =>
    options.log?.(`Subscription dropped (${error.message}); resuming from the checkpoint.`),
  );
  const server = buildServer({
    store: options.store,
    handler,
    runner,
    keys: options.keys,
    announcementOptions: options.announcementOptions,
    securityLog: options.readModels,
  });
  relay.server = server;
  const address = await server.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  return {
    server,
    address,
    close: async () => {
      await server.close();
      await runner.stop();
    },
  };
}

import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { EmulatorContext } from './context';
import { Faults, ServerVersion } from './faults';
import { ExpectedVersion } from './expected-version';
import { EventLog } from './log';
import { unavailable } from './rpc-errors';
import { getSupportedMethodsHandler } from './server-features';
import { streamsService } from './streams-service';
import { Subscriptions } from './subscriptions';

export interface EmulatorOptions {
  /** The server's MaxAppendSize; defaults to its default, 1 MiB. */
  readonly maxAppendSize?: number;
  /** Implement and advertise Streams.BatchAppend (servers 21.10+). Defaults to false. */
  readonly batchAppend?: boolean;
  /** Serve ServerFeatures (servers 21.10+); when false the client gets UNIMPLEMENTED. Defaults to true. */
  readonly serverFeatures?: boolean;
  /** Position of the first record, e.g. past 2^53 to test a client's handling of large positions. */
  readonly firstPosition?: bigint;
  /** Start with a system record, as a fresh server's $all never starts empty. Defaults to true. */
  readonly systemEvents?: boolean;
  /** The server version whose behaviour is reproduced (faults.ts). Defaults to 24.10. */
  readonly version?: ServerVersion;
}

export interface Emulator {
  readonly connectionString: string;
  readonly port: number;
  /** Ends every call and closes the server. */
  stop(): Promise<void>;
  /** Empties the database (ending subscriptions with UNAVAILABLE), as a fresh server would be. */
  reset(): void;
  /** Ends every subscription with UNAVAILABLE, as a node going away does; clients must resubscribe. */
  dropSubscriptions(): void;
  /** How many calls (or, for 'BatchAppend.request', request messages) the server received. */
  callCount(what: string): number;
  /** What misbehaves and when (faults.ts); cleared by reset(). */
  readonly faults: Faults;
  /**
   * A leader election or a node restart: subscriptions end with UNAVAILABLE and the new leader's
   * idempotency cache starts empty (log.ts, forgetIdempotency).
   */
  election(): void;
  /**
   * A restore from a backup (or a move to a new cluster) that holds only the first `keep` records of
   * the log: what came after is gone, and positions are handed out again from there.
   */
  restore(keep: number): void;
  /** 23.10: every live subscription is dropped as too slow a consumer (subscriptions.ts). */
  dropSlowConsumers(): void;
  /** v24: every running subscription falls behind and catches up again (fell_behind, caught_up). */
  fallBehind(): void;
  /** How many records the log holds, the server's own included. */
  readonly size: number;
}

const MIB = 1024 * 1024;

/** The projections subsystem initialising, one of the records a fresh server's $all starts with. */
function writeSystemEvents(log: EventLog): void {
  log.append('$projections-$all', ExpectedVersion.Any, [
    {
      id: randomUUID(),
      type: '$ProjectionsInitialized',
      isJson: false,
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
    },
  ]);
}

function bind(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
}

/**
 * An in-process stand-in for a single insecure EventStoreDB node, speaking the client's own
 * generated gRPC definitions. See /work/shared/ESDB-WIRE.md for what the client expects of it.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const batchAppend = options.batchAppend ?? false;
  const serverFeatures = options.serverFeatures ?? true;
  if (batchAppend && !serverFeatures)
    throw new Error('The client only uses BatchAppend when ServerFeatures advertises it');
  const log = new EventLog(options.firstPosition ?? 0n);
  const seed = () => (options.systemEvents ?? true) && writeSystemEvents(log);
  const version = options.version ?? '24.10';
  const faults = new Faults();
  const subscriptions = new Subscriptions(log, version, faults);
  const calls = new Map<string, number>();
  let port = 0;
  const context: EmulatorContext = {
    log,
    subscriptions,
    maxAppendSize: options.maxAppendSize ?? MIB,
    version,
    faults,
    leaderEndpoint: () => ({ host: '127.0.0.1', port }),
    count: (what) => calls.set(what, (calls.get(what) ?? 0) + 1),
  };
  // The server accepts messages up to its largest record (~16 MiB); the client reads up to 17 MiB.
  const server = new Server({
    'grpc.max_receive_message_length': 17 * MIB,
    'grpc.max_send_message_length': 17 * MIB,
  });
  server.addService(StreamsService, streamsService(context, batchAppend));
  if (serverFeatures) {
    server.addService(ServerFeaturesService, {
      getSupportedMethods: getSupportedMethodsHandler(batchAppend, context.count),
    });
  }
  seed();
  port = await bind(server);
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    stop: async () => {
      subscriptions.endAll();
      server.forceShutdown();
    },
    reset: () => {
      subscriptions.endAll(unavailable('The emulator was reset.'));
      faults.clear();
      log.reset();
      seed();
    },
    faults,
    election: () => {
      subscriptions.endAll(unavailable('Leader lost: an election is under way.'));
      log.forgetIdempotency();
    },
    restore: (keep) => {
      subscriptions.endAll(unavailable('The node restarted from a backup.'));
      log.truncate(keep);
    },
    dropSlowConsumers: () => subscriptions.dropSlowConsumers(),
    fallBehind: () => {
      faults.fallBehindRequests += 1;
      log.appended.notify();
    },
    get size() {
      return log.size;
    },
    dropSubscriptions: () => subscriptions.endAll(unavailable('Subscription dropped by the emulator.')),
    callCount: (what) => calls.get(what) ?? 0,
  };
}

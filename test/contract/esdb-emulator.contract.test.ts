import { EsdbEventStore } from '../../src/infra/store/esdb/esdb-event-store';
import { SERVER_VERSIONS } from '../esdb-emulator/faults';
import { startEmulator } from '../esdb-emulator/server';
import { describeEventStoreContract } from './event-store-contract';

/**
 * Room for the contract's single append of 5,000 events (about 2.4 MB as the server counts it). A
 * server runs with the default MaxAppendSize of 1 MiB unless configured; real-server runs need
 * EVENTSTORE_MAX_APPEND_SIZE of at least this much for that case.
 */
const MAX_APPEND_SIZE = 4 * 1024 * 1024;

/**
 * The contract reads $all, so every store gets a fresh emulator: a database of its own. It runs
 * against each server version the emulator reproduces (faults.ts) through BatchAppend, which the
 * client uses whenever the server offers it (every supported version does), and through plain
 * Append (a server without ServerFeatures) once.
 */
const paths = [
  { version: '24.10' as const, batchAppend: false },
  ...SERVER_VERSIONS.map((version) => ({ version, batchAppend: true })),
];
for (const { version, batchAppend } of paths) {
  describeEventStoreContract(
    `EventStoreDB emulator ${version} (${batchAppend ? 'BatchAppend' : 'Append'})`,
    async () => {
      const emulator = await startEmulator({ version, batchAppend, maxAppendSize: MAX_APPEND_SIZE });
      const store = new EsdbEventStore(emulator.connectionString, { maxAppendBytes: MAX_APPEND_SIZE });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await emulator.stop();
        },
      };
    },
  );
}

/**
 * The same contract against a real server, when one is given. It keeps its data between runs: the
 * contract names its streams under fresh prefixes and filters $all to them.
 */
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  describeEventStoreContract('EventStoreDB (real server)', async () => {
    const store = new EsdbEventStore(realServer, { maxAppendBytes: MAX_APPEND_SIZE });
    return { store, cleanup: () => store.close() };
  });
}

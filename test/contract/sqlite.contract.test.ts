import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { describeEventStoreContract } from './event-store-contract';

describeEventStoreContract('sqlite (file)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'govrec-contract-'));
  // A short poll, so that the "nothing arrives after stop" checks also cover the poll path.
  const store = new SqliteEventStore(join(directory, 'events.db'), { pollIntervalMs: 20 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

// Appends on a writer thread of their own (what the command line uses): the same contract.
describeEventStoreContract('sqlite (file, writer thread)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'govrec-contract-'));
  const store = new SqliteEventStore(join(directory, 'events.db'), { pollIntervalMs: 20, writer: 'thread' });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

// No file and no polling: live delivery then rests on in-process wake-ups alone.
describeEventStoreContract('sqlite (:memory:)', async () => {
  const store = new SqliteEventStore(':memory:');
  return { store, cleanup: () => store.close() };
});

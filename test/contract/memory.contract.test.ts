import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { describeEventStoreContract } from './event-store-contract';

describeEventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, cleanup: () => store.close() };
});

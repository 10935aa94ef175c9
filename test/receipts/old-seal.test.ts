import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/application/event-store';
import { verifyMeeting } from '../../src/application/record-verification';
import { makeReceipt } from '../../src/application/receipts/make-receipt';
import { MemoryEventStore } from '../../src/index';

/**
 * A record certified and sealed by the first seal algorithm, as it was stored: it still verifies
 * under that algorithm, and a receipt for it is refused by name (its root commits to no tally).
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'stored-events', 'adjournment-and-proposals.v1.jsonl');

async function storedRecord(edit: (e: RecordedEvent) => void = () => {}): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  const events = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent)
    .sort((a, b) => a.position - b.position);
  events.forEach(edit);
  for (const { streamName, eventId, type, schemaVersion, data, metadata } of events)
    await store.append(streamName, [{ eventId, type, schemaVersion, data, metadata }], 'any');
  return store;
}

describe('A record sealed by the first algorithm', () => {
  it('still verifies clean, under the algorithm its certification names', async () => {
    const store = await storedRecord();
    const verdict = await verifyMeeting(store, 'example-2024-egm1');
    expect(verdict).toMatchObject({ certified: true, sealed: true, clean: true, findings: [] });
    const certified = (await store.readStream('meeting-example-2024-egm1')).find(
      (e) => e.type === 'ResultsCertified',
    )!;
    expect((certified.data as { seal: { algorithm: string } }).seal.algorithm).toBe(
      'sha256-canonical-json-v1',
    );
  });

  it('still finds an event altered after it was sealed', async () => {
    // The first event of a resolution stored otherwise than it was sealed: a row edited by hand.
    const store = await storedRecord((e) => {
      if (e.streamName === 'resolution-example-2024-r1' && e.revision === 0)
        (e.data as { title: string }).title = 'Another title';
    });
    const verdict = await verifyMeeting(store, 'example-2024-egm1');
    expect(verdict.clean).toBe(false);
    expect(verdict.findings).toContainEqual(
      expect.objectContaining({ streamName: 'resolution-example-2024-r1', revision: 0, kind: 'altered' }),
    );
  });

  it('gives no receipt, and says why', async () => {
    const store = await storedRecord();
    const votes = (await store.readStream('resolution-example-2024-r1')).filter((e) => e.type === 'VoteCast');
    const holderId = (votes[0].data as { holderId: string }).holderId;
    const made = await makeReceipt(store, 'example-2024-egm1', holderId);
    expect(made).toMatchObject({ _tag: 'Left', left: { rule: 'SealWithoutReceipts', field: 'meetingId' } });
  });
});

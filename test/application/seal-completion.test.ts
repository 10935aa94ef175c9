import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { commandDigest } from '../../src/application/command-digest';
import { envelopeOf } from '../../src/application/event-envelope';
import { sealRecord, sealStreamOf } from '../../src/application/record-seal';
import { runCommands } from '../../src/application/scenario';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';

const EGM = MEETING_IDS.EGM;
const handlerOn = (store: MemoryEventStore) =>
  new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById });

/** The reference record up to the EGM's certification, and that certification. */
async function beforeCertifying(): Promise<{ store: MemoryEventStore; certify: GovrecCommand }> {
  const all = referenceCommands();
  const at = all.findIndex((c) => c.type === 'CertifyResults' && c.payload.meetingId === EGM);
  const store = new MemoryEventStore();
  const ran = await runCommands(handlerOn(store), all.slice(0, at));
  if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
  return { store, certify: all[at] };
}

const certifiedRoot = async (store: MemoryEventStore, certify: GovrecCommand) => {
  const outcome = await handlerOn(store).handle(certify);
  if (isLeft(outcome)) throw new Error(JSON.stringify(outcome.left));
  const [certified] = (await store.readAll()).filter((e) => e.type === 'ResultsCertified');
  return (certified.data as { seal: { root: string } }).seal.root;
};

describe('Sealing a record', () => {
  it('completes a seal whose chunks were only partly written (a crash, or another certification under way) before certifying', async () => {
    const clean = await beforeCertifying();
    const root = await certifiedRoot(clean.store, clean.certify);

    const interrupted = await beforeCertifying();
    const { chunks } = await sealRecord(interrupted.store, EGM);
    expect(chunks.length).toBeGreaterThan(2);
    const stream = sealStreamOf(EGM);
    const digest = commandDigest(interrupted.certify);
    const firstTwo = chunks
      .slice(0, 2)
      .map((data, i) =>
        envelopeOf(interrupted.certify, stream, { type: 'RecordSealed', data } as never, i, digest),
      );
    await interrupted.store.append(stream, firstTwo, 'no_stream');

    expect(await certifiedRoot(interrupted.store, interrupted.certify)).toBe(root);
    expect((await interrupted.store.readStream(stream)).length).toBe(chunks.length);
  });
});

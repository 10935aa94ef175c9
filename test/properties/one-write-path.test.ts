import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { RecordedEvent } from '../../src/application/event-store';
import { BatchOutcome } from '../../src/application/record-stream';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { referenceCommands } from '../golden/reference-scenario';

const handlerOn = (store: MemoryEventStore) =>
  new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById });

/**
 * What a record holds, stream by stream and revision by revision, ids and metadata included. The
 * order across streams is not compared: a batch appends each stream's commands together, and
 * commands of different streams of one side do not read each other (see recordInBatches).
 */
const recordOf = async (store: MemoryEventStore) =>
  (await store.readAll())
    .map(({ position: _position, ...e }: RecordedEvent) => ({ ...e, metadata: { ...e.metadata } }))
    .sort((a, b) =>
      a.streamName === b.streamName ? a.revision - b.revision : a.streamName < b.streamName ? -1 : 1,
    );

const kindOf = (o: BatchOutcome) => (o.kind === 'refused' ? `refused:${o.error.rule}` : o.kind);

/**
 * The reference commands, with some repeated (a retry, or a command id used again for another
 * command) and some votes made to cast more shares than the holder has: every kind of outcome.
 */
const workload = fc
  .record({
    retries: fc.array(fc.nat({ max: 107 }), { maxLength: 6 }),
    overVotes: fc.array(fc.nat({ max: 107 }), { maxLength: 4 }),
    reused: fc.array(fc.nat({ max: 107 }), { maxLength: 2 }),
    cuts: fc.array(fc.nat({ max: 120 }), { maxLength: 12 }),
  })
  .map(({ retries, overVotes, reused, cuts }) => {
    const commands: GovrecCommand[] = referenceCommands();
    const extra: GovrecCommand[] = [];
    for (const i of retries) extra.push(commands[i]);
    for (const i of overVotes)
      if (commands[i].type === 'CastVote')
        extra.push({
          ...commands[i],
          commandId: `${commands[i].commandId}:over`,
          payload: { ...commands[i].payload, for: commands[i].payload.for + 10 ** 12 },
        } as GovrecCommand);
    for (const i of reused) extra.push({ ...commands[i], issuedAt: '2030-01-01T00:00:00Z' } as GovrecCommand);
    const all = [...commands, ...extra];
    const bounds = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
    return { all, bounds };
  });

describe('One write path', () => {
  it('records in batches exactly what recording the commands one by one records', async () => {
    await fc.assert(
      fc.asyncProperty(workload, async ({ all, bounds }) => {
        const single = new MemoryEventStore();
        const oneByOne = handlerOn(single);
        const singly: string[] = [];
        for (const command of all) {
          const outcome = await oneByOne.handle(command);
          if (isLeft(outcome)) singly.push(`refused:${outcome.left.rule}`);
          else
            singly.push(
              outcome.right.streams.every((s) => s.alreadyRecorded) ? 'alreadyRecorded' : 'recorded',
            );
        }
        const batched = new MemoryEventStore();
        const inBatches = handlerOn(batched);
        const kinds: string[] = [];
        for (const [from, to] of [0, ...bounds].map((b, i, a) => [b, a[i + 1] ?? all.length]))
          kinds.push(...(await inBatches.handleBatch(all.slice(from, to))).map(kindOf));
        expect(kinds).toEqual(singly);
        expect(await recordOf(batched)).toEqual(await recordOf(single));
      }),
      { numRuns: 12 },
    );
  });
});

import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { isLeft, isRight } from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandHandler, commandDigest } from '../../src/application/command-handler';
import { Resolution } from '../../src/application/aggregates';
import { RecordedEvent } from '../../src/application/event-store';
import { ResolutionState } from '../../src/domain/resolution/state';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { SqliteEventStore } from '../../src/infra/store/sqlite/sqlite-event-store';
import { ROOT, referenceCommands } from '../golden/reference-scenario';

/**
 * The repository asks the store whether a command was recorded instead of remembering every
 * command id: records written before event ids took their current layout (version-5 ids) must
 * still be recognised when their commands are sent again.
 */
const FIXTURE = join(ROOT, 'test', 'fixtures', 'stored-events', 'jlmag-2023-11-23.v1.jsonl');

type Vote = Extract<GovrecCommand, { type: 'CastVote' }>;

/** The stored reference record; with `digests`, its votes carry digests, as records written later than it do. */
async function storeWithOldRecord(digests = false) {
  const store = new MemoryEventStore();
  const events = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent)
    .sort((a, b) => a.position - b.position);
  const recorded = new Set(events.map((e) => e.metadata.commandId));
  const votes = referenceCommands().filter(
    (c): c is Vote => c.type === 'CastVote' && recorded.has(c.commandId),
  );
  const digestOf = new Map<string, string>(votes.map((v) => [v.commandId, commandDigest(v)]));
  for (const { streamName, eventId, type, schemaVersion, data, metadata } of events) {
    const digest = digests ? digestOf.get(metadata.commandId) : undefined;
    const withDigest = digest === undefined ? metadata : { ...metadata, commandDigest: digest };
    await store.append(streamName, [{ eventId, type, schemaVersion, data, metadata: withDigest }], 'any');
  }
  return { store, votes };
}

describe('recognising recorded commands', () => {
  it.each([false, true])(
    'answers votes recorded with version-5 event ids as already recorded, writing nothing (digests: %s)',
    async (digests) => {
      const { store, votes } = await storeWithOldRecord(digests);
      expect(votes.length).toBeGreaterThan(10);
      const before = await store.readAll();
      const handler = new CommandHandler(store, {
        states: new AggregateStateCache(store),
        ruleSets: ruleSetById,
      });
      for (const vote of votes) {
        const outcome = await handler.handle(vote);
        expect(isRight(outcome) && outcome.right.streams[0]).toMatchObject({ alreadyRecorded: true });
        if (isRight(outcome)) expect(outcome.right.streams[0].events[0].type).toBe('VoteCast');
      }
      expect(await store.readAll()).toEqual(before);
    },
  );

  it('refuses another command under the id of an old record', async () => {
    const { store, votes } = await storeWithOldRecord(true);
    const before = await store.readAll();
    const [vote] = votes;
    const forged = { ...vote, payload: { ...vote.payload, for: vote.payload.for + 1 } } as GovrecCommand;
    const outcome = await new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    }).handle(forged);
    expect(isLeft(outcome) && outcome.left).toMatchObject({ rule: 'CommandIdReused' });
    expect(await store.readAll()).toEqual(before);
  });

  it('finds a command that another handler recorded after this one loaded the stream', async () => {
    const store = new SqliteEventStore(':memory:');
    const commands = referenceCommands();
    const firstVote = commands.findIndex((c) => c.type === 'CastVote');
    const ours = new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById });
    for (const command of commands.slice(0, firstVote))
      expect(isRight(await ours.handle(command))).toBe(true);
    const vote = commands[firstVote];
    const theirs = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    });
    expect(isRight(await theirs.handle(vote))).toBe(true);
    const before = await store.readAll();
    const again = await ours.handle(vote);
    expect(isRight(again) && again.right.streams[0]).toMatchObject({ alreadyRecorded: true });
    expect(await store.readAll()).toEqual(before);
    await store.close();
  });
});

describe('loading', () => {
  it('folds each event once when two loads of a stream overlap', async () => {
    const { store: reference } = await storeWithOldRecord();
    const stream = 'resolution-jlmag-2023-r1';
    const events = await reference.readStream(stream);
    expect(events.length).toBeGreaterThan(4);
    // The repository has the stream's first events cached; the last ones arrive since.
    const store = new MemoryEventStore();
    const copy = (from: number, to: number) => store.append(stream, events.slice(from, to), 'any');
    await copy(0, events.length - 3);
    const repository = new AggregateStateCache(store);
    await repository.load(Resolution, stream);
    await copy(events.length - 3, events.length);
    const [a, b] = await Promise.all([
      repository.load(Resolution, stream),
      repository.load(Resolution, stream),
    ]);
    const alone = await new AggregateStateCache(store).load(Resolution, stream);
    const tallies = (state: ResolutionState) =>
      state.status === 'NONE' ? [] : [...state.meetings.values()].map((at) => at.tally);
    expect(tallies(a.state)).toEqual(tallies(alone.state));
    expect(tallies(b.state)).toEqual(tallies(alone.state));
    expect([a.revision, b.revision]).toEqual([events.length - 1, events.length - 1]);
  });
});

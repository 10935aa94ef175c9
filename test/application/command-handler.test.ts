import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { isLeft, isRight } from 'fp-ts/Either';
import { CommandHandler, commandDigest } from '../../src/application/command-handler';
import { EventStore, WrongExpectedVersion } from '../../src/application/event-store';
import { runCommands } from '../../src/application/scenario';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { cmd } from '../domain/spec';
import { MEETING_IDS, referenceCommands } from '../golden/reference-scenario';

const EGM = MEETING_IDS.EGM;
const R1 = 'jlmag-2023-r1';

/** The reference record up to the EGM's first vote: the poll is open, nobody has voted. */
async function egmPollOpen(): Promise<{ store: MemoryEventStore; handler: CommandHandler }> {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
    backoff: () => 0,
  });
  const all = referenceCommands();
  const firstVote = all.findIndex((c) => c.type === 'CastVote');
  const ran = await runCommands(handler, all.slice(0, firstVote));
  if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
  return { store, handler };
}

const vote = (holderId: string, shares: number, extra: Record<string, unknown> = {}): GovrecCommand =>
  cmd('CastVote', { resolutionId: R1, meetingId: EGM, holderId, for: shares, against: 0, abstain: 0 }, extra);

describe('command handler', () => {
  it('appends nothing for a refused command', async () => {
    const { store, handler } = await egmPollOpen();
    const before = await store.readAll();
    const outcome = await handler.handle(vote('A-0004', 201));
    expect(isLeft(outcome) && outcome.left.rule).toBe('OverVote');
    expect(await store.readAll()).toEqual(before);
  });

  it('records each event with its ids, actor, causation, correlation and the time the command gave', async () => {
    const { store, handler } = await egmPollOpen();
    const command = vote('A-0004', 200, {
      correlationId: 'ballot-box-7',
      issuedAt: '2023-11-23T14:15:00+08:00',
    });
    expect(isRight(await handler.handle(command))).toBe(true);
    const [last] = await store.readStream(`resolution-${R1}`, { direction: 'backwards', maxCount: 1 });
    expect(last.type).toBe('VoteCast');
    expect(last.schemaVersion).toBe(3);
    expect(last.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(last.metadata).toEqual({
      eventId: last.eventId,
      commandId: command.commandId,
      actor: 'registrar:test',
      causationId: command.commandId,
      correlationId: 'ballot-box-7',
      occurredAt: '2023-11-23T14:15:00+08:00',
      commandDigest: commandDigest(command),
    });
    expect(last.metadata.commandDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a retried command with its original events and writes nothing more', async () => {
    const { store, handler } = await egmPollOpen();
    const command = vote('A-0004', 200);
    const first = await handler.handle(command);
    const count = (await store.readAll()).length;
    const again = await new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    }).handle(command);
    expect(isRight(first) && isRight(again)).toBe(true);
    if (isRight(first) && isRight(again)) {
      expect(again.right.streams[0].alreadyRecorded).toBe(true);
      expect(again.right.streams[0].events).toEqual(first.right.streams[0].events);
    }
    expect((await store.readAll()).length).toBe(count);
  });

  it('decides again on the newer state when another writer wins the race, and loses no vote', async () => {
    const { store } = await egmPollOpen();
    const writers = [0, 1, 2].map(
      () =>
        new CommandHandler(store, {
          states: new AggregateStateCache(store),
          ruleSets: ruleSetById,
          backoff: () => 0,
        }),
    );
    const holders: [string, number][] = [
      ['A-0001', 500_000_000],
      ['A-0002', 20_000_000],
      ['A-0004', 200],
      ['H-0002', 3_200],
      ['H-0001', 66_442_394],
      ['A-0003', 73_579_976],
    ];
    const outcomes = await Promise.all(holders.map(([h, n], i) => writers[i % 3].handle(vote(h, n))));
    expect(outcomes.every(isRight)).toBe(true);
    const votes = (await store.readStream(`resolution-${R1}`)).filter((e) => e.type === 'VoteCast');
    expect(votes.map((e) => (e.data as { holderId: string }).holderId).sort()).toEqual(
      holders.map(([h]) => h).sort(),
    );
  });

  it('lets only one of two racing votes by the same holder count', async () => {
    const { store } = await egmPollOpen();
    const [a, b] = [0, 1].map(
      () =>
        new CommandHandler(store, {
          states: new AggregateStateCache(store),
          ruleSets: ruleSetById,
          backoff: () => 0,
        }),
    );
    const outcomes = await Promise.all([a.handle(vote('A-0004', 200)), b.handle(vote('A-0004', 100))]);
    expect(outcomes.filter(isRight)).toHaveLength(1);
    const refused = outcomes.find(isLeft);
    expect(refused && isLeft(refused) && refused.left.rule).toBe('AlreadyVoted');
  });

  it('gives up with a clear error when the stream keeps changing, writing nothing', async () => {
    const { store } = await egmPollOpen();
    const count = (await store.readAll()).length;
    const losing: EventStore = Object.create(store, {
      append: {
        value: async (stream: string) => {
          throw new WrongExpectedVersion(stream, 0, 1);
        },
      },
    });
    const outcome = await new CommandHandler(losing, {
      states: new AggregateStateCache(losing),
      ruleSets: ruleSetById,
      maxAttempts: 3,
      backoff: () => 0,
    }).handle(vote('A-0004', 200));
    expect(isLeft(outcome) && outcome.left).toMatchObject({
      rule: 'ConcurrencyConflict',
      field: 'commandId',
    });
    expect((await store.readAll()).length).toBe(count);
  });

  it('leaves no agenda entry behind when a proposal is refused at a later meeting', async () => {
    const { store, handler } = await egmPollOpen();
    const before = await store.readAll();
    const outcome = await handler.handle(
      cmd('ProposeResolution', {
        resolutionId: 'late-resolution',
        title: 'A resolution tabled too late',
        kind: 'ORDINARY',
        meetings: [
          { meetingId: MEETING_IDS['H-CLASS'], number: 9 },
          { meetingId: EGM, number: 9 },
        ],
      }),
    );
    expect(isLeft(outcome) && outcome.left).toMatchObject({
      rule: 'AgendaClosed',
      field: 'payload.meetings[1].meetingId',
    });
    expect(await store.readAll()).toEqual(before);
  });

  it('refuses a resolution number already used at a meeting, naming the meeting entry', async () => {
    const { handler } = await egmPollOpen();
    const outcome = await handler.handle(
      cmd('ProposeResolution', {
        resolutionId: 'clashing',
        title: 'Clashing number',
        kind: 'ORDINARY',
        meetings: [{ meetingId: MEETING_IDS['A-CLASS'], number: 2 }],
      }),
    );
    expect(isLeft(outcome) && outcome.left).toMatchObject({
      rule: 'DuplicateResolutionNumber',
      field: 'payload.meetings[0].number',
    });
  });
});

describe('command ids', () => {
  it('refuses a different command that reuses a recorded command id, recording nothing', async () => {
    const { store, handler } = await egmPollOpen();
    const first = vote('A-0004', 200);
    expect(isRight(await handler.handle(first))).toBe(true);
    const count = (await store.readAll()).length;
    const reused = { ...vote('A-0004', 100), commandId: first.commandId } as GovrecCommand;
    const outcome = await new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    }).handle(reused);
    expect(isLeft(outcome) && outcome.left).toMatchObject({ rule: 'CommandIdReused', field: 'commandId' });
    expect((await store.readAll()).length).toBe(count);
  });

  it('takes the same command sent again with a later time for a retry', async () => {
    const { store, handler } = await egmPollOpen();
    const first = vote('A-0004', 200, { issuedAt: '2023-11-23T14:15:00+08:00' });
    await handler.handle(first);
    const count = (await store.readAll()).length;
    const again = { ...first, issuedAt: '2023-11-23T14:16:30+08:00' } as GovrecCommand;
    const outcome = await handler.handle(again);
    expect(isRight(outcome) && outcome.right.streams[0].alreadyRecorded).toBe(true);
    expect((await store.readAll()).length).toBe(count);
  });

  it('refuses a proposal reusing the id of another proposal at the same meeting', async () => {
    const { handler } = await egmPollOpen();
    const propose = (resolutionId: string, number: number) =>
      cmd(
        'ProposeResolution',
        {
          resolutionId,
          title: 'Late item',
          kind: 'ORDINARY',
          meetings: [{ meetingId: MEETING_IDS['H-CLASS'], number }],
        },
        { commandId: 'proposal-1' },
      );
    expect(isRight(await handler.handle(propose('late-1', 7)))).toBe(true);
    const outcome = await handler.handle(propose('late-2', 8));
    expect(isLeft(outcome) && outcome.left.rule).toBe('CommandIdReused');
  });
});

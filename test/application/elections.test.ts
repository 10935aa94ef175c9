import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { readFileSync } from 'node:fs';
import { isLeft, isRight } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands, scenarioCommands } from '../../src/application/scenario';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { cmd } from '../domain/spec';
import { toDomainEvent } from '../../src/application/stored-events';
import { foldResults, resultsView } from '../../src/projections/results/view';
import { CUMULATIVE_EXAMPLE_PATH as EXAMPLE_PATH } from '../golden/example-scenarios';
import { EventStore } from '../../src/application/event-store';

/**
 * Elections through the command handler: proposing tables the election on the meeting's agenda and
 * proposes it, or writes nothing; closing the poll closes it on each election first, so a ballot
 * decided before the close but appended after it loses its race and is refused.
 */
const M = 'prc-agm-2026';
const SECRETARY = 'company-secretary:example';

function example(): GovrecCommand[] {
  const commands = scenarioCommands(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  return commands.right;
}

async function upTo(
  type: string,
): Promise<{ store: MemoryEventStore; handler: CommandHandler; rest: GovrecCommand[] }> {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
    backoff: () => 0,
  });
  const all = example();
  const at = all.findIndex((c) => c.type === type);
  const ran = await runCommands(handler, all.slice(0, at));
  if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
  return { store, handler, rest: all.slice(at) };
}

const propose = (over: Record<string, unknown> = {}) =>
  cmd(
    'ProposeElection',
    {
      electionId: 'supervisors',
      meetingId: M,
      number: 5,
      title: 'To elect the shareholder representative supervisors',
      pool: 'SUPERVISORS',
      seats: 2,
      candidates: [
        { candidateId: 's1', name: 'Mr. Supervisor One', number: '5.01' },
        { candidateId: 's2', name: 'Ms. Supervisor Two', number: '5.02' },
      ],
      ...over,
    },
    { actor: SECRETARY },
  );

describe('elections through the command handler', () => {
  it('tables the election on the agenda, then proposes it; a retry writes nothing more', async () => {
    const { store, handler } = await upTo('LodgeProxy');
    const command = propose();
    const outcome = await handler.handle(command);
    if (!isRight(outcome)) throw new Error(JSON.stringify(outcome.left));
    expect(outcome.right.streams.map((s) => [s.streamName, s.events.map((e) => e.type)])).toEqual([
      [`meeting-${M}`, ['ElectionTabled']],
      ['election-supervisors', ['ElectionProposed']],
    ]);
    const before = await store.readAll();
    const again = await handler.handle(command);
    expect(isRight(again) && again.right.streams.every((s) => s.alreadyRecorded)).toBe(true);
    expect(await store.readAll()).toEqual(before);
  });

  it('completes a proposal that crashed between tabling and proposing when it is sent again', async () => {
    const { store } = await upTo('LodgeProxy');
    let crashed = false;
    const crashing = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'append') return Reflect.get(target, name, receiver) as unknown;
        return async (...args: Parameters<EventStore['append']>) => {
          if (!crashed && args[0] === 'election-supervisors') {
            crashed = true;
            throw new Error('power cut');
          }
          return target.append(...args);
        };
      },
    });
    const command = propose();
    await expect(
      new CommandHandler(crashing, {
        states: new AggregateStateCache(crashing),
        ruleSets: ruleSetById,
      }).handle(command),
    ).rejects.toThrow('power cut');
    expect((await store.readStream(`meeting-${M}`)).filter((e) => e.type === 'ElectionTabled')).toHaveLength(
      3,
    );
    const retried = await new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
    }).handle(command);
    if (!isRight(retried)) throw new Error(JSON.stringify(retried.left));
    expect(retried.right.streams.map((s) => [s.streamName, s.alreadyRecorded])).toEqual([
      [`meeting-${M}`, true],
      ['election-supervisors', false],
    ]);
    expect((await store.readStream('election-supervisors')).map((e) => e.type)).toEqual(['ElectionProposed']);
  });

  it('withdraws an election before the poll; the poll then closes on the others and the results say withdrawn', async () => {
    const { store, handler, rest } = await upTo('LodgeProxy');
    const proposed = await handler.handle(propose());
    expect(isRight(proposed)).toBe(true);
    const withdrawn = await handler.handle(
      cmd(
        'WithdrawElection',
        { electionId: 'supervisors', meetingId: M, reason: 'Nominations withdrawn' },
        { actor: SECRETARY },
      ),
    );
    if (!isRight(withdrawn)) throw new Error(JSON.stringify(withdrawn.left));
    const ran = await runCommands(handler, rest);
    if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
    const events = (await store.readStream('election-supervisors')).map((e) => e.type);
    expect(events).toEqual(['ElectionProposed', 'ElectionWithdrawn']);
    const view = resultsView(foldResults((await store.readAll()).map(toDomainEvent))).meetings[0];
    expect(view.elections?.map((e) => [e.no, e.withdrawn ?? false, e.filled])).toEqual([
      [3, false, 3],
      [4, false, 1],
      [5, true, null],
    ]);
  });

  it.each([
    ['a number taken by a resolution', { number: 1 }, 'DuplicateResolutionNumber', 'payload.number'],
    [
      'a candidate numbered under another item',
      { candidates: [{ candidateId: 's1', name: 'X', number: '6.01' }] },
      'CandidateNumberNotUnderElection',
      'payload.candidates[0].number',
    ],
    ['one seat', { seats: 1 }, 'TooFewSeats', 'payload.seats'],
  ])('refuses %s and leaves no agenda entry behind', async (_what, over, rule, field) => {
    const { store, handler } = await upTo('LodgeProxy');
    const before = await store.readAll();
    const outcome = await handler.handle(propose(over));
    expect(isLeft(outcome) && [outcome.left.rule, outcome.left.field]).toEqual([rule, field]);
    expect(await store.readAll()).toEqual(before);
  });

  it('refuses an election once the poll has opened: the agenda is closed', async () => {
    const { handler } = await upTo('CastVote');
    const outcome = await handler.handle(propose());
    expect(isLeft(outcome) && outcome.left.rule).toBe('AgendaClosed');
  });

  it('closes the poll on every election before the meeting, and refuses a ballot after it', async () => {
    const { store, handler, rest } = await upTo('ClosePoll');
    const closing = await handler.handle(rest[0]);
    if (!isRight(closing)) throw new Error(JSON.stringify(closing.left));
    expect(closing.right.streams.map((s) => s.events.map((e) => e.type).join())).toEqual([
      'PollClosedOnResolution',
      'PollClosedOnResolution',
      'PollClosedOnElection',
      'PollClosedOnElection',
      'PollClosed',
    ]);
    const before = await store.readAll();
    const late = await handler.handle(
      cmd('CastCumulativeBallot', { electionId: 'prc-2026-e3', meetingId: M, holderId: 'A-01', votes: [] }),
    );
    expect(isLeft(late) && late.left.rule).toBe('PollNotOpen');
    expect(await store.readAll()).toEqual(before);
  });

  it('a ballot decided while the poll was open but appended after the close loses its race and is refused', async () => {
    const { store, rest } = await upTo('CastCumulativeBallot');
    const closePoll = rest.find((c) => c.type === 'ClosePoll')!;
    const chair = new CommandHandler(store, {
      states: new AggregateStateCache(store),
      ruleSets: ruleSetById,
      backoff: () => 0,
    });
    let raced = false;
    // The chair closes the poll between the ballot's decision and its append.
    const racing = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'append') return Reflect.get(target, name, receiver) as unknown;
        return async (...args: Parameters<EventStore['append']>) => {
          if (!raced && args[0] === 'election-prc-2026-e3') {
            raced = true;
            const closed = await chair.handle(closePoll);
            if (!isRight(closed)) throw new Error(JSON.stringify(closed.left));
          }
          return target.append(...args);
        };
      },
    });
    const voter = new CommandHandler(racing, {
      states: new AggregateStateCache(racing),
      ruleSets: ruleSetById,
      backoff: () => 0,
    });
    const outcome = await voter.handle(
      cmd('CastCumulativeBallot', { electionId: 'prc-2026-e3', meetingId: M, holderId: 'A-01', votes: [] }),
    );
    expect(raced).toBe(true);
    expect(isLeft(outcome) && outcome.left.rule).toBe('PollNotOpen');
    const stream = await store.readStream('election-prc-2026-e3');
    expect(stream.map((e) => e.type)).toEqual(['ElectionProposed', 'PollClosedOnElection']);
  });
});

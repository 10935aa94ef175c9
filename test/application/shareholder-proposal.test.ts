import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLeft, isRight } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands, scenarioCommands } from '../../src/application/scenario';
import { toDomainEvent } from '../../src/application/stored-events';
import { GovrecCommand } from '../../src/domain/commands';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { ROOT } from '../golden/reference-scenario';

/**
 * A holders' proposal put on the agenda through the command handler, as any resolution is: tabled on
 * the meeting's stream (carrying the proposal), then proposed on the resolution's own. A refused
 * tabling writes nothing on either stream.
 */
const MEETING = 'example-2024-egm1';
const raw = JSON.parse(readFileSync(join(ROOT, 'examples', 'adjourned-egm-2024', 'scenario.json'), 'utf8'));
const decoded = scenarioCommands(raw);
if (isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
const commands = decoded.right;
const proposing = commands.findIndex(
  (c) => c.type === 'ProposeResolution' && c.payload.resolutionId === 'example-2024-r2',
);

async function upTo(index: number) {
  const store = new MemoryEventStore();
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
    backoff: () => 0,
  });
  const ran = await runCommands(handler, commands.slice(0, index));
  if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
  return { store, handler };
}

const withPayload = (command: GovrecCommand, payload: Record<string, unknown>, commandId: string) =>
  ({ ...command, commandId, payload: { ...command.payload, ...payload } }) as GovrecCommand;

describe("a holders' proposal through the command handler", () => {
  it('tables the resolution on the meeting with its proposal, then proposes it', async () => {
    const { store, handler } = await upTo(proposing);
    const outcome = await handler.handle(commands[proposing]);
    expect(isRight(outcome)).toBe(true);
    const [tabled] = (
      await store.readStream(`meeting-${MEETING}`, { direction: 'backwards', maxCount: 1 })
    ).map(toDomainEvent);
    expect(tabled).toMatchObject({
      type: 'ResolutionTabled',
      data: { resolutionId: 'example-2024-r2', number: 2, kind: 'ORDINARY', proposalId: 'example-2024-sp1' },
    });
    const [proposed] = (await store.readStream('resolution-example-2024-r2')).map(toDomainEvent);
    expect(proposed).toMatchObject({ type: 'ResolutionProposed', data: { resolutionId: 'example-2024-r2' } });
    // Sent again, it is the same command: nothing more is written.
    const before = (await store.readAll()).length;
    const again = await handler.handle(commands[proposing]);
    expect(isRight(again) && again.right.streams.every((s) => s.alreadyRecorded)).toBe(true);
    expect((await store.readAll()).length).toBe(before);
  });

  it.each([
    [
      'an unknown proposal',
      { proposalId: 'example-2024-sp9' },
      'UnknownProposal',
      'payload.meetings[0].proposalId',
    ],
    ['another kind than submitted', { kind: 'SPECIAL' }, 'ProposalKindMismatch', 'payload.meetings[0].kind'],
  ])('refuses %s and writes nothing', async (_what, payload, rule, field) => {
    const { store, handler } = await upTo(proposing);
    const before = await store.readAll();
    const outcome = await handler.handle(withPayload(commands[proposing], payload, 'proposal-refused'));
    expect(isLeft(outcome) && outcome.left).toMatchObject({ rule, field });
    expect(await store.readAll()).toEqual(before);
  });

  it('refuses to table the same proposal again as another resolution', async () => {
    const { store, handler } = await upTo(proposing + 1);
    const before = await store.readAll();
    const again = withPayload(
      commands[proposing],
      { resolutionId: 'example-2024-r3', meetings: [{ meetingId: MEETING, number: 3 }] },
      'proposal-again',
    );
    const outcome = await handler.handle(again);
    expect(isLeft(outcome) && outcome.left.rule).toBe('ProposalAlreadyTabled');
    expect(await store.readAll()).toEqual(before);
  });
});

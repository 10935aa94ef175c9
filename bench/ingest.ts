import { EventStore } from '../src/application/event-store';
import { CommandHandler } from '../src/application/command-handler';
import { ResolutionCommandOf } from '../src/domain/resolution/commands';
import { ruleSetById } from '../src/domain/rules/rule-sets';
import { InFlight, VOTE_BATCHES_IN_FLIGHT } from '../src/infra/import/in-flight';
import { AggregateStateCache } from '../src/infra/state-cache/aggregate-state-cache';
import { castVoteCommand, votes } from './agm-generator';
import { decoded } from './agm-setup';

type CastVoteCommand = ResolutionCommandOf<'CastVote'>;

export interface IngestFigures {
  readonly votes: number;
  readonly recorded: number;
  readonly ms: number;
  readonly appends: number;
}

/**
 * The full command path for votes, without a file: each vote arrives as a client would send it
 * (plain JSON), is decoded by the domain's codec, decided on the resolution's cached state and
 * appended with the other votes of its resolution, `batchSize` at a time, as many batches in flight
 * as `govrec import votes` keeps. Generating the raw commands is part of the timing (it is a small
 * fraction of it).
 */
export async function ingestVotes(
  store: EventStore,
  holders: number,
  batchSize: number,
  limit = Number.POSITIVE_INFINITY,
): Promise<IngestFigures> {
  const handler = new CommandHandler(store, {
    states: new AggregateStateCache(store),
    ruleSets: ruleSetById,
  });
  const queues = new Map<string, CastVoteCommand[]>();
  let count = 0;
  let recorded = 0;
  let appends = 0;
  const inFlight = new InFlight(VOTE_BATCHES_IN_FLIGHT);
  const cast = async (resolutionId: string) => {
    const queue = queues.get(resolutionId) ?? [];
    queues.delete(resolutionId);
    await inFlight.start(async () => {
      const outcomes = await handler.handleBatch(queue);
      const refused = outcomes.find((o) => o.kind === 'refused');
      if (refused) throw new Error(`Benchmark vote refused: ${JSON.stringify(refused)}`);
      recorded += outcomes.filter((o) => o.kind === 'recorded').length;
      appends += 1;
    });
  };
  const started = performance.now();
  for (const vote of votes(holders)) {
    if (count++ >= limit) break;
    const command = decoded(castVoteCommand(vote)) as CastVoteCommand;
    const queue = queues.get(vote.resolutionId) ?? [];
    queues.set(vote.resolutionId, queue);
    queue.push(command);
    if (queue.length >= batchSize) await cast(vote.resolutionId);
  }
  for (const resolutionId of [...queues.keys()]) await cast(resolutionId);
  await inFlight.drain();
  return { votes: Math.min(count, limit), recorded, ms: performance.now() - started, appends };
}

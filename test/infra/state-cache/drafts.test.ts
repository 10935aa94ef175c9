import { AggregateStateCache } from '../../../src/infra/state-cache/aggregate-state-cache';
import { isLeft } from 'fp-ts/Either';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AggregateKind, Election, Meeting, Resolution } from '../../../src/application/aggregates';
import { CommandHandler } from '../../../src/application/command-handler';
import { runCommands, scenarioCommands } from '../../../src/application/scenario';
import { OverlayMap } from '../../../src/infra/state-cache/overlay-map';
import { toDomainEvent } from '../../../src/application/stored-events';
import { Draft, electionDraft, meetingDraft, resolutionDraft } from '../../../src/infra/state-cache/drafts';
import { DomainEvent } from '../../../src/domain/events';
import { ruleSetById } from '../../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../../src/infra/store/memory/memory-event-store';
import { MEETING_IDS, referenceCommands, ROOT } from '../../golden/reference-scenario';
import { plain } from '../../import/plain';

/** Every event of a record, by stream: the reference record's, or an example scenario's. */
async function referenceStreams(example?: string): Promise<Map<string, DomainEvent[]>> {
  const store = new MemoryEventStore();
  const decoded = example
    ? scenarioCommands(JSON.parse(readFileSync(join(ROOT, 'examples', example, 'scenario.json'), 'utf8')))
    : undefined;
  if (decoded && isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
  const commands = decoded ? decoded.right : referenceCommands();
  const ran = await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    commands,
  );
  if (isLeft(ran)) throw new Error(JSON.stringify(ran.left));
  const streams = new Map<string, DomainEvent[]>();
  for (const e of await store.readAll()) {
    streams.set(e.streamName, [...(streams.get(e.streamName) ?? []), toDomainEvent(e)]);
  }
  return streams;
}

const fold = <S>(kind: AggregateKind<S>, events: readonly DomainEvent[], from = kind.initial()) =>
  events.reduce((s, e) => kind.evolve(s, e), from);

/** How many OverlayMaps a state holds: a settled one, none, or batch after batch would stack them. */
function overlays(value: unknown): number {
  if (value instanceof OverlayMap) return 1;
  if (value instanceof Map) return [...value.values()].reduce((n: number, v) => n + overlays(v), 0);
  if (value !== null && typeof value === 'object')
    return Object.values(value).reduce((n: number, v) => n + overlays(v), 0);
  return 0;
}

/**
 * Folds the first `split` events as the cached state, the rest on a working copy of it: the cached
 * state must come out untouched, and the copy must equal the fold of them all.
 */
function check<S>(kind: AggregateKind<S>, copy: Draft<S>, events: readonly DomainEvent[], split: number) {
  const cached = fold(kind, events.slice(0, split));
  const before = structuredClone(plain(cached));
  const working = fold(kind, events.slice(split), copy(cached));
  expect(plain(cached)).toEqual(before);
  expect(plain(working)).toEqual(plain(fold(kind, events)));
  // Settled once its events are recorded, the copy is the cached state's next state, copy-free.
  if (copy.settle) {
    const settled = copy.settle(working);
    expect(plain(settled)).toEqual(plain(fold(kind, events)));
    expect(overlays(settled)).toBe(0);
  }
}

describe('drafts', () => {
  it('let a meeting fold its register, proxies, attendance, agenda and phases without touching the cached state', async () => {
    const events = (await referenceStreams()).get(`meeting-${MEETING_IDS.EGM}`)!;
    const types = new Set(events.slice(1).map((e) => e.type));
    for (const type of [
      'EntitlementsRecorded',
      'ProxyLodged',
      'ProxyRevoked',
      'AttendanceRecorded',
      'ResolutionTabled',
    ])
      expect(types.has(type as DomainEvent['type'])).toBe(true);
    for (const split of [1, 3, events.length - 1]) check(Meeting, meetingDraft, events, split);
  });

  it('let a resolution fold votes, a rejected vote and its decisions without touching the cached state', async () => {
    const streams = await referenceStreams();
    const events = streams.get('resolution-jlmag-2023-r2')!;
    const vote = events.find((e) => e.type === 'VoteCast')!;
    const data = vote.data as { resolutionId: string; meetingId: string; holderId: string };
    const rejected: DomainEvent = {
      type: 'VoteRejected',
      data: {
        resolutionId: data.resolutionId,
        meetingId: data.meetingId,
        holderId: data.holderId,
        reason: 'Spoilt ballot',
        rejectedBy: 'Scrutineer',
        shares: (vote.data as { shares: unknown }).shares,
        votes: (vote.data as { votes: unknown }).votes,
      },
    } as DomainEvent;
    const withRejection = [
      ...events.slice(0, events.indexOf(vote) + 1),
      rejected,
      ...events.slice(events.indexOf(vote) + 1),
    ];
    for (const split of [1, events.indexOf(vote) + 1, withRejection.length - 2])
      check(Resolution, resolutionDraft, withRejection, split);
  });

  it("let a meeting fold a holders' proposal, its supplementary notice and an adjournment without touching the cached state", async () => {
    const streams = await referenceStreams('adjourned-egm-2024');
    const [stream, events] = [...streams].find(([name]) => name.startsWith('meeting-'))!;
    const types = events.map((e) => e.type);
    for (const type of ['ShareholderProposalSubmitted', 'SupplementaryNoticeIssued', 'MeetingAdjourned'])
      expect(types).toContain(type);
    const submitted = types.indexOf('ShareholderProposalSubmitted');
    for (const split of [1, submitted + 1, events.length - 1]) check(Meeting, meetingDraft, events, split);
    expect(stream).toMatch(/^meeting-/);
  });

  it('let an election fold ballots and its decision without touching the cached state', async () => {
    const streams = await referenceStreams('prc-agm-cumulative');
    const elections = [...streams].filter(([name]) => name.startsWith('election-'));
    expect(elections.length).toBeGreaterThan(0);
    for (const [, events] of elections) {
      expect(events.map((e) => e.type)).toContain('CumulativeBallotCast');
      for (const split of [1, 2, events.length - 1]) check(Election, electionDraft, events, split);
    }
  });
});

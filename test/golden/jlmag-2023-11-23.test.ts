import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { isRight } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands } from '../../src/application/scenario';
import { toDomainEvent } from '../../src/application/stored-events';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { foldResults, resultsView, ResultsView } from '../../src/projections/results/view';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { EXPECTED, expectedMeeting, MEETING_IDS, referenceCommands } from './reference-scenario';

/**
 * The reference case, to the last digit: the published poll results of JL MAG's EGM, A-share and
 * H-share class meetings of 23 November 2023, reproduced from events recorded through the domain.
 */
let view: ResultsView;

beforeAll(async () => {
  const store = new MemoryEventStore();
  const ran = await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    referenceCommands(),
  );
  if (!isRight(ran)) throw new Error(`Scenario refused: ${JSON.stringify(ran.left)}`);
  view = resultsView(foldResults((await store.readAll()).map(toDomainEvent)));
});

const FIELDS = [
  'no',
  'type',
  'title',
  'for',
  'against',
  'abstain',
  'forPct',
  'againstPct',
  'abstainPct',
  'passed',
] as const;

describe.each(Object.keys(MEETING_IDS))('reference meeting %s', (referenceId) => {
  const expected = expectedMeeting(referenceId);
  const actual = () => view.meetings.find((m) => m.id === expected.id)!;

  it('is a separate meeting of its own kind and classes', () => {
    expect(actual()).toBeDefined();
    expect(actual().kind).toBe(expected.kind);
    expect(actual().shareClasses).toEqual(expected.shareClasses);
  });

  it('has the announced shares entitled, required to abstain, attending, and attending percentage', () => {
    const { sharesEntitledToVote, sharesRequiredToAbstain, attendingShares, attendingPercent } = actual();
    expect({ sharesEntitledToVote, sharesRequiredToAbstain, attendingShares, attendingPercent }).toEqual({
      sharesEntitledToVote: expected.sharesEntitledToVote,
      sharesRequiredToAbstain: expected.sharesRequiredToAbstain,
      attendingShares: expected.attendingShares,
      attendingPercent: expected.attendingPercent,
    });
  });

  it('has every announced resolution figure, to the last digit', () => {
    const pick = (r: Record<string, unknown>) => Object.fromEntries(FIELDS.map((f) => [f, r[f]]));
    expect(actual().resolutions.map((r) => pick(r as unknown as Record<string, unknown>))).toEqual(
      expected.resolutions.map(pick),
    );
  });

  it("counts every attending share on every resolution (the reference's own note)", () => {
    for (const r of actual().resolutions)
      expect(r.for + r.against + r.abstain).toBe(actual().attendingShares);
  });
});

describe('the three meetings together', () => {
  it('keep the EGM apart from the class meetings: the 200-share holder voted at the EGM only', () => {
    const [egm, a, h] = Object.values(MEETING_IDS).map((id) => view.meetings.find((m) => m.id === id)!);
    expect(egm.attendingShares - (a.attendingShares + h.attendingShares)).toBe(200);
    for (let i = 0; i < 3; i++)
      expect(egm.resolutions[i + 1].for - (a.resolutions[i].for + h.resolutions[i].for)).toBe(200);
  });

  it('register the issued shares of each class, as the announcement states them', () => {
    const egm = view.meetings.find((m) => m.id === MEETING_IDS.EGM)!;
    expect(egm.sharesEntitledToVote).toBe(EXPECTED.company.issuedShares.total);
  });

  it('decide each special resolution overall only once every meeting passed it', () => {
    expect(view.outcomes.map((o) => [o.resolutionId, o.passed, o.meetings.length])).toEqual([
      ['jlmag-2023-r1', true, 1],
      ['jlmag-2023-r2', true, 3],
      ['jlmag-2023-r3', true, 3],
      ['jlmag-2023-r4', true, 3],
    ]);
  });
});

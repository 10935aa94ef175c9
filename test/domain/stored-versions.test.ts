import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/application/event-store';
import { toDomainEvent } from '../../src/application/stored-events';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { foldResults, resultsView } from '../../src/projections/results/view';

/**
 * The event shapes this work changed, read back from stored fixtures: version 1 events upcast to what
 * they meant when written (MeetingScheduled's rule set, MeetingOpened's quorum, VoteCast's instructed
 * figures, VoteRejected), and the version 2 fixture (Delaware, PRC-CL, a withdrawal) folding to its
 * results.
 */
const DIR = join(__dirname, '..', 'fixtures', 'stored-events');
const stored = (file: string): RecordedEvent[] =>
  readFileSync(join(DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedEvent);
const v1 = stored('jlmag-2023-11-23.v1.jsonl');
const v2 = stored('rules-and-withdrawal.v2.jsonl');
const first = (events: RecordedEvent[], type: string) => {
  const found = events.find((e) => e.type === type);
  if (!found) throw new Error(`No ${type} in the fixture`);
  return found;
};

describe('version 1 events, upcast', () => {
  it('MeetingScheduled@1: the rule set as it decided then (clear days, no maximum, over-votes refused)', () => {
    const event = first(v1, 'MeetingScheduled');
    expect(event.schemaVersion).toBe(1);
    const { data } = toDomainEvent(event) as { data: { ruleSet: unknown } };
    // The reference's rule set then is PRC-HKEX-H now: nothing it decided would be decided otherwise.
    // Sections added since (elections, adjournment, holders' proposals, presentation) are optional and
    // absent from it, as are the sources cited for them.
    const {
      cumulativeVoting: _elections,
      adjournment: _adjournment,
      shareholderProposals: _proposals,
      presentation: _presentation,
      onlineVoting: _online,
      sources,
      ...decided
    } = ruleSetById('PRC-HKEX-H')!;
    const upcast = data.ruleSet as typeof decided & { sources: readonly string[] };
    expect(upcast).toEqual({ ...decided, sources: upcast.sources });
    expect(sources).toEqual(expect.arrayContaining([...upcast.sources]));
  });

  it('MeetingScheduled@1 and @2: published as they were then (DEFAULT_PRESENTATION: 4 decimals, the majority base)', () => {
    const { data } = toDomainEvent(first(v1, 'MeetingScheduled')) as { data: { presentation: unknown } };
    expect(data.presentation).toEqual({
      percentageBase: 'MAJORITY_BASE',
      decimals: 4,
      abstentions: 'ABSTAIN',
      dateStyle: 'MONTH_DAY_YEAR',
      numbering: 'NUMBERED',
    });
  });

  it('ResolutionProposed@1: every class voted with its meeting weight (no weights of its own)', () => {
    const { data } = toDomainEvent(first(v1, 'ResolutionProposed')) as { data: { votesPerShare: unknown } };
    expect(data.votesPerShare).toEqual([]);
  });

  it('MeetingOpened@1: a quorum in holders, NONE when nothing was required, entitled unknown', () => {
    const event = first(v1, 'MeetingOpened');
    expect(toDomainEvent(event).data).toEqual({
      meetingId: 'jlmag-2023-egm1',
      openedAt: '2023-11-23T14:00:00+08:00',
      quorum: {
        kind: 'NONE',
        unit: 'HOLDERS',
        present: 6,
        entitled: null,
        required: 0,
        met: true,
        holdersPresent: 6,
        votesPresent: 660025770,
      },
    });
  });

  it('MeetingOpened@1 with a holders quorum: HOLDERS_PRESENT', () => {
    const event = {
      ...first(v1, 'MeetingOpened'),
      data: {
        meetingId: 'hk-egm',
        openedAt: '2023-11-23T14:00:00+08:00',
        quorum: { holdersPresent: 2, votesPresent: 660, required: 2, met: true },
      },
    };
    expect(toDomainEvent(event).data).toMatchObject({
      quorum: { kind: 'HOLDERS_PRESENT', present: 2, required: 2 },
    });
  });

  it('VoteCast@1: counted as instructed', () => {
    const event = first(v1, 'VoteCast');
    const data = event.data as { shares: unknown };
    expect(toDomainEvent(event).data).toEqual({ ...data, instructed: data.shares });
  });

  it('VoteRejected@1: unchanged (it carried no broker non-votes)', () => {
    const event = first(stored('corrections.v1.jsonl'), 'VoteRejected');
    expect(event.schemaVersion).toBe(1);
    expect(toDomainEvent(event).data).toEqual(event.data);
  });
});

describe('the version 2 fixture', () => {
  const view = resultsView(foldResults(v2.map(toDomainEvent)));

  it('Delaware: the withdrawn resolution shown withdrawn, the other with its broker non-votes', () => {
    const de = view.meetings.find((m) => m.id === 'fixture-de-agm-2024');
    expect(de?.resolutions).toEqual([
      expect.objectContaining({
        no: 1,
        for: 4000,
        against: 500,
        abstain: 500,
        brokerNonVotes: 2000,
        passed: true,
      }),
      expect.objectContaining({ no: 2, withdrawn: true, passed: null }),
    ]);
  });

  it('PRC-CL: the nominee pro-rated to its 5,000 shares', () => {
    const prc = view.meetings.find((m) => m.id === 'fixture-prc-egm-2024');
    expect(prc?.resolutions[0]).toMatchObject({ for: 10357, against: 8929, abstain: 714, passed: true });
    const cast = v2.map(toDomainEvent).find((e) => e.type === 'VoteCast' && e.data.holderId === 'N-1');
    expect(cast?.data).toMatchObject({
      instructed: { for: 4000, against: 2000, abstain: 1000 },
      shares: { for: 2857, against: 1429, abstain: 714 },
      proRatedTo: 5000,
    });
  });

  it('outcomes: the withdrawn resolution has none', () => {
    expect(view.outcomes.find((o) => o.resolutionId === 'fixture-de-r2')).toMatchObject({
      passed: null,
      withdrawn: true,
    });
  });
});

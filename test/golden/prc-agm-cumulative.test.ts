import { AggregateStateCache } from '../../src/infra/state-cache/aggregate-state-cache';
import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../src/application/command-handler';
import { runCommands, scenarioCommands } from '../../src/application/scenario';
import { toDomainEvent } from '../../src/application/stored-events';
import { DomainEvent } from '../../src/domain/events';
import { ruleSetById } from '../../src/domain/rules/rule-sets';
import { MemoryEventStore } from '../../src/infra/store/memory/memory-event-store';
import { announcementFromEvents } from '../../src/projections/announcement';
import { announcementText } from '../../src/projections/announcement/text';
import { foldResults, MeetingView, resultsView } from '../../src/projections/results/view';
import { CUMULATIVE_EXAMPLE_PATH as EXAMPLE_PATH } from './example-scenarios';

/**
 * The second example meeting (examples/prc-agm-cumulative): a PRC AGM under PRC-CL with a weighted
 * class (B: 10 votes a share), a required abstention, and two elections by cumulative voting in
 * separate pools. Every figure below was worked out by hand from the scenario, not by running it.
 *
 * Register (record date): A-01 400,000 A; A-02 150,000 A; A-03 100,000 A; A-04 50,000 A;
 * A-05 30,000 A (absent); B-01 40,000 B; B-02 10,000 B. Shares entitled: 730,000 + 50,000 = 780,000.
 * Attending: all but A-05 = 750,000 shares; 750,000 / 780,000 = 96.153846…% → 96.1538%.
 * Votes of those attending: A 400,000 + 150,000 + 100,000 + 50,000 = 700,000; B (40,000 + 10,000)
 * × 10 = 500,000; in all 1,200,000. Votes entitled: 730,000 + 500,000 = 1,230,000.
 */
const MEETING = 'prc-agm-2026';

let events: DomainEvent[];
let meeting: MeetingView;

beforeAll(async () => {
  const commands = scenarioCommands(JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  const store = new MemoryEventStore();
  const ran = await runCommands(
    new CommandHandler(store, { states: new AggregateStateCache(store), ruleSets: ruleSetById }),
    commands.right,
  );
  if (isLeft(ran)) throw new Error(`Example refused: ${JSON.stringify(ran.left)}`);
  events = (await store.readAll()).map(toDomainEvent);
  meeting = resultsView(foldResults(events)).meetings[0];
});

describe('the second example meeting, by hand', () => {
  it('has the register, attendance and required abstention figures', () => {
    expect(meeting).toMatchObject({
      id: MEETING,
      sharesEntitledToVote: 780_000,
      // A-03, a connected person, must abstain on resolution 2 (ALL).
      sharesRequiredToAbstain: 100_000,
      attendingShares: 750_000,
      attendingPercent: '96.1538',
      votesEntitledToVote: 1_230_000,
      attendingVotes: 1_200_000,
    });
  });

  it('decides the ordinary resolutions in votes, the weighted class counting ten a share', () => {
    // No. 1: FOR A-01 400,000 + A-02 150,000 + A-03 100,000 + B-01 40,000 × 10 = 1,050,000;
    // AGAINST A-04 50,000; ABSTAIN B-02 10,000 × 10 = 100,000. Base 1,200,000:
    // 1,050,000 / 1,200,000 = 87.5% exactly; 50,000 / 1,200,000 = 4.16666…% → 4.1667;
    // 100,000 / 1,200,000 = 8.33333…% → 8.3333. Passed: 1,050,000 > 600,000.
    // Shares: FOR 400,000 + 150,000 + 100,000 + 40,000 = 690,000; AGAINST 50,000; ABSTAIN 10,000.
    // No. 2 (A-03 abstains): FOR A-01 400,000 + A-04 50,000 + B-01 400,000 = 850,000; AGAINST
    // A-02 150,000; ABSTAIN B-02 100,000. Base 1,100,000: 850/1,100 = 77.272727…% → 77.2727;
    // 150/1,100 = 13.636363…% → 13.6364; 100/1,100 = 9.090909…% → 9.0909. Passed.
    // Shares: FOR 400,000 + 50,000 + 40,000 = 490,000; AGAINST 150,000; ABSTAIN 10,000.
    const figures = meeting.resolutions.map(
      ({ no, for: f, against, abstain, forPct, againstPct, abstainPct, passed, shares }) => ({
        no,
        f,
        against,
        abstain,
        forPct,
        againstPct,
        abstainPct,
        passed,
        shares,
      }),
    );
    expect(figures).toEqual([
      {
        no: 1,
        f: 1_050_000,
        against: 50_000,
        abstain: 100_000,
        forPct: '87.5000',
        againstPct: '4.1667',
        abstainPct: '8.3333',
        passed: true,
        shares: { for: 690_000, against: 50_000, abstain: 10_000 },
      },
      {
        no: 2,
        f: 850_000,
        against: 150_000,
        abstain: 100_000,
        forPct: '77.2727',
        againstPct: '13.6364',
        abstainPct: '9.0909',
        passed: true,
        shares: { for: 490_000, against: 150_000, abstain: 10_000 },
      },
    ]);
  });

  it('elects three non-independent directors (pool 3), two ballots invalid', () => {
    // 3 seats: votes available = votes × 3. A-01 1,200,000 → 400,000 each to 3.01, 3.02, 3.03.
    // B-01 1,200,000 → 600,000 to 3.01 and 3.02. A-02 450,000 → 150,000 to 3.03, 300,000 to 3.04.
    // A-03 300,000 → four candidates for three seats: invalid, 300,000 abstained.
    // A-04 150,000 → 200,000 to 3.04: over-allocated, invalid, 150,000 abstained.
    // B-02 300,000 → 100,000 to 3.01 and 3.03, 100,000 unused: abstained.
    // 3.01 = 400,000 + 600,000 + 100,000 = 1,100,000 → /1,200,000 = 91.6666…% → 91.6667
    // 3.02 = 400,000 + 600,000 = 1,000,000 → 83.3333…% → 83.3333
    // 3.03 = 400,000 + 150,000 + 100,000 = 650,000 → 54.1666…% → 54.1667
    // 3.04 = 300,000 (A-04's invalid 200,000 not counted) → 25.0000
    // More than half of 1,200,000 is more than 600,000: 3.01–3.03 elected, 3.04 not.
    // Check: 3,050,000 given + 550,000 abstained = 3,600,000 = 1,200,000 × 3.
    expect(meeting.elections?.[0]).toMatchObject({
      no: 3,
      pool: 'NON_INDEPENDENT_DIRECTORS',
      seats: 3,
      base: 1_200_000,
      abstained: 550_000,
      ballots: { valid: 4, invalid: 2 },
      filled: 3,
      shortfall: 0,
      candidates: [
        { no: '3.01', votes: 1_100_000, pct: '91.6667', elected: true },
        { no: '3.02', votes: 1_000_000, pct: '83.3333', elected: true },
        { no: '3.03', votes: 650_000, pct: '54.1667', elected: true },
        { no: '3.04', votes: 300_000, pct: '25.0000', elected: false, notElected: 'BELOW_MAJORITY' },
      ],
    });
  });

  it('elects one independent director (pool 4): the two tied for the last seat are not elected', () => {
    // 2 seats: votes available = votes × 2, each pool on its own (A-01 voted in pool 3 as well).
    // 4.01 = A-01 400,000 + B-01 400,000 + A-03 100,000 = 900,000 → 75.0000
    // 4.02 = A-01 400,000 + A-02 150,000 + A-03 100,000 = 650,000 → 54.1667
    // 4.03 = B-01 400,000 + A-02 150,000 + A-04 100,000 = 650,000 → 54.1667
    // B-02: 10,000 B shares × 10 × 2 = 200,000 available, 250,000 given: invalid, 200,000 abstained.
    // All three exceed 600,000; 4.01 takes the first seat; 4.02 and 4.03 tie for the one left:
    // neither is elected, one seat vacant. Check: 2,200,000 + 200,000 = 2,400,000 = 1,200,000 × 2.
    expect(meeting.elections?.[1]).toMatchObject({
      no: 4,
      pool: 'INDEPENDENT_DIRECTORS',
      seats: 2,
      base: 1_200_000,
      abstained: 200_000,
      ballots: { valid: 5, invalid: 1 },
      filled: 1,
      shortfall: 1,
      candidates: [
        { no: '4.01', votes: 900_000, pct: '75.0000', elected: true },
        { no: '4.02', votes: 650_000, pct: '54.1667', elected: false, notElected: 'TIED_FOR_LAST_SEAT' },
        { no: '4.03', votes: 650_000, pct: '54.1667', elected: false, notElected: 'TIED_FOR_LAST_SEAT' },
      ],
    });
  });

  it('announces the elections with a row per candidate and who was elected', () => {
    const lines = announcementText(announcementFromEvents(events)).split('\n');
    for (const line of [
      'ORDINARY RESOLUTION BY WAY OF CUMULATIVE VOTING\t\tNUMBER OF VOTES (% OF THE TOTAL VOTING SHARES HELD BY THE SHAREHOLDERS ATTENDING)',
      '3.\tTo elect the non-independent directors of the fourth session of the board by cumulative voting\t',
      '3.01\tTo elect Mr. Zhang Wei as a non-independent director\t1,100,000 (91.6667%)',
      '3.04\tTo elect Ms. Zhao Min as a non-independent director\t300,000 (25.0000%)',
      '4.02\tTo elect Mr. Liu Yang as an independent non-executive director\t650,000 (54.1667%)',
      '1.\tTo consider and approve the 2025 annual report\t1,050,000 (87.5000%)\t50,000 (4.1667%)\t100,000 (8.3333%)',
      'The total number of Shares entitling the holders to attend and vote in respect of the respective resolutions at the AGM was 780,000 Shares, save for resolution No. 2, in respect of which it was 680,000 Shares (approximately 87.1795% of the issued Shares).',
    ])
      expect(lines).toContain(line);
    const text = lines.join('\n');
    expect(text).toContain(
      'Each of Mr. Zhang Wei, Ms. Li Na and Mr. Wang Qiang received votes representing more than one half of',
    );
    expect(text).toContain(
      'Ms. Zhao Min was not elected, not having received votes representing more than one half',
    );
    expect(text).toContain(
      'Mr. Liu Yang and Ms. Sun Li received the same number of votes for the last seat; neither of them was elected. Accordingly, one seat of independent non-executive director remains vacant.',
    );
  });
});

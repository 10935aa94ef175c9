import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import { scenarioCommands } from '../../../src/application/scenario';
import { foldHolderHistories } from '../../../src/projections/holders/history';
import { holderHistory } from '../../../src/projections/holders/view';
import {
  applyToHolderHeadings,
  initialHolderHeadings,
  storedHolderHistory,
} from '../../../src/projections/holders/stored-history';
import { foldAuditTrail, holdersOf } from '../../../src/projections/audit/trail';
import { queryAudit } from '../../../src/projections/audit/query';
import { CUMULATIVE_EXAMPLE_PATH } from '../../golden/example-scenarios';
import { recordedEvents } from '../recorded';

/** A holder's history shows its ballots in each election: what it gave, what it abstained, whether valid. */
async function exampleEvents() {
  const commands = scenarioCommands(JSON.parse(readFileSync(CUMULATIVE_EXAMPLE_PATH, 'utf8')));
  if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
  return recordedEvents(commands.right);
}

it('lists a holder’s ballots by agenda number, an invalid one with its reason', async () => {
  const events = await exampleEvents();
  const history = holderHistory(foldHolderHistories(events), 'A-04');
  expect(
    history?.meetings[0].ballots?.map(({ number, votes, available, allocation, abstained, invalid }) => ({
      number,
      votes,
      available,
      allocation,
      abstained,
      invalid,
    })),
  ).toEqual([
    // 50,000 shares × 3 seats = 150,000; 200,000 given to 3.04: over-allocated.
    {
      number: 3,
      votes: 50_000,
      available: 150_000,
      allocation: [{ candidateId: 'cand-3-04', votes: 200_000 }],
      abstained: 150_000,
      invalid: 'OVER_ALLOCATION',
    },
    {
      number: 4,
      votes: 50_000,
      available: 100_000,
      allocation: [{ candidateId: 'cand-4-03', votes: 100_000 }],
      abstained: 0,
      invalid: undefined,
    },
  ]);
});

it('reads the same from the stored headings and the events the holder index lists', async () => {
  const events = await exampleEvents();
  const headings = initialHolderHeadings();
  for (const e of events) applyToHolderHeadings(headings, e);
  const mine = events.filter((e) => holdersOf(e).includes('B-02'));
  expect(storedHolderHistory(headings, 'B-02', mine)).toEqual(
    holderHistory(foldHolderHistories(events), 'B-02'),
  );
  expect(storedHolderHistory(headings, 'B-02', mine)?.meetings[0].ballots?.map((b) => b.title)).toEqual([
    'To elect the non-independent directors of the fourth session of the board',
    'To elect the independent non-executive directors of the fourth session of the board',
  ]);
});

it('the audit trail follows an election as it follows a resolution: its tabling, proposal, ballots and decision', async () => {
  const events = await exampleEvents();
  const trail = foldAuditTrail(events);
  const entries = queryAudit(
    trail,
    { resolutionId: 'prc-2026-e4' },
    { limit: Number.MAX_SAFE_INTEGER },
  ).entries;
  expect(entries.map((e) => e.type)).toEqual([
    'ElectionTabled',
    'ElectionProposed',
    ...Array(5).fill('CumulativeBallotCast'),
    'CumulativeBallotInvalid',
    'PollClosedOnElection',
    'ElectionDecided',
  ]);
});

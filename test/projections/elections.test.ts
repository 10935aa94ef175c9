import { DomainEvent } from '../../src/domain/events';
import { announcementFromEvents } from '../../src/projections/announcement';
import { announcementHtml } from '../../src/projections/announcement/html';
import { announcementMarkdown } from '../../src/projections/announcement/markdown';
import { summarise } from '../../src/projections/audit/summary';
import { documentOf, modelsFromDocuments, touchedDocuments } from '../../src/projections/results/documents';
import { foldResults, resultsView } from '../../src/projections/results/view';
import { afterPoll, attended, EGM, inPoll, SCRUTINEER } from '../domain/factories';
import {
  ballot,
  candidate,
  electionProposed,
  electionTabled,
  BALLOTS_RULE,
} from '../domain/election-factories';

/**
 * The results of an election, folded from its events: votes recounted ballot by ballot (a rejected
 * ballot taken out again), percentages of the ballots' non-cumulated votes, outcomes once decided.
 */
const E = 'board';
const M = EGM.meetingId;
const c = (n: number) => candidate(n).candidateId;
const meeting = (closed = false) => {
  const attendance = [electionTabled(EGM, E), ...['A1', 'A2', 'A3'].map((h) => attended(EGM, h))];
  return closed ? afterPoll(EGM, attendance) : inPoll(EGM, attendance);
};
const proposed = electionProposed(EGM, E, 2, 3);
// Ballots' votes: 600 + 300 + 100 = 1,000. A2 over-allocates (601 of 600): invalid.
const ballots = [
  ballot(EGM, E, 2, 'A1', { [c(1)]: 700, [c(2)]: 500 }),
  ballot(EGM, E, 2, 'A2', { [c(3)]: 601 }),
  ballot(EGM, E, 2, 'A3', { [c(2)]: 150 }),
];
const viewOf = (events: readonly DomainEvent[]) => resultsView(foldResults(events)).meetings[0];

describe('election results', () => {
  it('are absent from a meeting that holds no election (outputs as before)', () => {
    expect('elections' in viewOf(inPoll(EGM, []))).toBe(false);
  });

  it('while open: each candidate’s votes and percentage of the ballots’ votes, no outcome yet', () => {
    const view = viewOf([...meeting(), proposed, ...ballots]);
    expect(view.elections).toEqual([
      {
        no: 7,
        electionId: E,
        title: `Election ${E}`,
        pool: 'NON_INDEPENDENT_DIRECTORS',
        seats: 2,
        base: 1000,
        baseKind: 'VOTES_CAST_AND_ABSTAINED',
        candidates: [
          {
            no: '7.01',
            candidateId: c(1),
            name: candidate(1).name,
            votes: 700,
            pct: '70.0000',
            elected: null,
          },
          {
            no: '7.02',
            candidateId: c(2),
            name: candidate(2).name,
            votes: 650,
            pct: '65.0000',
            elected: null,
          },
          { no: '7.03', candidateId: c(3), name: candidate(3).name, votes: 0, pct: '0.0000', elected: null },
        ],
        // A2's 600 (invalid) + A3's 200 − 150 = 50 unused.
        abstained: 650,
        ballots: { valid: 2, invalid: 1 },
        filled: null,
        shortfall: null,
      },
    ]);
  });

  it('take a rejected ballot out again, valid or invalid', () => {
    const rejected = (
      holderId: string,
      allocation: { candidateId: string; votes: number }[],
      votes: number,
      abstained: number,
      wasInvalid: boolean,
    ): DomainEvent => ({
      type: 'CumulativeBallotRejected',
      data: {
        electionId: E,
        meetingId: M,
        holderId,
        reason: 'Unsigned',
        rejectedBy: SCRUTINEER,
        votes,
        allocation,
        abstained,
        wasInvalid,
      },
    });
    const view = viewOf([
      ...meeting(),
      proposed,
      ...ballots,
      rejected(
        'A1',
        [
          { candidateId: c(1), votes: 700 },
          { candidateId: c(2), votes: 500 },
        ],
        600,
        0,
        false,
      ),
      rejected('A2', [{ candidateId: c(3), votes: 601 }], 300, 600, true),
    ]);
    expect(view.elections?.[0]).toMatchObject({
      base: 100,
      abstained: 50,
      ballots: { valid: 1, invalid: 0 },
      candidates: [{ votes: 0 }, { votes: 150, pct: '150.0000' }, { votes: 0 }],
    });
  });

  it('once decided: who was elected and why the others were not, against the decision’s base', () => {
    const decided: DomainEvent = {
      type: 'ElectionDecided',
      data: {
        electionId: E,
        meetingId: M,
        number: 7,
        seats: 2,
        rule: BALLOTS_RULE,
        base: { kind: 'VOTES_CAST_AND_ABSTAINED', votes: 1000 },
        ranking: [
          { candidateId: c(1), number: '7.01', votes: 700, rank: 1, elected: true },
          { candidateId: c(2), number: '7.02', votes: 650, rank: 2, elected: true },
          {
            candidateId: c(3),
            number: '7.03',
            votes: 0,
            rank: 3,
            elected: false,
            notElected: 'BELOW_MAJORITY',
          },
        ],
        filled: 2,
        shortfall: 0,
        ballots: { valid: 2, invalid: 1 },
        abstained: 650,
      },
    };
    const events = [...meeting(true), proposed, ...ballots, decided];
    const view = viewOf(events);
    expect(view.elections?.[0].candidates.map((x) => [x.elected, x.notElected])).toEqual([
      [true, undefined],
      [true, undefined],
      [false, 'BELOW_MAJORITY'],
    ]);
    expect(view.elections?.[0]).toMatchObject({ filled: 2, shortfall: 0 });
    // Every format of the announcement carries the candidates' rows.
    const announced = announcementFromEvents(events);
    expect(announcementMarkdown(announced)).toContain(
      `| 7.01 | To elect ${candidate(1).name} as a non-independent director | 700 (70.0000%) |`,
    );
    expect(announcementHtml(announced)).toContain(
      `<tr><td class="no">7.02</td><td class="title">To elect ${candidate(2).name} as a non-independent director</td><td class="n">650 (65.0000%)</td></tr>`,
    );
  });

  it('are stored in the meeting’s poll document and read back unchanged', () => {
    const events = [...meeting(), proposed, ...ballots];
    expect(touchedDocuments(ballots[0])).toContain(`poll:${M}`);
    const models = foldResults(events);
    const doc = documentOf(models, `poll:${M}`)!;
    const attendance = documentOf(models, `attendance:${M}`)!;
    const read = modelsFromDocuments([
      [`poll:${M}`, doc],
      [`attendance:${M}`, attendance],
    ]);
    expect(resultsView(read).meetings[0].elections).toEqual(resultsView(models).meetings[0].elections);
  });

  it('each have a line of their own in the audit trail', () => {
    expect(summarise(ballots[0])).toBe(`A1 ballot in ${E}: ${c(1)} 700, ${c(2)} 500; 0 of 1,200 abstained`);
    expect(summarise(ballots[1])).toBe(
      `A2 ballot in ${E} INVALID (OVER_ALLOCATION): ${c(3)} 601 of 600 available; all abstained`,
    );
    expect(summarise(proposed)).toContain(
      'Election by cumulative voting (non independent directors) of 2 from 7.01',
    );
    expect(summarise(electionTabled(EGM, E))).toBe(`Election ${E} tabled as No. 7: Election ${E}`);
  });

  it('say an election withdrawn before the poll was withdrawn, in the view and the announcement', () => {
    const withdrawn: DomainEvent = {
      type: 'ElectionWithdrawn',
      data: {
        electionId: E,
        meetingId: M,
        reason: 'Nominations withdrawn',
        withdrawnBy: 'company-secretary:test',
      },
    };
    const events = [...meeting(true), proposed, withdrawn];
    expect(viewOf(events).elections?.[0]).toMatchObject({ withdrawn: true, filled: null });
    const text = announcementMarkdown(announcementFromEvents(events));
    expect(text).toContain(`Resolution No. 7 (Election ${E}) was withdrawn and was not put to the vote.`);
    expect(text).not.toContain('7.01');
    expect(summarise(withdrawn)).toBe(
      `Election ${E} withdrawn from ${M} by company-secretary:test: Nominations withdrawn`,
    );
  });
});

/**
 * Histories for elections by cumulative voting. Figures the ballots carry (votes, available,
 * abstained) are computed here from the meeting spec, independently of the code under test.
 */
import { isLeft } from 'fp-ts/Either';
import { GovrecCommand } from '../../src/domain/commands';
import { ElectionCommand } from '../../src/domain/election/commands';
import { decideElection } from '../../src/domain/election/decide';
import { ElectionEvent, ElectionPool } from '../../src/domain/election/events';
import { evolveElection, initialElectionState } from '../../src/domain/election/state';
import { ClosePollOnElection } from '../../src/domain/election/commands';
import { MeetingEvent } from '../../src/domain/meeting/events';
import { CumulativeVotingRule } from '../../src/domain/rules/rule-set';
import { AttendanceMode } from '../../src/domain/meeting/events';
import { classOf, holdingOf, MeetingSpec } from './factories';
import { meetingStateOf, Outcome } from './spec';
import { DomainEvent } from '../../src/domain/events';

/** More than half of the ballots' (non-cumulated) votes: the figures below are stated against the ballots. */
export const BALLOTS_RULE: CumulativeVotingRule = {
  threshold: { numerator: 1, denominator: 2 },
  comparator: 'MORE_THAN',
  base: 'VOTES_CAST_AND_ABSTAINED',
};

export const candidate = (n: number, electionNumber = 7) => ({
  candidateId: `c${electionNumber}-${n}`,
  name: `Candidate ${electionNumber}.${String(n).padStart(2, '0')}`,
  number: `${electionNumber}.${String(n).padStart(2, '0')}`,
});

export const electionTabled = (s: MeetingSpec, electionId: string, number = 7): MeetingEvent => ({
  type: 'ElectionTabled',
  data: { meetingId: s.meetingId, electionId, number, title: `Election ${electionId}` },
});

export const electionProposed = (
  s: MeetingSpec,
  electionId: string,
  seats: number,
  candidates: number,
  extra: { number?: number; pool?: ElectionPool; rule?: CumulativeVotingRule } = {},
): ElectionEvent => {
  const number = extra.number ?? 7;
  return {
    type: 'ElectionProposed',
    data: {
      electionId,
      meetingId: s.meetingId,
      number,
      title: `Election ${electionId}`,
      pool: extra.pool ?? 'NON_INDEPENDENT_DIRECTORS',
      seats,
      candidates: Array.from({ length: candidates }, (_, i) => candidate(i + 1, number)),
      rule: extra.rule ?? BALLOTS_RULE,
    },
  };
};

/** A holder's ballot as recorded, the holder attending in person for the whole holding unless `shares` says less. */
export const ballot = (
  s: MeetingSpec,
  electionId: string,
  seats: number,
  holderId: string,
  given: Record<string, number>,
  by: { shares?: number; mode?: AttendanceMode; proxyId?: string } = {},
): ElectionEvent => {
  const h = holdingOf(s, holderId);
  const shares = by.shares ?? h.shares;
  const votes = shares * classOf(s, h.shareClass).votesPerShare;
  const available = votes * seats;
  const allocation = Object.entries(given)
    .filter(([, v]) => v > 0)
    .map(([candidateId, v]) => ({ candidateId, votes: v }));
  const total = allocation.reduce((sum, g) => sum + g.votes, 0);
  const reason =
    total > available ? 'OVER_ALLOCATION' : allocation.length > seats ? 'TOO_MANY_CANDIDATES' : undefined;
  const data = {
    electionId,
    meetingId: s.meetingId,
    holderId,
    shareClass: h.shareClass,
    castBy: by.mode ?? (by.proxyId ? 'PROXY' : 'IN_PERSON'),
    shares,
    votes,
    available,
    allocation,
    abstained: reason ? available : available - total,
    ...(by.proxyId ? { proxyId: by.proxyId } : {}),
  } as const;
  return reason
    ? { type: 'CumulativeBallotInvalid', data: { ...data, reason } }
    : { type: 'CumulativeBallotCast', data };
};

export const electionStateOf = (history: readonly ElectionEvent[]) =>
  history.reduce(evolveElection, initialElectionState());

export const givenElection = (history: readonly ElectionEvent[], meeting: readonly MeetingEvent[]) => ({
  when: (command: GovrecCommand): Outcome => {
    const decision = decideElection(command as ElectionCommand, electionStateOf(history), {
      meeting: meetingStateOf(meeting),
    });
    return {
      thenEvents: (expected: readonly DomainEvent[]) => {
        if (isLeft(decision)) throw new Error(`Expected events, got ${JSON.stringify(decision.left)}`);
        expect(decision.right).toEqual(expected);
      },
      thenRefused: (rule: string, field?: string) => {
        if (!isLeft(decision)) throw new Error(`Expected ${rule}, got ${JSON.stringify(decision.right)}`);
        expect(decision.left.rule).toBe(rule);
        if (field !== undefined) expect(decision.left.field).toBe(field);
        expect(decision.left.message.length).toBeGreaterThan(0);
        return decision.left;
      },
      events: () => {
        if (isLeft(decision)) throw new Error(`Expected events, got ${JSON.stringify(decision.left)}`);
        return decision.right;
      },
    };
  },
});

/** Issued by the command handler when the chair closes the poll; built here, as no client may send it. */
export function closePollOnElection(electionId: string, meetingId: string): GovrecCommand {
  const decoded = ClosePollOnElection.decode({
    type: 'ClosePollOnElection',
    commandId: `close-${electionId}`,
    actor: 'chair:test',
    issuedAt: '2023-11-23T15:30:00+08:00',
    payload: { electionId, meetingId },
  });
  if (isLeft(decoded)) throw new Error('ClosePollOnElection does not decode');
  return decoded.right as GovrecCommand;
}

import { Either, isLeft, left, right } from 'fp-ts/Either';
import { ballotValidity, rankCandidates } from '../rules/cumulative-voting';
import { DomainError, refuse } from '../shared/errors';
import { MeetingState, ScheduledMeeting, votesPerShare } from '../meeting/state';
import { ballotHolder, refuseWhileAdjourned } from '../meeting/ballot-holder';
import { refuseIfCertified } from '../meeting/certified';
import { ElectionCommand, ElectionCommandOf } from './commands';
import { ElectionEvent } from './events';
import { ElectionState, ProposedElection } from './state';

/** The meeting the election is held at, as the command handler loaded it. */
export interface ElectionContext {
  readonly meeting: MeetingState;
}

export type ElectionDecision = Either<DomainError, ElectionEvent[]>;
type Meeting = ScheduledMeeting & { status: 'SCHEDULED' };

export function decideElection(
  command: ElectionCommand,
  state: ElectionState,
  context: ElectionContext,
): ElectionDecision {
  const m = context.meeting;
  if (m.status === 'NONE' || m.meetingId !== command.payload.meetingId) {
    return left(
      refuse(
        'UnknownMeeting',
        'payload.meetingId',
        `Meeting ${command.payload.meetingId} has not been scheduled`,
      ),
    );
  }
  const certified = refuseIfCertified(m);
  if (certified) return left(certified);
  if (command.type === 'ProposeElection') return propose(command, state, m);
  if (state.status === 'NONE') {
    return left(
      refuse(
        'UnknownElection',
        'payload.electionId',
        `Election ${command.payload.electionId} has not been proposed`,
      ),
    );
  }
  if (state.meetingId !== m.meetingId) {
    return left(
      refuse(
        'ElectionNotAtMeeting',
        'payload.meetingId',
        `${state.electionId} is held at ${state.meetingId}`,
      ),
    );
  }
  // Withdrawn, it takes no ballots and is not decided; closing the poll closes nothing on it.
  if (state.withdrawn) {
    if (command.type === 'ClosePollOnElection') return right([]);
    return left(
      refuse(
        'ElectionWithdrawn',
        'payload.electionId',
        `${state.electionId} was withdrawn: ${state.withdrawn.reason}`,
      ),
    );
  }
  switch (command.type) {
    case 'WithdrawElection':
      return withdraw(command, state, m);
    case 'CastCumulativeBallot':
      return cast(command, state, m);
    case 'RejectCumulativeBallot':
      return reject(command, state, m);
    case 'CloseElection':
      return close(state, m);
    case 'ClosePollOnElection':
      return state.pollClosed
        ? right([])
        : right([{ type: 'PollClosedOnElection', data: { ...command.payload, at: command.issuedAt } }]);
  }
}

function propose(
  c: ElectionCommandOf<'ProposeElection'>,
  state: ElectionState,
  m: Meeting,
): ElectionDecision {
  const p = c.payload;
  if (state.status !== 'NONE')
    return left(refuse('ElectionAlreadyProposed', 'payload.electionId', `${p.electionId} exists`));
  const rule = m.ruleSet.cumulativeVoting;
  if (!rule) {
    return left(
      refuse(
        'CumulativeVotingNotProvided',
        'payload.meetingId',
        `${m.ruleSet.id} provides no cumulative voting`,
      ),
    );
  }
  // Cumulative voting is for electing two or more: with one seat it is an ordinary resolution.
  if (p.seats < 2)
    return left(refuse('TooFewSeats', 'payload.seats', 'Cumulative voting elects two or more to a pool'));
  const invalid = candidatesError(p);
  if (invalid) return left(invalid);
  const tabled = m.agenda.get(p.number);
  if (tabled?.resolutionId !== p.electionId || !tabled.election) {
    return left(
      refuse('NotOnAgenda', 'payload.number', `No. ${p.number} at ${m.meetingId} is not ${p.electionId}`),
    );
  }
  const { electionId, meetingId, title, pool, seats, candidates } = p;
  return right([
    {
      type: 'ElectionProposed',
      data: { electionId, meetingId, number: p.number, title, pool, seats, candidates, rule },
    },
  ]);
}

/** Each candidate once, each number once, every number under the election's own ("7.01" under No. 7). */
function candidatesError(p: ElectionCommandOf<'ProposeElection'>['payload']): DomainError | undefined {
  const duplicate = firstDuplicate(p.candidates.map((x) => x.candidateId));
  if (duplicate !== undefined)
    return refuse(
      'DuplicateCandidate',
      `payload.candidates[${duplicate}].candidateId`,
      'Each candidate once',
    );
  const number = firstDuplicate(p.candidates.map((x) => x.number));
  if (number !== undefined)
    return refuse('DuplicateCandidateNumber', `payload.candidates[${number}].number`, 'Each number once');
  const stray = p.candidates.findIndex((x) => x.number.split('.')[0] !== String(p.number));
  if (stray >= 0) {
    return refuse(
      'CandidateNumberNotUnderElection',
      `payload.candidates[${stray}].number`,
      `Candidates are numbered ${p.number}.nn`,
    );
  }
  return undefined;
}

function firstDuplicate(values: readonly string[]): number | undefined {
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    if (seen.has(v)) return i;
    seen.add(v);
  }
  return undefined;
}

/** The poll must be open here and the ballot's holder attending; the ballot itself may still be invalid. */
function cast(
  c: ElectionCommandOf<'CastCumulativeBallot'>,
  e: ProposedElection,
  m: Meeting,
): ElectionDecision {
  const p = c.payload;
  if (m.phase !== 'POLL_OPEN' || e.pollClosed)
    return left(
      refuse('PollNotOpen', 'payload.meetingId', `The poll at ${m.meetingId} is not open (${m.phase})`),
    );
  if (e.decided) return left(refuse('VotingClosed', 'payload.electionId', 'The election has been decided'));
  const adjourned = refuseWhileAdjourned(m);
  if (adjourned) return left(adjourned);
  const holder = ballotHolder(m, p.holderId, p.shareClass);
  if (isLeft(holder)) return holder;
  const { holding, attendance } = holder.right;
  // One ballot a holder: a second one is refused, never added or substituted (as CastVote); a
  // scrutineer rejects the first with a reason, and then a new one may be cast.
  if (e.ballots.has(p.holderId)) {
    return left(
      refuse(
        'AlreadyVoted',
        'payload.holderId',
        `Holder ${p.holderId} has cast a ballot; a scrutineer must reject it first`,
      ),
    );
  }
  const known = new Set(e.candidates.map((x) => x.candidateId));
  const unknown = p.votes.findIndex((v) => !known.has(v.candidateId));
  if (unknown >= 0) {
    return left(
      refuse(
        'UnknownCandidate',
        `payload.votes[${unknown}].candidateId`,
        `${p.votes[unknown].candidateId} is not a candidate in ${e.electionId}`,
      ),
    );
  }
  const repeated = firstDuplicate(p.votes.map((v) => v.candidateId));
  if (repeated !== undefined)
    return left(
      refuse('DuplicateCandidate', `payload.votes[${repeated}].candidateId`, 'Each candidate once a ballot'),
    );
  const votes = attendance.shares * votesPerShare(m, holding.shareClass);
  const available = votes * e.seats;
  if (!Number.isSafeInteger(available))
    return left(refuse('VotesOutOfRange', 'payload.holderId', 'Votes available exceed exact integers'));
  const allocation = p.votes.filter((v) => v.votes > 0);
  const validity = ballotValidity(allocation, available, e.seats);
  const given = allocation.reduce((sum, v) => sum + v.votes, 0);
  const data = {
    electionId: e.electionId,
    meetingId: m.meetingId,
    holderId: p.holderId,
    shareClass: holding.shareClass,
    castBy: attendance.mode,
    shares: attendance.shares,
    votes,
    available,
    allocation,
    abstained: validity === 'VALID' ? available - given : available,
    ...(attendance.proxyId ? { proxyId: attendance.proxyId } : {}),
  };
  return right([
    validity === 'VALID'
      ? { type: 'CumulativeBallotCast', data }
      : { type: 'CumulativeBallotInvalid', data: { ...data, reason: validity } },
  ]);
}

/** A change to the agenda: possible until the poll opens, never after. */
function withdraw(
  c: ElectionCommandOf<'WithdrawElection'>,
  e: ProposedElection,
  m: Meeting,
): ElectionDecision {
  if (m.phase !== 'SCHEDULED' && m.phase !== 'OPEN') {
    return left(
      refuse(
        'PollAlreadyOpened',
        'payload.meetingId',
        `The poll at ${m.meetingId} has opened (${m.phase}); ${e.electionId} stands`,
      ),
    );
  }
  const { electionId, meetingId, reason } = c.payload;
  return right([
    { type: 'ElectionWithdrawn', data: { electionId, meetingId, reason, withdrawnBy: c.actor } },
  ]);
}

function reject(
  c: ElectionCommandOf<'RejectCumulativeBallot'>,
  e: ProposedElection,
  m: Meeting,
): ElectionDecision {
  const p = c.payload;
  if (e.decided)
    return left(
      refuse('VotingClosed', 'payload.electionId', 'The result is declared; it can no longer change'),
    );
  const ballot = e.ballots.get(p.holderId);
  if (!ballot)
    return left(refuse('NoBallotToReject', 'payload.holderId', `Holder ${p.holderId} has no ballot`));
  if (!m.scrutineers.includes(c.actor))
    return left(refuse('NotAScrutineer', 'actor', `${c.actor} is not a scrutineer of ${m.meetingId}`));
  const { votes, allocation, abstained, invalid } = ballot;
  return right([
    {
      type: 'CumulativeBallotRejected',
      data: { ...p, rejectedBy: c.actor, votes, allocation, abstained, wasInvalid: invalid },
    },
  ]);
}

function close(e: ProposedElection, m: Meeting): ElectionDecision {
  if (e.decided) return left(refuse('VotingClosed', 'payload.electionId', `${e.electionId} is decided`));
  if (m.phase === 'SCHEDULED' || m.phase === 'OPEN' || m.phase === 'POLL_OPEN')
    return left(
      refuse('PollNotClosed', 'payload.meetingId', `The poll at ${m.meetingId} has not closed (${m.phase})`),
    );
  const base = e.rule.base === 'PRESENT_AND_ENTITLED' ? m.votesPresent : e.ballotVotes;
  const standings = e.candidates.map((x) => ({
    candidateId: x.candidateId,
    number: x.number,
    votes: e.candidateVotes.get(x.candidateId) ?? 0,
  }));
  const ranking = rankCandidates(standings, e.seats, base, e.rule);
  const filled = ranking.filter((r) => r.elected).length;
  return right([
    {
      type: 'ElectionDecided',
      data: {
        electionId: e.electionId,
        meetingId: m.meetingId,
        number: e.number,
        seats: e.seats,
        rule: e.rule,
        base: { kind: e.rule.base, votes: base },
        ranking,
        filled,
        shortfall: e.seats - filled,
        ballots: { valid: e.valid, invalid: e.invalid },
        abstained: e.abstained,
      },
    },
  ]);
}

import * as t from 'io-ts';
import {
  boundedArray,
  closed,
  Id,
  IsoDateTime,
  NonEmptyString,
  PositiveInt,
  ShareCount,
} from '../shared/codecs';
import { event } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';
import { CumulativeBase, CumulativeVotingRule } from '../rules/rule-set';
import { AttendanceMode } from '../meeting/events';

/**
 * Independent directors, other directors and supervisors are elected in separate pools (CSRC Rules
 * for Independent Directors art. 12; Code of Corporate Governance art. 17): one election per pool,
 * each with its own seats and its own ballots.
 */
export const ElectionPool = t.keyof({
  NON_INDEPENDENT_DIRECTORS: null,
  INDEPENDENT_DIRECTORS: null,
  SUPERVISORS: null,
});
export type ElectionPool = t.TypeOf<typeof ElectionPool>;

/** A candidate's number under the election's agenda number, as the notice prints it: "7.01". */
export const CandidateNumber = t.refinement(t.string, (s) => /^\d{1,3}\.\d{1,3}$/.test(s), 'CandidateNumber');

export const Candidate = closed(
  t.readonly(t.type({ candidateId: Id, name: NonEmptyString, number: CandidateNumber })),
);
export type Candidate = t.OutputOf<typeof Candidate>;

export const MAX_CANDIDATES = 50;

export const ElectionProposed = event(
  'ElectionProposed',
  t.readonly(
    t.type({
      electionId: Id,
      meetingId: Id,
      /** Its number on the agenda; the candidates' numbers are under it. */
      number: PositiveInt,
      title: NonEmptyString,
      pool: ElectionPool,
      seats: PositiveInt,
      candidates: boundedArray(Candidate, 1, MAX_CANDIDATES, 'Candidates'),
      /** The rule set's cumulative voting rule, copied: a replay decides as it decided then. */
      rule: CumulativeVotingRule,
    }),
  ),
);

/** Votes a ballot gives one candidate (cumulated votes: shares × votes per share × seats in all). */
export const CandidateVotes = closed(t.readonly(t.type({ candidateId: Id, votes: ShareCount })));
export type CandidateVotes = t.OutputOf<typeof CandidateVotes>;

/** What every ballot records of its holder's entitlement, valid or not. */
const BallotFigures = {
  electionId: Id,
  meetingId: Id,
  holderId: Id,
  shareClass: ShareClassCode,
  castBy: AttendanceMode,
  /** Shares represented at the meeting. */
  shares: ShareCount,
  /** shares × votes per share of the class: the ballot's votes before cumulation (the base counts these). */
  votes: ShareCount,
  /** votes × seats: what the ballot may give in all. */
  available: ShareCount,
  /** As marked, candidates with no votes left out. */
  allocation: t.readonlyArray(CandidateVotes),
  /** Votes not given to any candidate: available − given on a valid ballot, every vote on an invalid one. */
  abstained: ShareCount,
};

export const CumulativeBallotCast = event(
  'CumulativeBallotCast',
  t.readonly(t.intersection([t.type(BallotFigures), t.partial({ proxyId: Id })])),
);

/**
 * Why a ballot is invalid: more votes given than available, or votes given to more candidates than
 * there are seats. An invalid ballot is recorded, not refused: its holder attended and its votes are
 * abstained (they stay in the attending base), as the ballot paper was returned.
 */
export const InvalidBallotReason = t.keyof({ OVER_ALLOCATION: null, TOO_MANY_CANDIDATES: null });
export type InvalidBallotReason = t.TypeOf<typeof InvalidBallotReason>;

export const CumulativeBallotInvalid = event(
  'CumulativeBallotInvalid',
  t.readonly(
    t.intersection([t.type({ ...BallotFigures, reason: InvalidBallotReason }), t.partial({ proxyId: Id })]),
  ),
);

/** A scrutineer takes a ballot out of the count; the event carries what it removes. */
export const CumulativeBallotRejected = event(
  'CumulativeBallotRejected',
  t.readonly(
    t.type({
      electionId: Id,
      meetingId: Id,
      holderId: Id,
      reason: NonEmptyString,
      rejectedBy: NonEmptyString,
      votes: ShareCount,
      allocation: t.readonlyArray(CandidateVotes),
      abstained: ShareCount,
      /** Whether the ballot taken out had been recorded as invalid. */
      wasInvalid: t.boolean,
    }),
  ),
);

/** Withdrawn from the agenda before the poll opened (the board withdrew its nominations): no ballots, no decision. */
export const ElectionWithdrawn = event(
  'ElectionWithdrawn',
  t.readonly(t.type({ electionId: Id, meetingId: Id, reason: NonEmptyString, withdrawnBy: NonEmptyString })),
);

/** As PollClosedOnResolution: recorded before PollClosed, so a late ballot loses its race. */
export const PollClosedOnElection = event(
  'PollClosedOnElection',
  t.readonly(t.type({ electionId: Id, meetingId: Id, at: IsoDateTime })),
);

/**
 * Why a candidate was not elected:
 * - BELOW_MAJORITY: fewer votes than the rule's share of the (non-cumulated) base;
 * - TIED_FOR_LAST_SEAT: level with others for fewer seats than they are; none of them is elected;
 * - NO_SEAT_LEFT: ranked below the seats, or below candidates tied for the last of them.
 */
export const NotElectedReason = t.keyof({
  BELOW_MAJORITY: null,
  TIED_FOR_LAST_SEAT: null,
  NO_SEAT_LEFT: null,
});
export type NotElectedReason = t.TypeOf<typeof NotElectedReason>;

export const RankedCandidate = t.readonly(
  t.intersection([
    t.type({
      candidateId: Id,
      number: CandidateNumber,
      votes: ShareCount,
      rank: PositiveInt,
      elected: t.boolean,
    }),
    t.partial({ notElected: NotElectedReason }),
  ]),
);
export type RankedCandidate = t.OutputOf<typeof RankedCandidate>;

export const ElectionDecided = event(
  'ElectionDecided',
  t.readonly(
    t.type({
      electionId: Id,
      meetingId: Id,
      number: PositiveInt,
      seats: PositiveInt,
      rule: CumulativeVotingRule,
      /** The non-cumulated votes the threshold was measured against, and on which base. */
      base: t.readonly(t.type({ kind: CumulativeBase, votes: ShareCount })),
      /** By votes, most first; equal votes share a rank and are listed by candidate number. */
      ranking: t.readonlyArray(RankedCandidate),
      filled: ShareCount,
      /** Seats left empty: seats − filled. */
      shortfall: ShareCount,
      ballots: t.readonly(t.type({ valid: ShareCount, invalid: ShareCount })),
      abstained: ShareCount,
    }),
  ),
);

export const ElectionEvent = t.union([
  ElectionProposed,
  CumulativeBallotCast,
  CumulativeBallotInvalid,
  CumulativeBallotRejected,
  PollClosedOnElection,
  ElectionDecided,
  ElectionWithdrawn,
]);
export type ElectionEvent = t.OutputOf<typeof ElectionEvent>;

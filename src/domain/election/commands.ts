import * as t from 'io-ts';
import { boundedArray, closed, Id, NonEmptyString, PositiveInt } from '../shared/codecs';
import { command } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';
import { Candidate, CandidateVotes, ElectionPool, MAX_CANDIDATES } from './events';

/** Tables the election at its meeting (through the command handler, as ProposeResolution does) and proposes it. */
export const ProposeElection = command(
  'ProposeElection',
  t.readonly(
    t.type({
      electionId: Id,
      meetingId: Id,
      number: PositiveInt,
      title: NonEmptyString,
      pool: ElectionPool,
      seats: PositiveInt,
      candidates: boundedArray(Candidate, 1, MAX_CANDIDATES, 'Candidates'),
    }),
  ),
);

/** One holder's ballot: votes per candidate; candidates not named get none. */
export const CastCumulativeBallot = command(
  'CastCumulativeBallot',
  t.readonly(
    t.intersection([
      t.type({
        electionId: Id,
        meetingId: Id,
        holderId: Id,
        votes: boundedArray(CandidateVotes, 0, MAX_CANDIDATES, 'BallotVotes'),
      }),
      t.partial({ shareClass: ShareClassCode }),
    ]),
  ),
);

export const RejectCumulativeBallot = command(
  'RejectCumulativeBallot',
  t.readonly(t.type({ electionId: Id, meetingId: Id, holderId: Id, reason: NonEmptyString })),
);

export const CloseElection = command('CloseElection', t.readonly(t.type({ electionId: Id, meetingId: Id })));

/** Withdraws the election from its meeting's agenda, until the poll opens there. */
export const WithdrawElection = command(
  'WithdrawElection',
  t.readonly(t.type({ electionId: Id, meetingId: Id, reason: NonEmptyString })),
);

/** Issued by the command handler for each election at a meeting, before the meeting's poll closes. */
export const ClosePollOnElection = command(
  'ClosePollOnElection',
  closed(t.readonly(t.type({ electionId: Id, meetingId: Id }))),
);

export const ElectionCommand = t.union([
  ProposeElection,
  CastCumulativeBallot,
  RejectCumulativeBallot,
  CloseElection,
  ClosePollOnElection,
  WithdrawElection,
]);
export type ElectionCommand = t.TypeOf<typeof ElectionCommand>;
export type ElectionCommandOf<T extends ElectionCommand['type']> = Extract<ElectionCommand, { type: T }>;

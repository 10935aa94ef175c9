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
import { MajorityBase, MajorityRule } from '../rules/majority-rule';
import { AttendanceMode, ResolutionKind } from '../meeting/events';

/** 13.40: barred from voting in favour only; otherwise (14A, interested holders) from voting at all. */
export const AbstentionScope = t.keyof({ ALL: null, IN_FAVOUR: null });
export type AbstentionScope = t.TypeOf<typeof AbstentionScope>;

export const RequiredAbstention = closed(t.readonly(t.type({ holderId: Id, scope: AbstentionScope })));

export const ResolutionAtMeeting = t.readonly(
  t.type({ meetingId: Id, number: PositiveInt, majorityRule: MajorityRule }),
);

export const ResolutionProposed = event(
  'ResolutionProposed',
  t.readonly(
    t.type({
      resolutionId: Id,
      title: NonEmptyString,
      kind: ResolutionKind,
      /** Every meeting that must pass the resolution, each with its number there and its majority rule. */
      meetings: boundedArray(ResolutionAtMeeting, 1, 8, 'ResolutionMeetings'),
      requiredToAbstain: t.readonlyArray(RequiredAbstention),
    }),
  ),
);

/** FOR / AGAINST / ABSTAIN figures, used for shares and for votes alike. */
export const Split = t.readonly(t.type({ for: ShareCount, against: ShareCount, abstain: ShareCount }));
export type Split = t.OutputOf<typeof Split>;

export const VoteCast = event(
  'VoteCast',
  t.readonly(
    t.intersection([
      t.type({
        resolutionId: Id,
        meetingId: Id,
        holderId: Id,
        shareClass: ShareClassCode,
        /** How the holder attended, hence who cast the vote. */
        castBy: AttendanceMode,
        shares: Split,
        /** shares × votes per share of the class. */
        votes: Split,
      }),
      t.partial({ proxyId: Id }),
    ]),
  ),
);

/** Carries the figures it takes out of the count, so every reader can apply it without the original vote. */
export const VoteRejected = event(
  'VoteRejected',
  t.readonly(
    t.type({
      resolutionId: Id,
      meetingId: Id,
      holderId: Id,
      reason: NonEmptyString,
      rejectedBy: NonEmptyString,
      shares: Split,
      votes: Split,
    }),
  ),
);

/**
 * The poll at a meeting has closed for this resolution. Recorded on the resolution's stream before
 * PollClosed is recorded on the meeting's, so that a vote decided while the poll was open but not yet
 * appended loses its race against the close and is decided again, and refused.
 */
export const PollClosedOnResolution = event(
  'PollClosedOnResolution',
  t.readonly(t.type({ resolutionId: Id, meetingId: Id, at: IsoDateTime })),
);

export const Tally = t.readonly(t.type({ votes: Split, shares: Split, voters: ShareCount }));
export type Tally = t.OutputOf<typeof Tally>;

const Decision = t.readonly(
  t.type({
    resolutionId: Id,
    meetingId: Id,
    number: PositiveInt,
    majorityRule: MajorityRule,
    tally: Tally,
    /** The figure FOR was measured against, in votes, and what it was. */
    base: t.readonly(t.type({ kind: MajorityBase, votes: ShareCount })),
  }),
);

export const ResolutionPassed = event('ResolutionPassed', Decision);
export const ResolutionFailed = event('ResolutionFailed', Decision);

/** Once every required meeting has decided: passed only if each of them passed it. */
export const ResolutionOutcomeDetermined = event(
  'ResolutionOutcomeDetermined',
  t.readonly(
    t.type({
      resolutionId: Id,
      passed: t.boolean,
      meetings: t.readonlyArray(t.readonly(t.type({ meetingId: Id, passed: t.boolean }))),
    }),
  ),
);

export const ResolutionEvent = t.union([
  ResolutionProposed,
  VoteCast,
  VoteRejected,
  PollClosedOnResolution,
  ResolutionPassed,
  ResolutionFailed,
  ResolutionOutcomeDetermined,
]);
export type ResolutionEvent = t.OutputOf<typeof ResolutionEvent>;

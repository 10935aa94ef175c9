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

/**
 * The votes each share of a class carries on this resolution, where it is not the class's usual
 * weight: under HKEX Listing Rule 8A.24 weighted voting rights shares carry one vote a share on the
 * reserved matters (the articles, class rights, INEDs, the auditors, a voluntary winding-up).
 */
export const ClassWeight = closed(
  t.readonly(t.type({ shareClass: ShareClassCode, votesPerShare: PositiveInt })),
);
export type ClassWeight = t.OutputOf<typeof ClassWeight>;

/**
 * A resolution at one meeting: `number` is its place in the notice's order, which every output
 * follows; `label` is how the notice prints it ("2(a)", "(b)"). Version 3 added the label; versions
 * 1 and 2 are read with the number as the label.
 */
export const ResolutionAtMeeting = t.readonly(
  t.type({ meetingId: Id, number: PositiveInt, label: NonEmptyString, majorityRule: MajorityRule }),
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
      /**
       * Version 2: the classes whose shares carry another weight on this resolution than at the
       * meeting (a reserved matter); version 1, written before weights by resolution, carries none.
       */
      votesPerShare: t.readonlyArray(ClassWeight),
    }),
  ),
);

/** FOR / AGAINST / ABSTAIN figures, used for shares and for votes alike. */
export const Split = t.readonly(t.type({ for: ShareCount, against: ShareCount, abstain: ShareCount }));
/** FOR, AGAINST and ABSTAIN figures, of shares or of votes. */
export type Split = t.OutputOf<typeof Split>;

/** Broker non-votes on one ballot: recorded and reported, never FOR, AGAINST or ABSTAIN, in no base. */
export const BrokerNonVoteFigures = t.readonly(t.type({ shares: ShareCount, votes: ShareCount }));
export type BrokerNonVoteFigures = t.OutputOf<typeof BrokerNonVoteFigures>;

/**
 * Version 2: with the shares as instructed beside those counted. They differ only when the
 * instruction exceeded the shares represented and the rule set pro-rates over-votes; proRatedTo then
 * says to how many shares (those represented). Version 1 votes were counted as instructed.
 */
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
        /** Shares as the holder (or its proxy) instructed. */
        instructed: Split,
        /** Shares counted. */
        shares: Split,
        /** Counted shares × votes per share of the class. */
        votes: Split,
      }),
      t.partial({
        proxyId: Id,
        proRatedTo: ShareCount,
        brokerNonVotes: t.readonly(t.type({ instructed: ShareCount, shares: ShareCount, votes: ShareCount })),
      }),
    ]),
  ),
);

/**
 * Carries the figures it takes out of the count, so every reader can apply it without the original
 * vote. Version 2 may carry broker non-votes; a reader of version 1 would read past them in silence,
 * so the version says they may be there.
 */
export const VoteRejected = event(
  'VoteRejected',
  t.readonly(
    t.intersection([
      t.type({
        resolutionId: Id,
        meetingId: Id,
        holderId: Id,
        reason: NonEmptyString,
        rejectedBy: NonEmptyString,
        shares: Split,
        votes: Split,
      }),
      t.partial({ brokerNonVotes: BrokerNonVoteFigures }),
    ]),
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

/** Withdrawn from a meeting's agenda before its poll opened: no votes there, no decision, no overall outcome. */
export const ResolutionWithdrawn = event(
  'ResolutionWithdrawn',
  t.readonly(
    t.type({ resolutionId: Id, meetingId: Id, reason: NonEmptyString, withdrawnBy: NonEmptyString }),
  ),
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
  ResolutionWithdrawn,
]);
export type ResolutionEvent = t.OutputOf<typeof ResolutionEvent>;

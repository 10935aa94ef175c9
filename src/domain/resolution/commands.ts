import * as t from 'io-ts';
import { boundedArray, closed, Id, NonEmptyString, PositiveInt, ShareCount } from '../shared/codecs';
import { command } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';
import { MajorityRule } from '../rules/majority-rule';
import { ResolutionKind } from '../meeting/events';
import { RequiredAbstention } from './events';

export const ProposeResolution = command(
  'ProposeResolution',
  t.readonly(
    t.intersection([
      t.type({
        resolutionId: Id,
        title: NonEmptyString,
        kind: ResolutionKind,
        meetings: boundedArray(
          closed(t.readonly(t.type({ meetingId: Id, number: PositiveInt }))),
          1,
          8,
          'ResolutionMeetings',
        ),
      }),
      t.partial({
        /** Overrides the rule set's majority for this kind (articles may demand more). */
        majorityRule: MajorityRule,
        requiredToAbstain: t.readonlyArray(RequiredAbstention),
      }),
    ]),
  ),
);

export const CastVote = command(
  'CastVote',
  t.readonly(
    t.intersection([
      t.type({
        resolutionId: Id,
        meetingId: Id,
        holderId: Id,
        for: ShareCount,
        against: ShareCount,
        abstain: ShareCount,
      }),
      /** The class the ballot was issued for, when the ballot says it; checked against the register. */
      t.partial({ shareClass: ShareClassCode }),
    ]),
  ),
);

export const RejectVote = command(
  'RejectVote',
  t.readonly(
    t.type({
      resolutionId: Id,
      meetingId: Id,
      holderId: Id,
      reason: NonEmptyString,
    }),
  ),
);

export const CloseVoting = command('CloseVoting', t.readonly(t.type({ resolutionId: Id, meetingId: Id })));

/** Issued by the command handler, for each resolution at a meeting, before the meeting's poll closes. */
export const ClosePollOnResolution = command(
  'ClosePollOnResolution',
  t.readonly(t.type({ resolutionId: Id, meetingId: Id })),
);

export const ResolutionCommand = t.union([
  ProposeResolution,
  CastVote,
  RejectVote,
  CloseVoting,
  ClosePollOnResolution,
]);
export type ResolutionCommand = t.TypeOf<typeof ResolutionCommand>;
export type ResolutionCommandOf<T extends ResolutionCommand['type']> = Extract<
  ResolutionCommand,
  { type: T }
>;

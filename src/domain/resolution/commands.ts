import * as t from 'io-ts';
import {
  boundedArray,
  closed,
  Id,
  NonEmptyString,
  PositiveInt,
  ResolutionLabel,
  ShareCount,
} from '../shared/codecs';
import { command } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';
import { MajorityRule } from '../rules/majority-rule';
import { ResolutionKind } from '../meeting/events';
import { ClassWeight, RequiredAbstention } from './events';

export const ProposeResolution = command(
  'ProposeResolution',
  t.readonly(
    t.intersection([
      t.type({
        resolutionId: Id,
        title: NonEmptyString,
        kind: ResolutionKind,
        /**
         * Each meeting with the resolution's number there (its place in the notice's order) and,
         * where the notice prints another, its label ("2(a)", "(b)"); without one, the number is the label.
         */
        meetings: boundedArray(
          closed(
            t.readonly(
              t.intersection([
                t.type({ meetingId: Id, number: PositiveInt }),
                t.partial({ label: ResolutionLabel }),
              ]),
            ),
          ),
          1,
          8,
          'ResolutionMeetings',
        ),
      }),
      t.partial({
        /** Overrides the rule set's majority for this kind (articles may demand more). */
        majorityRule: MajorityRule,
        requiredToAbstain: t.readonlyArray(RequiredAbstention),
        /** The holders' proposal (ShareholderProposalSubmitted) this resolution puts to its meeting. */
        proposalId: Id,
        /** Classes whose shares carry another weight on this resolution (HKEX LR 8A.24 reserved matters). */
        votesPerShare: t.readonlyArray(ClassWeight),
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
      t.partial({
        /** The class the ballot was issued for, when the ballot says it; checked against the register. */
        shareClass: ShareClassCode,
        /** Shares a broker returned without instructions on this matter, where the rule set recognises them. */
        brokerNonVote: ShareCount,
      }),
    ]),
  ),
);

export const RejectVote = command(
  'RejectVote',
  t.readonly(t.type({ resolutionId: Id, meetingId: Id, holderId: Id, reason: NonEmptyString })),
);

export const CloseVoting = command('CloseVoting', t.readonly(t.type({ resolutionId: Id, meetingId: Id })));

/** Issued by the command handler, for each resolution at a meeting, before the meeting's poll closes. */
export const ClosePollOnResolution = command(
  'ClosePollOnResolution',
  t.readonly(t.type({ resolutionId: Id, meetingId: Id })),
);

/**
 * Withdraws the resolution from one meeting's agenda before that meeting's poll opens. A resolution put
 * to several meetings is withdrawn from each (each meeting has its own notice and agenda); withdrawn
 * from any one, it can no longer have an overall outcome.
 */
export const WithdrawResolution = command(
  'WithdrawResolution',
  t.readonly(t.type({ resolutionId: Id, meetingId: Id, reason: NonEmptyString })),
);

export const ResolutionCommand = t.union([
  ProposeResolution,
  CastVote,
  RejectVote,
  CloseVoting,
  ClosePollOnResolution,
  WithdrawResolution,
]);
export type ResolutionCommand = t.TypeOf<typeof ResolutionCommand>;
export type ResolutionCommandOf<T extends ResolutionCommand['type']> = Extract<
  ResolutionCommand,
  { type: T }
>;

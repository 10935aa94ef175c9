import * as t from 'io-ts';
import { boundedArray, closed, Id, IsoDate, NonEmptyString, PositiveInt, ShareCount } from '../shared/codecs';
import { event } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';

/** The agenda: resolutions and elections tabled, and the holders' provisional proposals put on it. */

export const ResolutionKind = t.keyof({ ORDINARY: null, SPECIAL: null });
export type ResolutionKind = t.TypeOf<typeof ResolutionKind>;

/**
 * With `proposalId` when the resolution puts a holders' proposal to the meeting (optional: version 1
 * still). `number` is the resolution's place in the notice's order; version 2 adds `label`, as the
 * notice prints it ("2(a)"); version 1, written before labels, is read with its number as its label.
 */
export const ResolutionTabled = event(
  'ResolutionTabled',
  t.readonly(
    t.intersection([
      t.type({
        meetingId: Id,
        resolutionId: Id,
        number: PositiveInt,
        label: NonEmptyString,
        title: NonEmptyString,
        kind: ResolutionKind,
      }),
      t.partial({ proposalId: Id }),
    ]),
  ),
);

/** An election by cumulative voting on the agenda: its number there is taken as a resolution's would be. */
export const ElectionTabled = event(
  'ElectionTabled',
  t.readonly(t.type({ meetingId: Id, electionId: Id, number: PositiveInt, title: NonEmptyString })),
);

/** A proposer and the shares the register showed it holding when the proposal was submitted. */
export const Proposer = closed(
  t.readonly(t.type({ holderId: Id, shareClass: ShareClassCode, shares: PositiveInt })),
);

/**
 * A holders' provisional proposal, received in writing on `submittedOn`: the proposers held
 * `sharesHeld` of the `sharesIssued` shares of the meeting's classes, at least the rule set's fraction,
 * and submitted it in time. The board's supplementary notice is due by `supplementaryNoticeDueBy`.
 */
export const ShareholderProposalSubmitted = event(
  'ShareholderProposalSubmitted',
  t.readonly(
    t.type({
      meetingId: Id,
      proposalId: Id,
      submittedOn: IsoDate,
      title: NonEmptyString,
      kind: ResolutionKind,
      proposers: boundedArray(Proposer, 1, 200, 'Proposers'),
      sharesHeld: ShareCount,
      sharesIssued: ShareCount,
      supplementaryNoticeDueBy: IsoDate,
    }),
  ),
);

/** The supplementary notice of a holders' proposal; `late` when given after the rule set's days from receipt. */
export const SupplementaryNoticeIssued = event(
  'SupplementaryNoticeIssued',
  t.readonly(t.type({ meetingId: Id, proposalId: Id, issuedOn: IsoDate, late: t.boolean })),
);

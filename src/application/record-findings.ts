import { ChainBreakKind } from './event-chain';

/** What verify finds, by kind. */
export type FindingKind =
  | 'altered'
  | 'removed'
  | 'reordered'
  | 'inserted'
  | 'seal-altered'
  | 'root-mismatch'
  /** An event of the meeting recorded after its certification (the record was closed by it). */
  | 'after-certification'
  /** The record shows the meeting closed, but no certification seals it. */
  | 'not-certified'
  /** A seal stands for the meeting, but no certification carries it. */
  | 'certification-missing'
  /** The record fails its hash chain (event-chain.ts). */
  | ChainBreakKind;

/** One thing found changed in a certified record since it was sealed. */
export interface Finding {
  /** The stream where it was found (a meeting's, a resolution's, an election's, or the seal's). */
  readonly streamName: string;
  /** The revision in that stream, where the finding is about one event. */
  readonly revision?: number;
  /** What changed. */
  readonly kind: FindingKind;
  /** The finding in a sentence, e.g. `VoteCast at revision 12 differs from the one sealed`. */
  readonly detail: string;
}

import * as t from 'io-ts';
import { Id, NonEmptyString, PositiveInt, ShareCount } from '../shared/codecs';
import { MajorityRule } from './majority-rule';

/**
 * A rule set is data a registrar can read and extend: the jurisdiction's (and the issuer's articles')
 * rules for notice, proxies, quorum and majorities. The aggregates consult it; they never branch on
 * a jurisdiction's name.
 */
export const NoticePeriod = t.readonly(
  t.type({
    /** Minimum clear days between the notice and the meeting (neither day counted). */
    minClearDays: ShareCount,
  }),
);

export const Quorum = t.union([
  t.readonly(t.type({ kind: t.literal('NONE') })),
  /** At least this many holders present in person or by proxy (HK Cap. 622 s.585, UK CA 2006 s.318: two). */
  t.readonly(t.type({ kind: t.literal('HOLDERS_PRESENT'), minimum: PositiveInt })),
]);
export type Quorum = t.OutputOf<typeof Quorum>;

export const RuleSet = t.readonly(
  t.type({
    id: Id,
    name: NonEmptyString,
    jurisdiction: NonEmptyString,
    notice: t.readonly(t.type({ AGM: NoticePeriod, EGM: NoticePeriod, CLASS: NoticePeriod })),
    /** Proxies must be lodged at least this many hours before the meeting starts. */
    proxyDeadlineHours: ShareCount,
    quorum: Quorum,
    majorities: t.readonly(t.type({ ORDINARY: MajorityRule, SPECIAL: MajorityRule })),
    /** Where the rule comes from, for the record and for the announcement's wording. */
    sources: t.readonlyArray(NonEmptyString),
  }),
);
export type RuleSet = t.OutputOf<typeof RuleSet>;

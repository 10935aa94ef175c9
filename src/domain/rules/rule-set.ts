import * as t from 'io-ts';
import { closed, Id, NonEmptyString, PositiveInt, ShareCount } from '../shared/codecs';
import { Comparator, MajorityRule, Threshold } from './majority-rule';
import { atLeastFraction } from '../shared/exact';
import { Presentation } from './presentation';

/**
 * A rule set is data a registrar can read and extend: the jurisdiction's (and the issuer's articles')
 * rules for notice, record date, proxies, quorum, over-votes and majorities. The aggregates consult
 * it; they never branch on a jurisdiction's name. Every field is documented in docs/rule-sets.md.
 *
 * Version 2 of MeetingScheduled (which carries a copy of the rule set) added the notice counting and
 * maximum, the record date window, the share-based quorum, the over-vote policy and broker non-votes;
 * a version 1 rule set is upcast to what it decided then (see src/application/upcasters.ts).
 */

/**
 * How days between two dates are counted:
 * - CLEAR_DAYS: neither the first day nor the meeting day counts (UK CA 2006 s.360, HK Cap. 622 s.571);
 * - DAYS_BEFORE: the difference of the dates, the meeting day counting (DGCL §§213, 222: "not less
 *   than 10 nor more than 60 days before the date of the meeting").
 */
export const DayCounting = t.keyof({ CLEAR_DAYS: null, DAYS_BEFORE: null });
export type DayCounting = t.TypeOf<typeof DayCounting>;

/** A maximum, where there is one, below its minimum would refuse every date: a malformed rule set. */
const withinBounds = (min: number, max: number | undefined): boolean => max === undefined || max >= min;

/** Notice before the meeting: at least minDays, and at most maxDays where the law sets a maximum. */
export const NoticePeriod = closed(
  t.refinement(
    t.readonly(
      t.intersection([
        t.type({ counting: DayCounting, minDays: ShareCount }),
        t.partial({ maxDays: ShareCount }),
      ]),
    ),
    (n) => withinBounds(n.minDays, n.maxDays),
    'NoticePeriod (maxDays ≥ minDays)',
  ),
);
export type NoticePeriod = t.OutputOf<typeof NoticePeriod>;

/**
 * How many days before the meeting the record date may fall (the date difference: the record date
 * 10 days before a meeting on the 20th is the 10th). 0 allows the meeting day itself; maxDaysBefore
 * is absent where the law sets no maximum.
 */
export const RecordDateWindow = closed(
  t.refinement(
    t.readonly(
      t.intersection([t.type({ minDaysBefore: ShareCount }), t.partial({ maxDaysBefore: ShareCount })]),
    ),
    (w) => withinBounds(w.minDaysBefore, w.maxDaysBefore),
    'RecordDateWindow (maxDaysBefore ≥ minDaysBefore)',
  ),
);
export type RecordDateWindow = t.OutputOf<typeof RecordDateWindow>;

const NoQuorum = closed(t.readonly(t.type({ kind: t.literal('NONE') })));

/** At least this many holders present in person or by proxy (HK Cap. 622 s.585, UK CA 2006 s.318: two). */
const HoldersPresentQuorum = closed(
  t.readonly(t.type({ kind: t.literal('HOLDERS_PRESENT'), minimum: PositiveInt })),
);

/**
 * A fraction of what is entitled to be voted at the meeting, present in person or by proxy (DGCL
 * §216: "a majority of the shares entitled to vote"). `measure` says whether shares or votes are
 * counted (they differ only for weighted classes). `floor` is the lowest fraction the law lets the
 * articles set (DGCL §216: "in no event … less than one-third"): a rule set whose fraction is below
 * its floor does not decode, so an issuer's lowered quorum is checked when its rule set is loaded.
 */
const SharesPresentQuorum = closed(
  t.refinement(
    t.readonly(
      t.intersection([
        t.type({
          kind: t.literal('SHARES_PRESENT'),
          measure: t.keyof({ SHARES: null, VOTES: null }),
          fraction: Threshold,
          comparator: Comparator,
        }),
        t.partial({ floor: Threshold }),
      ]),
    ),
    (q) => q.floor === undefined || atLeastFraction(q.fraction, q.floor),
    'QuorumNotBelowFloor',
  ),
);

const QUORUM_KINDS = {
  NONE: NoQuorum,
  HOLDERS_PRESENT: HoldersPresentQuorum,
  SHARES_PRESENT: SharesPresentQuorum,
} as const;
type QuorumCodec = (typeof QUORUM_KINDS)[keyof typeof QUORUM_KINDS];
const QuorumKind = t.keyof({ NONE: null, HOLDERS_PRESENT: null, SHARES_PRESENT: null });

/**
 * A quorum is checked against the one shape its `kind` names, so that a registrar's mistake is
 * reported in that shape's terms ("quorum must be QuorumNotBelowFloor") rather than as a mismatch
 * with some other kind.
 */
export const Quorum = new t.Type<t.TypeOf<QuorumCodec>, t.OutputOf<QuorumCodec>, unknown>(
  'Quorum',
  (u): u is t.TypeOf<QuorumCodec> => Object.values(QUORUM_KINDS).some((codec) => codec.is(u)),
  (u, context) => {
    const kind = typeof u === 'object' && u !== null ? (u as { kind?: unknown }).kind : undefined;
    if (!QuorumKind.is(kind)) return t.failure(kind, t.appendContext(context, 'kind', QuorumKind, kind));
    const member = QUORUM_KINDS[kind] as t.Type<t.TypeOf<QuorumCodec>, unknown, unknown>;
    // Keyed by its place among the kinds, as io-ts keys a union's members (left out of field paths).
    const index = String(Object.keys(QUORUM_KINDS).indexOf(kind));
    return member.validate(u, t.appendContext(context, index, member, u));
  },
  (q) => q as t.OutputOf<QuorumCodec>,
);
export type Quorum = t.OutputOf<typeof Quorum>;

/**
 * What happens to an instruction for more shares than its holder is represented for:
 * - REJECT: the vote is refused (OverVote) and nothing is counted;
 * - PRO_RATE: each category is scaled down to the shares represented (ChinaClear's practice for
 *   Stock Connect), exactly, by the rounding in over-vote.ts; the record keeps both figures.
 */
export const OverVotePolicy = t.keyof({ REJECT: null, PRO_RATE: null });
export type OverVotePolicy = t.TypeOf<typeof OverVotePolicy>;

/**
 * Broker non-votes (US street-name practice: a broker without instructions on a non-routine matter):
 * - NOT_RECOGNISED: a ballot may not report any;
 * - REPORTED_NOT_COUNTED: recorded with the vote and reported in the results, never FOR, AGAINST or
 *   ABSTAIN, and out of every base that depends on who voted or is present and entitled.
 */
export const BrokerNonVotes = t.keyof({ NOT_RECOGNISED: null, REPORTED_NOT_COUNTED: null });
export type BrokerNonVotes = t.TypeOf<typeof BrokerNonVotes>;

/**
 * Holders who vote online (attendance mode ONLINE), where the rule set admits them:
 * - PRESENT: they attend the meeting: among those present, in the quorum, and in every base of
 *   those attending (PRC: shareholders voting through the network vote are counted among those
 *   attending the meeting; DGCL §211(a)(2): remote participants are deemed present in person);
 * - NOT_IN_QUORUM: their votes count and they are among those attending, but the quorum counts only
 *   those present in person, by proxy or by corporate representative (articles that require it).
 * Absent, the rule set admits no online attendance, and recording one is refused.
 */
export const OnlineVoting = t.keyof({ PRESENT: null, NOT_IN_QUORUM: null });
export type OnlineVoting = t.TypeOf<typeof OnlineVoting>;

/**
 * What an elected candidate's votes (cumulated) are measured against under cumulative voting (PRC
 * Code of Corporate Governance art. 17; listed companies' cumulative voting rules): a fraction of the
 * non-cumulated votes of those attending, never of the cumulated ones.
 * - VOTES_CAST_AND_ABSTAINED: the votes (shares × votes per share) of every ballot, valid or not (an
 *   invalid ballot's votes are abstained, not absent);
 * - PRESENT_AND_ENTITLED: every vote represented at the meeting, whether or not a ballot was returned.
 */
export const CumulativeBase = t.keyof({ VOTES_CAST_AND_ABSTAINED: null, PRESENT_AND_ENTITLED: null });
export type CumulativeBase = t.TypeOf<typeof CumulativeBase>;

export const CumulativeVotingRule = closed(
  t.readonly(t.type({ threshold: Threshold, comparator: Comparator, base: CumulativeBase })),
);
export type CumulativeVotingRule = t.OutputOf<typeof CumulativeVotingRule>;

/**
 * When the continuation of an adjourned meeting needs a notice of its own, and what notice. The days
 * adjourned are counted from the date of the adjournment to the date of the resumption, compared as
 * the articles say: "more than 14 days" (MORE_THAN) or "30 days or more" (AT_LEAST). The notice is a
 * period counted to the resumption date, or AS_ORIGINAL_MEETING: the meeting kind's own period.
 * Absent, the rule set requires no notice of a resumed meeting (the common-law default: the time and
 * place announced at the meeting that adjourned suffice).
 */
export const AdjournmentRule = closed(
  t.readonly(
    t.type({
      noticeIfAdjournedFor: closed(t.readonly(t.type({ days: ShareCount, comparator: Comparator }))),
      notice: t.union([NoticePeriod, t.literal('AS_ORIGINAL_MEETING')]),
    }),
  ),
);
export type AdjournmentRule = t.OutputOf<typeof AdjournmentRule>;

/**
 * Provisional proposals by holders (PRC Company Law 2023 art. 115; art. 102 before): holders of at
 * least `minFraction` of the issued shares, alone or together, submit in writing at least
 * `minDaysBeforeMeeting` days (counted by `counting`) before the meeting; the board notifies the
 * other holders within `supplementaryNoticeWithinDays` days of receipt. Absent where the
 * jurisdiction's regime is another (UK s.338 / HK s.615 members' resolutions, US Rule 14a-8), which
 * govrec does not model: a proposal under such a rule set is refused.
 */
export const ShareholderProposalRule = closed(
  t.readonly(
    t.type({
      minFraction: Threshold,
      minDaysBeforeMeeting: ShareCount,
      counting: DayCounting,
      supplementaryNoticeWithinDays: ShareCount,
    }),
  ),
);
export type ShareholderProposalRule = t.OutputOf<typeof ShareholderProposalRule>;

/**
 * The notice period of a kind of meeting: a special general meeting is noticed as an extraordinary
 * one (it is one, by another name), so a rule set states periods for AGM, EGM and CLASS only.
 */
export const noticePeriodOf = (
  ruleSet: { readonly notice: Readonly<Record<'AGM' | 'EGM' | 'CLASS', NoticePeriod>> },
  kind: 'AGM' | 'EGM' | 'SGM' | 'CLASS',
): NoticePeriod => ruleSet.notice[kind === 'SGM' ? 'EGM' : kind];

/**
 * The codec of a rule set: decodes a rule set from JSON (a registrar's file, a meeting's
 * `MeetingScheduled`) and refuses one with an unknown field or a value out of bounds.
 */
export const RuleSet = closed(
  t.readonly(
    t.intersection([
      t.type({
        id: Id,
        name: NonEmptyString,
        jurisdiction: NonEmptyString,
        notice: closed(t.readonly(t.type({ AGM: NoticePeriod, EGM: NoticePeriod, CLASS: NoticePeriod }))),
        recordDate: RecordDateWindow,
        /** Proxies must be lodged at least this many hours before the meeting starts. */
        proxyDeadlineHours: ShareCount,
        quorum: Quorum,
        overVotePolicy: OverVotePolicy,
        brokerNonVotes: BrokerNonVotes,
        majorities: closed(t.readonly(t.type({ ORDINARY: MajorityRule, SPECIAL: MajorityRule }))),
        /** Where the rule comes from, for the record and for the announcement's wording. */
        sources: t.readonlyArray(NonEmptyString),
      }),
      /** Elections by cumulative voting; absent where the rule set provides none (then none is held). */
      t.partial({
        cumulativeVoting: CumulativeVotingRule,
        /** Notice of a resumed meeting; absent, none is required (see AdjournmentRule). */
        adjournment: AdjournmentRule,
        /** Holders' provisional proposals; absent, the rule set admits none (see ShareholderProposalRule). */
        shareholderProposals: ShareholderProposalRule,
        /** How the market usually presents results (form, not law); absent, DEFAULT_PRESENTATION. */
        presentation: Presentation,
        /** Holders voting online: admitted, and counted in the quorum or not; absent, not admitted. */
        onlineVoting: OnlineVoting,
      }),
    ]),
  ),
);
/**
 * A rule set: the rules of a jurisdiction and of an issuer's articles that a meeting is held under
 * (notice, record date, proxy deadline, quorum, over-votes, broker non-votes, majorities, and where
 * provided cumulative voting, adjournment and holders' proposals). docs/rule-sets.md has every field.
 */
export type RuleSet = t.OutputOf<typeof RuleSet>;

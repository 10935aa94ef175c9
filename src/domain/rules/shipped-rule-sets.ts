/**
 * The rule sets govrec ships, as data: each market's majorities, notice, quorum and presentation,
 * with the sources they come from. rule-sets.ts decodes them at load.
 */

/** Notice counted with neither the day of notice nor the meeting day, as every non-US rule set here. */
const CLEAR_DAYS = 'CLEAR_DAYS';

/** PRC: 20 days' notice of an annual meeting, 15 of an extraordinary (or class) one. */
const PRC_NOTICE = {
  AGM: { counting: CLEAR_DAYS, minDays: 20 },
  EGM: { counting: CLEAR_DAYS, minDays: 15 },
  CLASS: { counting: CLEAR_DAYS, minDays: 15 },
};

/** PRC special resolutions: two-thirds or more (三分之二以上) of the votes of those attending, abstentions in the base. */
const PRC_SPECIAL = {
  threshold: { numerator: 2, denominator: 3 },
  comparator: 'AT_LEAST',
  base: 'VOTES_CAST_AND_ABSTAINED',
};

/**
 * A PRC meeting suspended (by force majeure or the like) is resumed as soon as possible and the
 * resumption announced: notice, however short, whenever it resumes on a later day.
 */
const PRC_RESUMPTION = {
  noticeIfAdjournedFor: { days: 0, comparator: 'MORE_THAN' },
  notice: { counting: 'DAYS_BEFORE', minDays: 0 },
};

/**
 * PRC elections of two or more directors or supervisors by cumulative voting: each elected candidate
 * must have more than half (过半数) of the voting shares held by those attending, not cumulated.
 * Every attending vote is in that base: a ballot not returned counts as abstaining (CSRC Rules for
 * Shareholders' Meetings of Listed Companies: 未投的表决票…计为"弃权").
 */
const PRC_CUMULATIVE_VOTING = {
  threshold: { numerator: 1, denominator: 2 },
  comparator: 'MORE_THAN',
  base: 'PRESENT_AND_ENTITLED',
};

/** HKEX announcements of the reference kind: FOR, AGAINST and ABSTAIN of the three, 4 decimals. */
const HK_PRESENTATION = {
  percentageBase: 'VOTES_CAST_AND_ABSTAINED',
  decimals: 4,
  abstentions: 'ABSTAIN',
  dateStyle: 'MONTH_DAY_YEAR',
  numbering: 'NUMBERED',
};

/**
 * The rule sets govrec ships. Each passes through the RuleSet codec at load, so a malformed one
 * fails loudly at start-up rather than mis-deciding a vote.
 */
export const SHIPPED_RULE_SETS: readonly unknown[] = [
  {
    id: 'PRC-HKEX-H',
    name: 'PRC joint stock company listed on HKEX (H shares), articles requiring "no less than" the threshold',
    jurisdiction: 'PRC / Hong Kong',
    // PRC Company Law art. 102 (2018); class meetings follow the general meeting they accompany.
    notice: PRC_NOTICE,
    recordDate: { minDaysBefore: 0 },
    proxyDeadlineHours: 24,
    quorum: { kind: 'NONE' },
    overVotePolicy: 'REJECT',
    brokerNonVotes: 'NOT_RECOGNISED',
    majorities: {
      // Articles: ordinary resolutions pass by no less than one half, special by no less than two-thirds,
      // of the voting shares held by the holders (including proxies) attending: abstentions stay in the base.
      ORDINARY: {
        threshold: { numerator: 1, denominator: 2 },
        comparator: 'AT_LEAST',
        base: 'VOTES_CAST_AND_ABSTAINED',
      },
      SPECIAL: PRC_SPECIAL,
    },
    adjournment: PRC_RESUMPTION,
    // Art. 102 (2018): holders of 3% or more may submit a provisional proposal 10 days before the
    // meeting; the board notifies the other holders within 2 days of receipt.
    shareholderProposals: {
      minFraction: { numerator: 3, denominator: 100 },
      minDaysBeforeMeeting: 10,
      counting: 'DAYS_BEFORE',
      supplementaryNoticeWithinDays: 2,
    },
    // As the reference issuer publishes: every figure of FOR + AGAINST + ABSTAIN, 4 decimals.
    presentation: HK_PRESENTATION,
    sources: [
      'PRC Company Law art. 102, 103',
      'HKEX Listing Rules 13.39(4), 13.39(5)',
      "Issuer's articles of association",
      "CSRC Rules for Shareholders' Meetings of Listed Companies: a suspended meeting resumed as soon as possible and announced",
      "CSRC Rules for Shareholders' Meetings of Listed Companies art. 20: holders taking part through the network vote are deemed to attend",
    ],
    cumulativeVoting: PRC_CUMULATIVE_VOTING,
    // The A-share network vote: a holder voting online attends (视为出席); the rule set needs no quorum.
    onlineVoting: 'PRESENT',
  },
  {
    id: 'PRC-CL',
    name: 'PRC joint stock company (A shares), Company Law: ordinary resolutions by more than one half',
    jurisdiction: 'PRC',
    // Company Law (2023) art. 115, counted in clear days as for PRC-HKEX-H, which never admits a
    // notice the law would refuse.
    notice: PRC_NOTICE,
    // The CSRC's "no more than 7 working days" between record date and meeting needs a business-day
    // calendar, which a rule set does not hold; only the meeting day bounds the record date here.
    recordDate: { minDaysBefore: 0 },
    proxyDeadlineHours: 24,
    // The Company Law sets no quorum for a shareholders' meeting.
    quorum: { kind: 'NONE' },
    // Northbound (Stock Connect) instructions through HKSCC that exceed the shares held are pro-rated.
    overVotePolicy: 'PRO_RATE',
    brokerNonVotes: 'NOT_RECOGNISED',
    majorities: {
      // Art. 116: ordinary resolutions need more than half (过半数) of the voting rights of the holders
      // attending, special ones two-thirds or more (三分之二以上); abstentions are in the base.
      ORDINARY: {
        threshold: { numerator: 1, denominator: 2 },
        comparator: 'MORE_THAN',
        base: 'VOTES_CAST_AND_ABSTAINED',
      },
      SPECIAL: PRC_SPECIAL,
    },
    adjournment: PRC_RESUMPTION,
    // Art. 115 (2023): holders of 1% or more (以上: at least), alone or together, may submit a
    // provisional proposal in writing 10 days before the meeting; the board notifies the other holders
    // within 2 days of receipt.
    shareholderProposals: {
      minFraction: { numerator: 1, denominator: 100 },
      minDaysBeforeMeeting: 10,
      counting: 'DAYS_BEFORE',
      supplementaryNoticeWithinDays: 2,
    },
    presentation: HK_PRESENTATION,
    sources: [
      'PRC Company Law (2023) art. 115, 116',
      "CSRC Rules for Shareholders' Meetings of Listed Companies",
      'ChinaClear practice for Stock Connect: over-instructions pro-rated',
    ],
    cumulativeVoting: PRC_CUMULATIVE_VOTING,
    // The network vote (art. 20 of the CSRC rules): a holder voting online is deemed to attend.
    onlineVoting: 'PRESENT',
  },
  {
    id: 'HK-CAP622',
    name: 'Hong Kong incorporated company (Companies Ordinance, Cap. 622)',
    jurisdiction: 'Hong Kong',
    notice: {
      AGM: { counting: CLEAR_DAYS, minDays: 21 },
      EGM: { counting: CLEAR_DAYS, minDays: 14 },
      CLASS: { counting: CLEAR_DAYS, minDays: 14 },
    },
    recordDate: { minDaysBefore: 0 },
    proxyDeadlineHours: 48,
    quorum: { kind: 'HOLDERS_PRESENT', minimum: 2 },
    overVotePolicy: 'REJECT',
    brokerNonVotes: 'NOT_RECOGNISED',
    majorities: {
      // s.563: ordinary = simple majority of votes cast; s.564: special = at least 75% of votes cast.
      ORDINARY: { threshold: { numerator: 1, denominator: 2 }, comparator: 'MORE_THAN', base: 'VOTES_CAST' },
      SPECIAL: { threshold: { numerator: 3, denominator: 4 }, comparator: 'AT_LEAST', base: 'VOTES_CAST' },
    },
    // Cap. 622 sets no rule; articles in the form of the former Table A (Cap. 32, reg. 57), kept by many
    // Hong Kong companies: a meeting adjourned for 30 days or more is noticed as an original meeting.
    adjournment: {
      noticeIfAdjournedFor: { days: 30, comparator: 'AT_LEAST' },
      notice: 'AS_ORIGINAL_MEETING',
    },
    // Many Hong Kong issuers state FOR, AGAINST and ABSTAIN each of the three together.
    presentation: { ...HK_PRESENTATION, decimals: 2 },
    sources: [
      'Companies Ordinance Cap. 622 ss.563, 564, 571, 585',
      'HKEX Listing Rules 13.39(4)',
      'Articles in the form of Table A (former Cap. 32) reg. 57: notice of a meeting adjourned for 30 days or more',
    ],
  },
  {
    id: 'UK-CA2006',
    name: 'UK traded company (Companies Act 2006)',
    jurisdiction: 'United Kingdom',
    notice: {
      AGM: { counting: CLEAR_DAYS, minDays: 21 },
      EGM: { counting: CLEAR_DAYS, minDays: 14 },
      CLASS: { counting: CLEAR_DAYS, minDays: 14 },
    },
    recordDate: { minDaysBefore: 0 },
    proxyDeadlineHours: 48,
    quorum: { kind: 'HOLDERS_PRESENT', minimum: 2 },
    overVotePolicy: 'REJECT',
    brokerNonVotes: 'NOT_RECOGNISED',
    majorities: {
      // s.282 and s.283: votes withheld are not votes; the base is FOR + AGAINST.
      ORDINARY: { threshold: { numerator: 1, denominator: 2 }, comparator: 'MORE_THAN', base: 'VOTES_CAST' },
      SPECIAL: { threshold: { numerator: 3, denominator: 4 }, comparator: 'AT_LEAST', base: 'VOTES_CAST' },
    },
    // Model articles for public companies (SI 2008/3229 Sch. 3 art. 33(5); private: Sch. 1 art. 41(5)):
    // a continuation more than 14 days after the adjournment needs at least 7 clear days' notice.
    adjournment: {
      noticeIfAdjournedFor: { days: 14, comparator: 'MORE_THAN' },
      notice: { counting: CLEAR_DAYS, minDays: 7 },
    },
    // FOR and AGAINST of the votes cast, 2 decimals; withheld votes a count without a percentage.
    presentation: {
      percentageBase: 'VOTES_CAST',
      decimals: 2,
      abstentions: 'WITHHELD',
      dateStyle: 'DAY_MONTH_YEAR',
      numbering: 'NUMBERED',
      // A UK traded company publishes a "Result of AGM" with the s.341(1A) figures.
      form: 'UK_RESULT_OF_MEETING',
    },
    sources: [
      'Companies Act 2006 ss.282, 283, 307, 307A, 318, 327, 341, 360',
      'Companies (Model Articles) Regulations 2008 Sch. 3 art. 33(5), Sch. 1 art. 41(5)',
    ],
  },
  {
    id: 'DE-DGCL',
    name: 'Delaware corporation (General Corporation Law), default rules',
    jurisdiction: 'Delaware, United States',
    // §222(b): notice not less than 10 nor more than 60 days before the date of the meeting.
    notice: {
      AGM: { counting: 'DAYS_BEFORE', minDays: 10, maxDays: 60 },
      EGM: { counting: 'DAYS_BEFORE', minDays: 10, maxDays: 60 },
      CLASS: { counting: 'DAYS_BEFORE', minDays: 10, maxDays: 60 },
    },
    // §213(a): a record date not more than 60 nor less than 10 days before the date of the meeting.
    recordDate: { minDaysBefore: 10, maxDaysBefore: 60 },
    // The DGCL sets no deadline for proxies (§212); 0 admits any proxy lodged before the meeting starts.
    proxyDeadlineHours: 0,
    // §216: a majority of the shares entitled to vote, present in person or by proxy; the charter or
    // bylaws may lower it, never below one-third.
    quorum: {
      kind: 'SHARES_PRESENT',
      measure: 'SHARES',
      fraction: { numerator: 1, denominator: 2 },
      comparator: 'MORE_THAN',
      floor: { numerator: 1, denominator: 3 },
    },
    overVotePolicy: 'REJECT',
    // NYSE Rule 452: brokers vote uninstructed shares on routine matters only; the rest are reported.
    brokerNonVotes: 'REPORTED_NOT_COUNTED',
    majorities: {
      // §216(2): a majority of the shares present and entitled to vote on the subject matter; an
      // abstention is present and entitled, so it counts against.
      ORDINARY: {
        threshold: { numerator: 1, denominator: 2 },
        comparator: 'MORE_THAN',
        base: 'PRESENT_AND_ENTITLED',
      },
      // §242(b)(1): an amendment of the certificate of incorporation needs a majority of the
      // outstanding stock entitled to vote; Delaware has no "special resolution" as such.
      SPECIAL: { threshold: { numerator: 1, denominator: 2 }, comparator: 'MORE_THAN', base: 'OUTSTANDING' },
    },
    // §222(c): no notice of an adjourned meeting announced at the meeting, unless the adjournment is
    // for more than 30 days; that notice is given as §222(b) requires (10 to 60 days before).
    adjournment: {
      noticeIfAdjournedFor: { days: 30, comparator: 'MORE_THAN' },
      notice: { counting: 'DAYS_BEFORE', minDays: 10, maxDays: 60 },
    },
    // US reports of results (Form 8-K item 5.07) give counts; the percentages beside them are of the
    // ballots, FOR + AGAINST + ABSTAIN, as govrec printed them before presentation was data.
    presentation: HK_PRESENTATION,
    sources: ['Delaware General Corporation Law §§211(a)(2), 212, 213, 216, 222, 242', 'NYSE Rule 452'],
    // §211(a)(2): stockholders participating by remote communication are deemed present in person.
    onlineVoting: 'PRESENT',
  },
];

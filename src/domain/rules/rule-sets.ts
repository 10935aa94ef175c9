import { isRight } from 'fp-ts/Either';
import { RuleSet } from './rule-set';

/**
 * The rule sets govrec ships. Each passes through the RuleSet codec at load, so a malformed one
 * fails loudly at start-up rather than mis-deciding a vote.
 */
const shipped: readonly unknown[] = [
  {
    id: 'PRC-HKEX-H',
    name: 'PRC joint stock company listed on HKEX (H shares), articles requiring "no less than" the threshold',
    jurisdiction: 'PRC / Hong Kong',
    // PRC Company Law art. 102 (2018): 20 days' notice of an annual meeting, 15 of an extraordinary one;
    // class meetings follow the general meeting they accompany.
    notice: { AGM: { minClearDays: 20 }, EGM: { minClearDays: 15 }, CLASS: { minClearDays: 15 } },
    proxyDeadlineHours: 24,
    quorum: { kind: 'NONE' },
    majorities: {
      // Articles: ordinary resolutions pass by no less than one half, special by no less than two-thirds,
      // of the voting shares held by the holders (including proxies) attending: abstentions stay in the base.
      ORDINARY: {
        threshold: { numerator: 1, denominator: 2 },
        comparator: 'AT_LEAST',
        base: 'VOTES_CAST_AND_ABSTAINED',
      },
      SPECIAL: {
        threshold: { numerator: 2, denominator: 3 },
        comparator: 'AT_LEAST',
        base: 'VOTES_CAST_AND_ABSTAINED',
      },
    },
    sources: [
      'PRC Company Law art. 102, 103',
      'HKEX Listing Rules 13.39(4), 13.39(5)',
      "Issuer's articles of association",
    ],
  },
  {
    id: 'HK-CAP622',
    name: 'Hong Kong incorporated company (Companies Ordinance, Cap. 622)',
    jurisdiction: 'Hong Kong',
    notice: { AGM: { minClearDays: 21 }, EGM: { minClearDays: 14 }, CLASS: { minClearDays: 14 } },
    proxyDeadlineHours: 48,
    quorum: { kind: 'HOLDERS_PRESENT', minimum: 2 },
    majorities: {
      // s.563: ordinary = simple majority of votes cast; s.564: special = at least 75% of votes cast.
      ORDINARY: { threshold: { numerator: 1, denominator: 2 }, comparator: 'MORE_THAN', base: 'VOTES_CAST' },
      SPECIAL: { threshold: { numerator: 3, denominator: 4 }, comparator: 'AT_LEAST', base: 'VOTES_CAST' },
    },
    sources: ['Companies Ordinance Cap. 622 ss.563, 564, 571, 585', 'HKEX Listing Rules 13.39(4)'],
  },
  {
    id: 'UK-CA2006',
    name: 'UK traded company (Companies Act 2006)',
    jurisdiction: 'United Kingdom',
    notice: { AGM: { minClearDays: 21 }, EGM: { minClearDays: 14 }, CLASS: { minClearDays: 14 } },
    proxyDeadlineHours: 48,
    quorum: { kind: 'HOLDERS_PRESENT', minimum: 2 },
    majorities: {
      // s.282 and s.283: votes withheld are not votes; the base is FOR + AGAINST.
      ORDINARY: { threshold: { numerator: 1, denominator: 2 }, comparator: 'MORE_THAN', base: 'VOTES_CAST' },
      SPECIAL: { threshold: { numerator: 3, denominator: 4 }, comparator: 'AT_LEAST', base: 'VOTES_CAST' },
    },
    sources: ['Companies Act 2006 ss.282, 283, 307, 307A, 318, 327, 341, 360'],
  },
];

const decodeShipped = (raw: unknown): RuleSet => {
  const decoded = RuleSet.decode(raw);
  if (isRight(decoded)) return decoded.right;
  // A shipped rule set that does not decode is a programming error, caught by the first test run.
  // eslint-disable-next-line no-restricted-syntax
  throw new Error(`Shipped rule set is invalid: ${JSON.stringify(raw).slice(0, 80)}`);
};

export const RULE_SETS: ReadonlyMap<string, RuleSet> = new Map(
  shipped.map(decodeShipped).map((r) => [r.id, r]),
);

export const ruleSetById = (id: string): RuleSet | undefined => RULE_SETS.get(id);

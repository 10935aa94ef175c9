import { Either, isLeft, isRight, left, right } from 'fp-ts/Either';
import * as t from 'io-ts';
import { closed } from '../shared/codecs';
import { decodeError } from '../shared/decode-error';
import { DomainError, refuse } from '../shared/errors';
import { RuleSet } from './rule-set';
import { SHIPPED_RULE_SETS } from './shipped-rule-sets';

const decodeShipped = (raw: unknown): RuleSet => {
  const decoded = RuleSet.decode(raw);
  if (isRight(decoded)) return decoded.right;
  // A shipped rule set that does not decode is a programming error, caught by the first test run.
  // eslint-disable-next-line no-restricted-syntax
  throw new Error(`Shipped rule set is invalid: ${JSON.stringify(raw).slice(0, 80)}`);
};

/** The rule sets govrec ships (PRC-HKEX-H, PRC-CL, HK-CAP622, UK-CA2006, DE-DGCL), by id. */
export const RULE_SETS: ReadonlyMap<string, RuleSet> = new Map(
  SHIPPED_RULE_SETS.map(decodeShipped).map((r) => [r.id, r]),
);

/** A shipped rule set by its id; undefined when govrec ships none by that id. */
export const ruleSetById = (id: string): RuleSet | undefined => RULE_SETS.get(id);

/** A file of rule sets: `{ "ruleSets": [ … ] }`, each one a whole RuleSet (docs/rule-sets.md). */
const RuleSetFile = closed(t.readonly(t.type({ ruleSets: t.readonlyArray(RuleSet) })));

/**
 * Extra rule sets a registrar keeps beside the shipped ones (an issuer's articles, another
 * jurisdiction), from a parsed JSON document. Every one must decode whole; an id may appear once
 * and may not redefine a shipped rule set, whose meaning meetings already recorded rely on.
 */
export function parseRuleSets(json: unknown): Either<DomainError, RuleSet[]> {
  const decoded = RuleSetFile.decode(json);
  if (isLeft(decoded)) return left(decodeError('InvalidRuleSet', decoded.left));
  const seen = new Set<string>();
  for (const [i, ruleSet] of decoded.right.ruleSets.entries()) {
    const field = `ruleSets[${i}].id`;
    if (RULE_SETS.has(ruleSet.id))
      return left(refuse('ShippedRuleSet', field, `${ruleSet.id} is shipped with govrec; choose another id`));
    if (seen.has(ruleSet.id))
      return left(refuse('DuplicateRuleSet', field, `${ruleSet.id} appears more than once`));
    seen.add(ruleSet.id);
  }
  return right([...decoded.right.ruleSets]);
}

/** The lookup a command handler takes: the shipped rule sets, then the extra ones. */
export const ruleSetsWith =
  (extra: readonly RuleSet[]) =>
  (id: string): RuleSet | undefined =>
    RULE_SETS.get(id) ?? extra.find((r) => r.id === id);

import { describeRule, MajorityBase, MajorityRule } from '../../domain/rules/majority-rule';
import { Inline, inline } from './blocks';
import { Drafting } from './context';

/**
 * How the announcement words a majority, for a resolution and for an election alike: the rule's
 * wording (describeRule) of what FOR was measured against, in the words of the base the rule names.
 */
export const majorityPhrase = (rule: MajorityRule, short: string, drafting: Drafting): Inline[] =>
  inline`votes representing ${describeRule(rule)} of ${basePhrase(rule.base, short, drafting)}`;

/** What FOR was measured against, in the words of the base the rule names. */
function basePhrase(base: MajorityBase, short: string, { terms }: Drafting): Inline[] {
  switch (base) {
    case 'VOTES_CAST_AND_ABSTAINED':
      return inline`the total Shares with valid voting rights held by the ${terms.use('Shareholders')} (including their proxies) attending the ${short}`;
    case 'VOTES_CAST':
      return inline`the votes cast by the ${terms.use('Shareholders')} (including their proxies) attending the ${short}`;
    case 'PRESENT_AND_ENTITLED':
      return inline`the total Shares with voting rights represented by the ${terms.use('Shareholders')} (including their proxies) attending the ${short} and entitled to vote`;
    case 'OUTSTANDING':
      return inline`the total Shares entitling the holders to vote at the ${short}`;
  }
}

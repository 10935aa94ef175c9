import { Inline, inline } from './blocks';

/**
 * Defined terms: an announcement defines a term where it first uses it ("shareholders of the Company
 * (the “Shareholders”)") and uses the short form after. The generator walks the announcement in
 * reading order with one Terms, so the definition lands where the reader first meets the term.
 */
export type Term = 'Shareholders' | 'Hong Kong Listing Rules';

const DEFINITIONS: Readonly<Record<Term, { readonly long: string; readonly short: string }>> = {
  Shareholders: { long: 'shareholders of the Company', short: 'Shareholders' },
  'Hong Kong Listing Rules': {
    long: 'the Rules Governing the Listing of Securities on the Hong Kong Stock Exchange',
    short: 'the Hong Kong Listing Rules',
  },
};

/** "phrase (the “Term”)", the term in bold as announcements print it. */
export const defining = (phrase: string | readonly Inline[], term: string): Inline[] =>
  inline`${phrase} (the “${{ strong: term }}”)`;

export interface Terms {
  use(term: Term): Inline[];
}

export function definedTerms(): Terms {
  const used = new Set<Term>();
  return {
    use(term) {
      if (used.has(term)) return [DEFINITIONS[term].short];
      used.add(term);
      return defining(DEFINITIONS[term].long, term);
    },
  };
}

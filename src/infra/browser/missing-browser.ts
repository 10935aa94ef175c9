/**
 * No headless Chromium to print with: what is missing and how to get it. Kept apart from the
 * launcher, whose declarations name the optional driver's types, so that govrec's public types never
 * need the optional packages.
 */
export class MissingBrowser extends Error {
  /** The rule a refusal names: MissingBrowser. */
  readonly rule = 'MissingBrowser';
}

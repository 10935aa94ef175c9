import * as t from 'io-ts';
import { closed } from '../shared/codecs';
import { MajorityBase } from './majority-rule';

/**
 * How an issuer presents its poll results: form, not law. Whether a resolution passed is decided by
 * its majority rule alone; the presentation says which figure the percentages printed are of, to how
 * many decimals, how abstentions are labelled, how dates are written and whether resolutions are
 * numbered. A rule set carries its market's usual presentation; a meeting may set its own, and
 * `MeetingScheduled` records the one it is published with.
 */

/**
 * The figure every percentage of a row is of (all of one row on one base, never a mix):
 * - VOTES_CAST: FOR + AGAINST (UK practice); ABSTAIN (withheld) is given no percentage;
 * - VOTES_CAST_AND_ABSTAINED: FOR + AGAINST + ABSTAIN (many HK issuers, the reference case);
 * - MAJORITY_BASE: the base the resolution's majority rule measures FOR against; ABSTAIN gets a
 *   percentage only where that base counts it.
 */
export const PercentageBase = t.keyof({
  VOTES_CAST: null,
  VOTES_CAST_AND_ABSTAINED: null,
  MAJORITY_BASE: null,
});
export type PercentageBase = t.TypeOf<typeof PercentageBase>;

/**
 * How abstentions are shown: as ABSTAIN, as "Votes withheld" (UK: not a vote in law), or not at all
 * (an issuer that prints only FOR and AGAINST).
 */
export const AbstentionsShown = t.keyof({ ABSTAIN: null, WITHHELD: null, NOT_SHOWN: null });
export type AbstentionsShown = t.TypeOf<typeof AbstentionsShown>;

/** "November 23, 2023" (MONTH_DAY_YEAR) or "23 November 2023" (DAY_MONTH_YEAR). */
export const DateStyle = t.keyof({ MONTH_DAY_YEAR: null, DAY_MONTH_YEAR: null });
export type DateStyle = t.TypeOf<typeof DateStyle>;

/**
 * Whether resolutions are printed with their numbers (or labels, "2(a)", where the resolution has
 * one) or unnumbered (a meeting that puts a single resolution).
 */
export const Numbering = t.keyof({ NUMBERED: null, UNNUMBERED: null });
export type Numbering = t.TypeOf<typeof Numbering>;

/** Decimals a percentage is printed to: 0 to 8. */
export const Decimals = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0 && n <= 8,
  'Decimals (an integer from 0 to 8)',
);

const PRESENTATION_FIELDS = {
  percentageBase: PercentageBase,
  decimals: Decimals,
  abstentions: AbstentionsShown,
  dateStyle: DateStyle,
  numbering: Numbering,
};

/**
 * The form of the announcement: the HKEX poll results announcement, or the UK "Result of AGM" with
 * the CA 2006 s.341(1A) figures (one meeting to a release).
 */
export const AnnouncementForm = t.keyof({ HKEX_POLL_RESULTS: null, UK_RESULT_OF_MEETING: null });
/** The form of the announcement (see {@link AnnouncementForm}). */
export type AnnouncementForm = t.TypeOf<typeof AnnouncementForm>;

/**
 * - classRows: whether the announcement prints a row per class under each resolution's total (an
 *   A+H issuer's A and H rows, a WVR company's Class A and Class B rows). The results JSON, table
 *   and API always carry the breakdown; absent, false (the reference prints totals only).
 * - independentShareOfIssued: where holders are required to abstain, whether the announcement gives
 *   the independent holders' shares also as a percentage of the issued shares (some HK issuers do,
 *   others state the number alone). The results always carry the abstaining holding's percentage;
 *   absent, true.
 * - form: the announcement's form where no caller names one (MeetingScheduled version 5); absent,
 *   the HKEX poll results announcement.
 */
const OPTIONAL_FIELDS = {
  classRows: t.boolean,
  independentShareOfIssued: t.boolean,
  form: AnnouncementForm,
};

/** The codec of a presentation: every field given but the optional class rows. */
export const Presentation = closed(
  t.readonly(t.intersection([t.type(PRESENTATION_FIELDS), t.partial(OPTIONAL_FIELDS)])),
);
/** How an issuer presents its poll results (see the fields' codecs). */
export type Presentation = t.TypeOf<typeof Presentation>;

/** A meeting's own choices over its rule set's presentation: any of the fields, the rest inherited. */
export const PresentationOverride = closed(
  t.readonly(t.partial({ ...PRESENTATION_FIELDS, ...OPTIONAL_FIELDS })),
);
/** Fields of a presentation a meeting sets over its rule set's. */
export type PresentationOverride = t.TypeOf<typeof PresentationOverride>;

/**
 * The presentation of results before it was data (MeetingScheduled version 2 and a rule set that
 * names none): 4 decimals, on the majority's base, ABSTAIN, American dates, numbered.
 */
export const DEFAULT_PRESENTATION: Presentation = {
  percentageBase: 'MAJORITY_BASE',
  decimals: 4,
  abstentions: 'ABSTAIN',
  dateStyle: 'MONTH_DAY_YEAR',
  numbering: 'NUMBERED',
};

/** The rule set's presentation (or the default), with the meeting's own choices over it. */
export const presentationFor = (
  ruleSetPresentation: Presentation | undefined,
  meeting: PresentationOverride | undefined,
): Presentation => ({ ...(ruleSetPresentation ?? DEFAULT_PRESENTATION), ...(meeting ?? {}) });

/**
 * The base the percentages of one row are of: the presentation's, or the majority's where it says
 * so. A row's ABSTAIN has a percentage only if its base counts abstentions.
 */
export function shownBase(presentation: Presentation, majorityBase: MajorityBase | undefined): MajorityBase {
  if (presentation.percentageBase !== 'MAJORITY_BASE') return presentation.percentageBase;
  return majorityBase ?? 'VOTES_CAST_AND_ABSTAINED';
}

/** Whether ABSTAIN is part of the base, hence given a percentage. */
export const baseCountsAbstentions = (base: MajorityBase): boolean => base !== 'VOTES_CAST';

/** The fields in one order, whether folded or read back from storage (stored as canonical JSON). */
export const inFieldOrder = (p: Presentation): Presentation => ({
  percentageBase: p.percentageBase,
  decimals: p.decimals,
  abstentions: p.abstentions,
  dateStyle: p.dateStyle,
  numbering: p.numbering,
  ...(p.classRows !== undefined ? { classRows: p.classRows } : {}),
  ...(p.independentShareOfIssued !== undefined
    ? { independentShareOfIssued: p.independentShareOfIssued }
    : {}),
  ...(p.form !== undefined ? { form: p.form } : {}),
});

/**
 * A resolution's label as a table of results prints it: a number takes a full stop ("1."), a label
 * that ends otherwise stands as the notice prints it ("2(a)", "(b)"); nothing where the issuer
 * numbers no resolution.
 */
export const printedLabel = (label: string, numbering: Numbering): string =>
  numbering === 'UNNUMBERED' ? '' : /\d$/.test(label) ? `${label}.` : label;

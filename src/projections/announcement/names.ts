import { MeetingKind } from '../../domain/meeting/events';
import { dateOf } from '../../domain/shared/dates';
import { DateStyle } from '../../domain/rules/presentation';

/**
 * How an announcement names a meeting. The short name is derived from the kind and class ("EGM",
 * "A Shares Class Meeting"); the ordinal title ("the first extraordinary general meeting of 2023")
 * comes from MeetingScheduled.title. A class meeting counts in its class's shares and holders.
 */
export interface MeetingNames {
  /** "EGM", "AGM", "A Shares Class Meeting" */
  readonly short: string;
  /** AGM or EGM: every class attends. */
  readonly general: boolean;
  /** "Shares" at a general meeting, "A Shares" at the A class meeting. */
  readonly unit: string;
  /** "A Shareholders" at a class meeting; general meetings use the defined term "Shareholders". */
  readonly classHolders: string;
  /** "the first extraordinary general meeting of 2023" */
  readonly titleInText: string;
  /** "extraordinary general meeting", "A shares class meeting" */
  readonly kindName: string;
}

const KIND_NAMES: Readonly<Record<Exclude<MeetingKind, 'CLASS'>, string>> = {
  AGM: 'annual general meeting',
  EGM: 'extraordinary general meeting',
  SGM: 'special general meeting',
};

export function meetingNames(
  kind: MeetingKind,
  classes: readonly { code: string }[],
  title: string,
): MeetingNames {
  const code = classes[0]?.code ?? '';
  const general = kind !== 'CLASS';
  return {
    short: general ? kind : `${code} Shares Class Meeting`,
    general,
    unit: general ? 'Shares' : `${code} Shares`,
    classHolders: `${code} Shareholders`,
    titleInText: inText(title),
    kindName: general ? KIND_NAMES[kind] : `${code} shares class meeting`,
  };
}

/** A title in running text takes a lower-case article: "The first…" → "the first…", "AGM 2024" → "the AGM 2024". */
export const inText = (title: string): string =>
  /^the /i.test(title) ? `the ${title.slice(4)}` : `the ${title}`;

/** "The conference room…" → "the conference room…"; other places are proper names and stay as they are. */
export const placeInText = (place: string): string => (/^The /.test(place) ? `the ${place.slice(4)}` : place);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * "2023-11-23" (or an instant, taken on its own date) → "November 23, 2023", or "23 November 2023"
 * where the issuer writes dates day first.
 */
export function longDate(isoDate: string, style: DateStyle = 'MONTH_DAY_YEAR'): string {
  const [year, month, day] = dateOf(isoDate).split('-').map(Number);
  return style === 'DAY_MONTH_YEAR'
    ? `${day} ${MONTHS[month - 1]} ${year}`
    : `${MONTHS[month - 1]} ${day}, ${year}`;
}

/** "2023-11-23" → "Thursday, November 23, 2023" (a civil date: its weekday does not depend on a zone). */
export function dayAndDate(isoDate: string, style: DateStyle = 'MONTH_DAY_YEAR'): string {
  const [year, month, day] = dateOf(isoDate).split('-').map(Number);
  return `${WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]}, ${longDate(isoDate, style)}`;
}

/** "A", "A and B", "A, B and C" (or "A, B, and C" with the serial comma). */
export function listed(items: readonly string[], serialComma = false): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}${serialComma ? ',' : ''} and ${items[items.length - 1]}`;
}

/** Numbers in order, without repeats, in runs of consecutive ones: [1, 3, 5, 6, 7] → [[1], [3], [5, 6, 7]]. */
export function numberRuns(numbers: readonly number[]): number[][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const n of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === n - 1) run.push(n);
    else runs.push([n]);
  }
  return runs;
}

/** Each resolution's label by its number at a meeting; a number without one is its own label. */
export type Labels = ReadonlyMap<number, string>;

/**
 * Runs of consecutive numbers, each cited by its labels: a run of one or two by each label, a longer
 * one as a range between its first and last ("2(a)" to "2(c)"), joined by `to` ("to", "至").
 */
export function labelRuns(numbers: readonly number[], labels: Labels | undefined, to: string): string[] {
  const label = (n: number) => labels?.get(n) ?? String(n);
  // Two consecutive numbers read better as "2 and 3" than as a range.
  return numberRuns(numbers)
    .flatMap((r) => splitWhere(r.map(label), (a, b) => !rangeContinues(a, b)))
    .flatMap((r) => (r.length <= 2 ? r : [`${r[0]}${to}${r[r.length - 1]}`]));
}

/** "2(b)" → "2", "(a)" → "": what a label's last bracketed part hangs from; null for a label without one. */
const stemOf = (label: string): string | null => /^(.*)\([^()]*\)$/.exec(label)?.[1] ?? null;

/**
 * Whether a range may run on from one label to the next: 3 to 4, or 2(a) to 2(b); never from 1 to
 * 2(a), which would read as if it stopped at a number the notice does not print.
 */
function rangeContinues(a: string, b: string): boolean {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(b) === Number(a) + 1;
  const stem = stemOf(a);
  return stem !== null && stem === stemOf(b);
}

/** Splits a list into runs, starting a new run before each item that `breaks` from the one before it. */
function splitWhere<T>(items: readonly T[], breaks: (a: T, b: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const [i, item] of items.entries()) {
    if (i > 0 && !breaks(items[i - 1], item)) runs[runs.length - 1].push(item);
    else runs.push([item]);
  }
  return runs;
}

/**
 * Resolutions as the announcement cites them, by their labels in the notice's order: "No. 1",
 * "No. 2 to 4", "No. 1, 3 and 5 to 7", "No. 2(a) and 2(b)".
 */
export const numbersPhrase = (numbers: readonly number[], labels?: Labels): string =>
  `No. ${listed(labelRuns(numbers, labels, ' to '))}`;

/** "resolution No. 1", "resolutions No. 2 to 4". */
export const resolutionsPhrase = (numbers: readonly number[], labels?: Labels): string =>
  `${new Set(numbers).size > 1 ? 'resolutions' : 'resolution'} ${numbersPhrase(numbers, labels)}`;

import {
  ANNOUNCEMENT_FORMATS,
  ANNOUNCEMENT_LANGUAGES,
  AnnouncementFormat,
  AnnouncementLanguage,
  RuleSet,
} from '../../index';

/** The command line after the command's name, as read. */
export interface Args {
  readonly positional: string[];
  readonly format: 'json' | 'table';
  /** The announcement's format, when --format names one (pdf: printed by headless Chromium). */
  readonly textFormat?: AnnouncementFormat | 'pdf';
  /** The announcement's language: en (the default) or zh-Hant. */
  readonly lang?: AnnouncementLanguage;
  /** Where to write the announcement (a PDF goes to standard output otherwise). */
  readonly out?: string;
  readonly meetings: string[];
  readonly store?: string;
  readonly readModels?: string;
  readonly port?: number;
  readonly keys?: string;
  readonly seed?: string;
  readonly announcementOptions?: string;
  /** A JSON file of rule sets beyond the shipped ones ({"ruleSets": [...]}); or $GOVREC_RULE_SETS. */
  readonly ruleSetsFile?: string;
}

/** What a command runs with: its arguments and the registrar's rule sets, read. */
export interface Options extends Args {
  /** The rule sets of ruleSetsFile, beyond the shipped ones (none: the shipped alone). */
  readonly ruleSets: readonly RuleSet[];
}

/** Options that take a value, and the field each sets. */
const VALUE_OPTIONS: Readonly<Record<string, keyof Args>> = {
  '--format': 'format',
  '--meeting': 'meetings',
  '--store': 'store',
  '--read-models': 'readModels',
  '--port': 'port',
  '--keys': 'keys',
  '--seed-if-empty': 'seed',
  '--announcement-options': 'announcementOptions',
  '--rule-sets': 'ruleSetsFile',
  '--lang': 'lang',
  '--out': 'out',
};

const TABLE_FORMATS: readonly string[] = ['json', 'table'];
const FORMATS: readonly string[] = [...TABLE_FORMATS, ...ANNOUNCEMENT_FORMATS, 'pdf'];

/** Each option's value (the meetings apart, as many as given), or what is wrong with the line. */
function valuesOf(args: readonly string[]) {
  const positional: string[] = [];
  const values: Record<string, string> = {};
  const meetings: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const field = VALUE_OPTIONS[arg];
    if (!field) return `Unknown option ${arg}`;
    const value = args[++i];
    if (value === undefined || value.startsWith('--')) return `${arg} takes a value`;
    if (field === 'meetings') meetings.push(value);
    else values[field] = value;
  }
  return { positional, values, meetings };
}

/** The arguments, or what is wrong with them. */
export function parseArgs(args: readonly string[]): Args | string {
  const read = valuesOf(args);
  if (typeof read === 'string') return read;
  const { positional, values, meetings } = read;
  const format = values.format ?? 'table';
  if (!FORMATS.includes(format)) return `--format takes ${FORMATS.join(', ')}, not ${format}`;
  if (values.lang !== undefined && !ANNOUNCEMENT_LANGUAGES.includes(values.lang as AnnouncementLanguage))
    return `--lang takes ${ANNOUNCEMENT_LANGUAGES.join(', ')}, not ${values.lang}`;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    return '--port takes a port number (0 to 65535)';
  return {
    positional,
    meetings,
    format: TABLE_FORMATS.includes(format) ? (format as 'json' | 'table') : 'table',
    ...(TABLE_FORMATS.includes(format) ? {} : { textFormat: format as AnnouncementFormat | 'pdf' }),
    ...(values.lang ? { lang: values.lang as AnnouncementLanguage } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(port !== undefined ? { port } : {}),
    store: values.store,
    readModels: values.readModels,
    keys: values.keys,
    seed: values.seed,
    announcementOptions: values.announcementOptions,
    ruleSetsFile: values.ruleSetsFile,
  };
}

import { OptionSpec } from './command-line';

/** The options that the commands reading or writing a store share, declared once. */
export const STORE: Readonly<Record<string, OptionSpec>> = {
  store: {
    type: 'string',
    value: '<store>',
    help: 'sqlite:<path> (default sqlite:./govrec.db, or $GOVREC_STORE), esdb://host:2113?tls=false, or memory.',
  },
  'read-models': {
    type: 'string',
    value: '<path>',
    help: 'The read-model database (default: beside a SQLite store, <name>.read.db).',
  },
};

/** A registrar's own rule sets, beyond the shipped ones. */
export const RULE_SETS: Readonly<Record<string, OptionSpec>> = {
  'rule-sets': {
    type: 'string',
    value: '<file>',
    help: "A registrar's rule sets (or $GOVREC_RULE_SETS), added to the shipped ones (docs/rule-sets.md).",
  },
};

/** The meetings a read is limited to. */
export const MEETINGS: Readonly<Record<string, OptionSpec>> = {
  meeting: { type: 'string', multiple: true, value: '<id>', help: 'Only this meeting (as often as wanted).' },
};

/** What the announcement says that no event records. */
export const ANNOUNCEMENT_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'announcement-options': {
    type: 'string',
    value: '<file>',
    help: 'What the announcement says that no event records (the company, the scrutineer, …).',
  },
};

/** The announcement's language, and a file to write it to (a PDF goes to standard output otherwise). */
export const ANNOUNCEMENT_OUTPUT: Readonly<Record<string, OptionSpec>> = {
  lang: { type: 'string', value: 'en|zh-Hant', help: 'The language: en (the default) or zh-Hant.' },
  form: {
    type: 'string',
    value: 'hkex|uk-result-of-meeting',
    help: "The form: the HKEX poll results or the UK Result of AGM (default: the meeting's presentation's).",
  },
  out: { type: 'string', value: '<file>', help: 'Write the announcement to this file.' },
};

import { ANNOUNCEMENT_FORMATS } from '../../index';
import { IMPORT_OPTIONS, importCommand } from '../import/run-import';
import { AS_AT } from './as-at-option';
import { CliCommand } from './command-line';
import { announcement, apply, rebuild, replay, results, snapshots, verify } from './commands';
import { ANNOUNCEMENT_OPTIONS, ANNOUNCEMENT_OUTPUT, MEETINGS, RULE_SETS, STORE } from './common-options';
import { ISO20022_COMMAND } from './iso20022-command';
import { KEYS_OPTIONS, keysCommand } from './keys-command';
import { RECEIPT_COMMAND } from './receipt-command';
import { audit, AUDIT_OPTIONS, holder, proxies, READ_FORMATS } from './record-reads';
import { SERVE_OPTIONS, serveCommand } from './serve-command';

/** What the results are written as: a table for a terminal, JSON, or CSV for a spreadsheet. */
const RESULTS_FORMATS = ['table', 'json', 'csv'];

/**
 * Every command of the CLI, in the order the help lists them. A command is a declaration (its
 * name, options and formats) and a handler: adding one is adding an entry here, and its parsing,
 * its `--help` and its refusals of a bad line come with it (command-line.ts).
 */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'replay',
    args: '<scenario.json>',
    summary: "Run a scenario's commands in memory and print the results.",
    options: { ...MEETINGS, ...RULE_SETS },
    formats: RESULTS_FORMATS,
    ruleSets: true,
    run: replay,
  },
  {
    name: 'apply',
    args: '<scenario.json>',
    summary: "Record a scenario's commands in the store and bring the read models up to date.",
    details: 'Commands already recorded (the same command ids) are not recorded again.',
    options: { ...STORE, ...RULE_SETS },
    ruleSets: true,
    run: apply,
  },
  {
    name: 'results',
    summary: 'Print the results from the read models (caught up with the store first).',
    options: { ...MEETINGS, ...AS_AT, ...STORE, ...RULE_SETS },
    formats: RESULTS_FORMATS,
    ruleSets: true,
    run: results,
  },
  {
    name: 'rebuild',
    summary: 'Drop the read models and fold every event again from position zero.',
    options: { ...STORE, ...RULE_SETS },
    ruleSets: true,
    run: rebuild,
  },
  {
    name: 'import',
    args: 'register|proxies|votes <file.csv>',
    summary: "Record a registrar's CSV file row by row, with progress; refused rows go to a rejects file.",
    details:
      "Each row is checked by the domain's rules. Refused rows go to <file.csv>.rejects.csv (or --rejects).\nRun again after an interruption: rows already recorded are skipped. Exit 1 if any row was refused.",
    options: IMPORT_OPTIONS,
    run: importCommand,
  },
  {
    name: 'verify',
    summary:
      "Check the record's hash chain and each certified meeting against its seal; exit 1 if anything changed.",
    options: { ...MEETINGS, ...STORE, ...RULE_SETS },
    formats: ['table', 'json'],
    ruleSets: true,
    run: verify,
  },
  {
    name: 'snapshots',
    args: '[check|discard]',
    summary:
      'Fold each stream that has a snapshot and compare; exit 1 if one does not match (discard: and forget it).',
    options: { ...STORE, ...RULE_SETS },
    ruleSets: true,
    run: snapshots,
  },
  {
    name: 'announcement',
    summary: 'Print the poll-results announcement generated from the record.',
    details: 'pdf is printed by headless Chromium (optional dependencies; see README, "The announcement").',
    options: { ...MEETINGS, ...ANNOUNCEMENT_OPTIONS, ...ANNOUNCEMENT_OUTPUT, ...STORE, ...RULE_SETS },
    formats: [...ANNOUNCEMENT_FORMATS, 'pdf'],
    ruleSets: true,
    run: announcement,
  },
  RECEIPT_COMMAND,
  ISO20022_COMMAND,
  {
    name: 'serve',
    summary: "Serve the read models as JSON, accept commands from API keys' holders, and the results page.",
    details: 'The port is --port if given, else $PORT, else 3000. Stops on SIGINT or SIGTERM.',
    options: { ...SERVE_OPTIONS, ...RULE_SETS },
    ruleSets: true,
    run: serveCommand,
  },
  {
    name: 'keys',
    args: 'add|list',
    summary: 'Add an API key for serve (printed once; only its hash is kept), or list who holds one.',
    details:
      'govrec keys add --role REGISTRAR --actor registrar:acme prints the new key on stdout, once.\nThe roles, and what each may do, are in docs/cli.md.',
    options: KEYS_OPTIONS,
    run: keysCommand,
  },
  {
    name: 'audit',
    summary:
      'Print the audit trail: every event, who caused it, when and why, filtered as the API filters it.',
    details: "The CLI is the operator's tool: whoever can open the store reads every holder (docs/cli.md).",
    options: AUDIT_OPTIONS,
    formats: READ_FORMATS,
    run: audit,
  },
  {
    name: 'proxies',
    summary:
      "Print a meeting's proxy register: each holder's proxy in force and those superseded or revoked.",
    options: {
      meeting: { ...MEETINGS.meeting, multiple: false, help: 'The meeting (required).' },
      ...AS_AT,
      ...STORE,
    },
    formats: READ_FORMATS,
    run: proxies,
  },
  {
    name: 'holder',
    args: '<holderId>',
    summary:
      'Print how a holder took part in each meeting: holding, attendance, votes (a rejected one marked).',
    options: STORE,
    formats: READ_FORMATS,
    run: holder,
  },
];

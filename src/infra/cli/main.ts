import { AggregateStateCache } from '../state-cache/aggregate-state-cache';
import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../application/command-handler';
import { runCommands, scenarioCommands, ScenarioFailure } from '../../application/scenario';
import { toDomainEvent } from '../../application/stored-events';
import { parseRuleSets, ruleSetById, ruleSetsWith } from '../../domain/rules/rule-sets';
import { RuleSet } from '../../domain/rules/rule-set';
import { foldResults, ResultsModels, resultsView } from '../../projections/results/view';
import { EventStore } from '../../application/event-store';
import { GovrecCommand } from '../../domain/commands';
import { ProjectionRunner } from '../read-models/projection-runner';
import { SqliteReadModels } from '../read-models/sqlite-read-models';
import { openStore, readModelPath, storeLocation } from './store-location';
import { ApiKeys } from '../http/api-keys';
import { verifyMeeting, Verdict } from '../../application/record-verification';
import { checkSnapshots } from '../state-cache/snapshot-check';
import { serve } from '../http/serve';
import { runImport } from '../import/run-import';
import { readAnnouncementOptions } from '../http/announcement-options';
import { announcement, AnnouncementOptions } from '../../projections/announcement';
import { announcementHtml } from '../../projections/announcement/html';
import { announcementMarkdown } from '../../projections/announcement/markdown';
import { announcementText } from '../../projections/announcement/text';
import {
  ANNOUNCEMENT_FACTS,
  PersistedProjection,
  RESULTS,
  RESULTS_ONLY,
} from '../read-models/persisted-projections';
import { MemoryEventStore } from '../store/memory/memory-event-store';
import { formatResultsTable } from './results-table';

/** Exit codes: 0 done; 1 refused by a rule; 2 bad usage or unreadable input; 3 unexpected failure. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failure: 3 } as const;

const USAGE = `Usage:
  govrec replay <scenario.json> [--format json|table] [--meeting <id>]...
      Run a scenario's commands in memory and print the results.
  govrec apply <scenario.json> [--store <store>]
      Record a scenario's commands in the store and bring the read models up to date.
  govrec results [--meeting <id>]... [--format json|table] [--store <store>]
      Print the results from the read models (caught up with the store first).
  govrec rebuild [--store <store>]
      Drop the read models and fold every event again from position zero.
  govrec import register|proxies|votes <file.csv> --meeting <id> [--store <store>] [--rejects <file>]
               [--actor <actor>] [--batch-size <n>]
      Record a registrar's CSV file row by row, with progress; refused rows go to a rejects file.
  govrec verify [--meeting <id>]... [--format json|table] [--store <store>]
      Check each certified meeting's record against its seal; exit 1 if anything changed.
  govrec snapshots [check|discard] [--store <store>]
      Fold each stream that has a snapshot and compare; exit 1 if one does not match (discard: and forget it).
  govrec announcement [--meeting <id>]... [--format text|markdown|html] [--announcement-options <file>] [--store <store>]
      Print the poll-results announcement generated from the record.
  govrec serve [--port 3000] [--store <store>] [--keys <file>] [--seed-if-empty <scenario.json>]
               [--announcement-options <file>]
      Serve the read models as JSON, accept commands from API keys' holders, and the results page.

  <store> is sqlite:<path> (default sqlite:./govrec.db, or $GOVREC_STORE), esdb://host:2113?tls=false, or memory.
  --read-models <path> places the read-model database (default: beside a SQLite store, <name>.read.db).
  --rule-sets <file> (or $GOVREC_RULE_SETS) adds a registrar's rule sets to the shipped ones (docs/rule-sets.md).`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

interface Options {
  readonly positional: string[];
  readonly format: 'json' | 'table';
  readonly meetings: string[];
  readonly store?: string;
  readonly readModels?: string;
  readonly port?: number;
  readonly keys?: string;
  readonly seed?: string;
  readonly announcementOptions?: string;
  readonly textFormat?: 'text' | 'markdown' | 'html';
  /** A JSON file of rule sets beyond the shipped ones ({"ruleSets": [...]}); or $GOVREC_RULE_SETS. */
  readonly ruleSetsFile?: string;
  /** The rule sets in force: the shipped ones and those of ruleSetsFile. */
  readonly ruleSets?: (id: string) => RuleSet | undefined;
}

/** Options that take a value, and the field each sets. */
const VALUE_OPTIONS: Readonly<Record<string, keyof Options>> = {
  '--format': 'format',
  '--meeting': 'meetings',
  '--store': 'store',
  '--read-models': 'readModels',
  '--port': 'port',
  '--keys': 'keys',
  '--seed-if-empty': 'seed',
  '--announcement-options': 'announcementOptions',
  '--rule-sets': 'ruleSetsFile',
};

const TABLE_FORMATS = ['json', 'table'];
const TEXT_FORMATS = ['text', 'markdown', 'html'];

function parseArgs(args: readonly string[]): Options | string {
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
  const format = values.format ?? 'table';
  if (![...TABLE_FORMATS, ...TEXT_FORMATS].includes(format)) {
    return `--format takes ${[...TABLE_FORMATS, ...TEXT_FORMATS].join(', ')}, not ${format}`;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    return '--port takes a port number (0 to 65535)';
  }
  return {
    positional,
    meetings,
    format: TABLE_FORMATS.includes(format) ? (format as 'json' | 'table') : 'table',
    ...(TEXT_FORMATS.includes(format) ? { textFormat: format as 'text' | 'markdown' | 'html' } : {}),
    ...(port !== undefined ? { port } : {}),
    store: values.store,
    readModels: values.readModels,
    keys: values.keys,
    seed: values.seed,
    announcementOptions: values.announcementOptions,
    ruleSetsFile: values.ruleSetsFile,
  };
}

const describeFailure = (f: ScenarioFailure): string =>
  `command ${f.index} refused: ${f.error.rule} at ${f.error.field}: ${f.error.message}`;

/** Reads and decodes a scenario file; every command is checked before any is run. */
function loadScenario(
  options: Options,
  io: Io,
  verb: string,
  file = options.positional[0],
): GovrecCommand[] | number {
  if (!file) return usage(io, `${verb} needs a scenario file`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    io.err(`Cannot read scenario ${file}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const commands = scenarioCommands(raw);
  if (isLeft(commands)) {
    io.err(`${file}: ${describeFailure(commands.left)}\n`);
    return EXIT.usage;
  }
  return commands.right;
}

async function record(
  store: EventStore,
  commands: GovrecCommand[],
  options: Options,
  io: Io,
): Promise<number> {
  const ran = await runCommands(
    new CommandHandler(store, { ruleSets: options.ruleSets ?? ruleSetById, states: new AggregateStateCache(store) }),
    commands,
  );
  if (isLeft(ran)) {
    io.err(`${options.positional[0]}: ${describeFailure(ran.left)}\n`);
    return EXIT.refused;
  }
  return EXIT.ok;
}

function printResults(models: ResultsModels, options: Options, io: Io): number {
  const view = resultsView(models, options.meetings.length > 0 ? options.meetings : undefined);
  io.out(options.format === 'json' ? JSON.stringify(view, null, 2) + '\n' : formatResultsTable(view));
  return EXIT.ok;
}

async function replay(options: Options, io: Io): Promise<number> {
  const commands = loadScenario(options, io, 'replay');
  if (typeof commands === 'number') return commands;
  const store = new MemoryEventStore();
  try {
    const recorded = await record(store, commands, options, io);
    if (recorded !== EXIT.ok) return recorded;
    return printResults(foldResults((await store.readAll()).map(toDomainEvent)), options, io);
  } finally {
    await store.close();
  }
}

/**
 * Opens the store and the read models the options name, runs `work`, and closes both whatever
 * happens. `projections` are the read models the runner loads and keeps (all by default): a query
 * loads only those it reads, not the others' documents.
 */
async function withStore(
  options: Options,
  io: Io,
  work: (store: EventStore, runner: ProjectionRunner, readModels: SqliteReadModels) => Promise<number>,
  projections?: readonly PersistedProjection<unknown>[],
) {
  const location = storeLocation(options.store, process.env);
  if (typeof location === 'string') return usage(io, location);
  const store = openStore(location);
  const readModels = new SqliteReadModels(readModelPath(location, options.readModels));
  try {
    return await work(store, new ProjectionRunner(store, readModels, { projections }), readModels);
  } finally {
    readModels.close();
    await store.close();
  }
}

const apply = (options: Options, io: Io): Promise<number> => {
  const commands = loadScenario(options, io, 'apply');
  if (typeof commands === 'number') return Promise.resolve(commands);
  return withStore(options, io, async (store, runner) => {
    const recorded = await record(store, commands, options, io);
    await runner.catchUp();
    if (recorded === EXIT.ok)
      io.out(`Recorded ${commands.length} commands; read models at position ${runner.checkpoint}.\n`);
    return recorded;
  });
};

const results = (options: Options, io: Io): Promise<number> =>
  withStore(
    options,
    io,
    async (_store, runner) => {
      await runner.catchUp();
      return printResults(runner.results, options, io);
    },
    RESULTS_ONLY,
  );

const rebuild = (options: Options, io: Io): Promise<number> =>
  withStore(options, io, async (_store, runner) => {
    await runner.rebuild();
    io.out(`Read models rebuilt up to position ${runner.checkpoint}.\n`);
    return EXIT.ok;
  });

function usage(io: Io, problem?: string): number {
  if (problem) io.err(`${problem}\n`);
  io.err(`${USAGE}\n`);
  return EXIT.usage;
}

/** The shipped rule sets, and those of a registrar's file, checked by the RuleSet codec. */
function loadRuleSets(file: string | undefined): ((id: string) => RuleSet | undefined) | string {
  if (!file) return ruleSetById;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return `Cannot read rule sets ${file}: ${(error as Error).message}`;
  }
  const parsed = parseRuleSets(json);
  return isLeft(parsed)
    ? `${file}: ${parsed.left.rule} at ${parsed.left.field}: ${parsed.left.message}`
    : ruleSetsWith(parsed.right);
}

export async function run(args: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  // The import has options of its own (src/infra/import/run-import.ts).
  if (command === 'import') return runImport(rest, io);
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string') return usage(io, parsed);
  const ruleSets = loadRuleSets(parsed.ruleSetsFile ?? process.env.GOVREC_RULE_SETS);
  if (typeof ruleSets === 'string') return usage(io, ruleSets);
  const options: Options = { ...parsed, ruleSets };
  switch (command) {
    case 'replay':
      return replay(options, io);
    case 'apply':
      return apply(options, io);
    case 'results':
      return results(options, io);
    case 'rebuild':
      return rebuild(options, io);
    case 'serve':
      return serveCommand(options, io);
    case 'verify':
      return verify(options, io);
    case 'snapshots':
      return snapshotsCommand(options, io);
    case 'announcement':
      return announce(options, io);
    case undefined:
    case 'help':
    case '--help':
      io.out(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      return usage(io, `Unknown command ${command}`);
  }
}

/** Serves until SIGINT or SIGTERM, then closes the server and checkpoints the read models. */
async function serveCommand(options: Options, io: Io): Promise<number> {
  const seed = options.seed ? loadScenario(options, io, 'serve', options.seed) : undefined;
  if (typeof seed === 'number') return seed;
  const keysFile = options.keys ?? process.env.GOVREC_API_KEYS;
  let keys: ApiKeys;
  try {
    keys = keysFile ? ApiKeys.fromFile(keysFile) : ApiKeys.none();
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  let announcementOptions: AnnouncementOptions;
  try {
    announcementOptions = readAnnouncementOptions(options.announcementOptions);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  return withStore(options, io, async (store, _runner, readModels) => {
    const serving = await serve({
      announcementOptions,
      ruleSets: options.ruleSets,
      store,
      readModels,
      keys,
      port: options.port ?? 3000,
      seedIfEmpty: seed,
      log: (l) => io.err(`${l}\n`),
    });
    io.out(
      `govrec is serving ${serving.address}/ (API under ${serving.address}/api/)${keysFile ? '' : '; no API keys: read only'}\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await serving.close();
    return EXIT.ok;
  });
}

const describeVerdict = (v: Verdict): string => {
  if (!v.certified) return `${v.meetingId}: results not certified; nothing sealed to check`;
  if (!v.sealed) return `${v.meetingId}: certified without a seal (schema version 1); cannot be checked`;
  if (v.clean) return `${v.meetingId}: clean — ${v.events} events match the seal (root ${v.root})`;
  const lines = v.findings.map(
    (f) => `  ${f.kind} ${f.streamName}${f.revision === undefined ? '' : `@${f.revision}`}: ${f.detail}`,
  );
  return [
    `${v.meetingId}: ${v.findings.length} change(s) since certification (root ${v.root})`,
    ...lines,
  ].join('\n');
};

/** Exit 0 when every meeting checked is certified, sealed and unchanged; 1 otherwise. */
const verify = (options: Options, io: Io): Promise<number> =>
  withStore(options, io, async (store) => {
    const ids =
      options.meetings.length > 0
        ? options.meetings
        : (await store.readAll())
            .filter((e) => e.type === 'ResultsCertified')
            .map((e) => (e.data as { meetingId: string }).meetingId);
    const verdicts = await Promise.all([...new Set(ids)].map((id) => verifyMeeting(store, id)));
    io.out(
      options.format === 'json'
        ? JSON.stringify(verdicts, null, 2) + '\n'
        : verdicts.map(describeVerdict).join('\n') + '\n',
    );
    return verdicts.length > 0 && verdicts.every((v) => v.clean) ? EXIT.ok : EXIT.refused;
  });

/** Exit 0 when every snapshot is the state its events fold to; 1 otherwise (discarded, if asked). */
const snapshotsCommand = (options: Options, io: Io): Promise<number> => {
  const action = options.positional[0] ?? 'check';
  if (action !== 'check' && action !== 'discard')
    return Promise.resolve(usage(io, `govrec snapshots takes check or discard, not ${action}`));
  return withStore(options, io, async (store) => {
    const findings = await checkSnapshots(store, { discard: action === 'discard' });
    for (const f of findings)
      io.out(`${f.streamName} @${f.revision}: ${f.verdict}${f.discarded ? ', discarded' : ''}\n`);
    io.out(`${findings.length} snapshot(s) checked\n`);
    return findings.every((f) => f.verdict === 'matches') ? EXIT.ok : EXIT.refused;
  });
};

const RENDERERS = { text: announcementText, markdown: announcementMarkdown, html: announcementHtml } as const;

/** The announcement generated from the read models, caught up with the store first. */
const announce = (options: Options, io: Io): Promise<number> => {
  let announcementOptions: AnnouncementOptions;
  try {
    announcementOptions = readAnnouncementOptions(options.announcementOptions);
  } catch (error) {
    return Promise.resolve(usage(io, (error as Error).message));
  }
  return withStore(
    options,
    io,
    async (_store, runner) => {
      await runner.catchUp();
      const models = { results: runner.results, facts: runner.model(ANNOUNCEMENT_FACTS) };
      const meetings = options.meetings.length > 0 ? options.meetings : undefined;
      io.out(
        RENDERERS[options.textFormat ?? 'text'](announcement(models, announcementOptions, meetings)) + '\n',
      );
      return EXIT.ok;
    },
    [RESULTS, ANNOUNCEMENT_FACTS] as readonly PersistedProjection<unknown>[],
  );
};

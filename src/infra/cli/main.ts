import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../../application/command-handler';
import { runCommands, scenarioCommands, ScenarioFailure } from '../../application/scenario';
import { toDomainEvent } from '../../application/stored-events';
import { ruleSetById } from '../../domain/rules/rule-sets';
import { foldResults, resultsView } from '../../projections/results-view';
import { MemoryEventStore } from '../store/memory/memory-event-store';
import { formatResultsTable } from './results-table';

/** Exit codes: 0 done; 1 refused by a rule; 2 bad usage or unreadable input; 3 unexpected failure. */
export const EXIT = { ok: 0, refused: 1, usage: 2, failure: 3 } as const;

const USAGE = `Usage:
  govrec replay <scenario.json> [--format json|table] [--meeting <id>]...
      Run a scenario's commands in memory and print the results.`;

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

interface Options {
  readonly positional: string[];
  readonly format: 'json' | 'table';
  readonly meetings: string[];
}

function parseArgs(args: readonly string[]): Options | string {
  const positional: string[] = [];
  const meetings: string[] = [];
  let format: 'json' | 'table' = 'table';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') {
      const value = args[++i];
      if (value !== 'json' && value !== 'table')
        return `--format takes json or table, not ${value ?? 'nothing'}`;
      format = value;
    } else if (arg === '--meeting') {
      const value = args[++i];
      if (!value) return '--meeting takes a meeting id';
      meetings.push(value);
    } else if (arg.startsWith('--')) return `Unknown option ${arg}`;
    else positional.push(arg);
  }
  return { positional, format, meetings };
}

const describeFailure = (f: ScenarioFailure): string =>
  `command ${f.index} refused: ${f.error.rule} at ${f.error.field}: ${f.error.message}`;

async function replay(options: Options, io: Io): Promise<number> {
  const [file] = options.positional;
  if (!file) return usage(io, 'replay needs a scenario file');
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
  const store = new MemoryEventStore();
  const ran = await runCommands(new CommandHandler(store, { ruleSets: ruleSetById }), commands.right);
  if (isLeft(ran)) {
    io.err(`${file}: ${describeFailure(ran.left)}\n`);
    return EXIT.refused;
  }
  const models = foldResults((await store.readAll()).map(toDomainEvent));
  const view = resultsView(models, options.meetings.length > 0 ? options.meetings : undefined);
  io.out(options.format === 'json' ? JSON.stringify(view, null, 2) + '\n' : formatResultsTable(view));
  await store.close();
  return EXIT.ok;
}

function usage(io: Io, problem?: string): number {
  if (problem) io.err(`${problem}\n`);
  io.err(`${USAGE}\n`);
  return EXIT.usage;
}

export async function run(args: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  const options = parseArgs(rest);
  if (typeof options === 'string') return usage(io, options);
  switch (command) {
    case 'replay':
      return replay(options, io);
    case undefined:
    case 'help':
    case '--help':
      io.out(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      return usage(io, `Unknown command ${command}`);
  }
}

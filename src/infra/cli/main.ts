import { runImport } from '../import/run-import';
import { announcement, apply, rebuild, replay, results, snapshots, verify } from './commands';
import { loadRuleSets } from './inputs';
import { Options, parseArgs } from './options';
import { serveCommand } from './serve-command';
import { EXIT, Io, usage, USAGE } from './usage';

export { EXIT, USAGE } from './usage';
export type { Io } from './usage';

const COMMANDS: Readonly<Record<string, (options: Options, io: Io) => Promise<number>>> = {
  replay,
  apply,
  results,
  rebuild,
  serve: serveCommand,
  verify,
  snapshots,
  announcement,
};

/** `govrec <command> …`: what the bin runs; answers the exit code. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  // The import has options of its own (src/infra/import/run-import.ts).
  if (command === 'import') return runImport(rest, io);
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string') return usage(io, parsed);
  const ruleSets = loadRuleSets(parsed.ruleSetsFile ?? process.env.GOVREC_RULE_SETS);
  if (typeof ruleSets === 'string') return usage(io, ruleSets);
  if (command === undefined || command === 'help' || command === '--help') {
    io.out(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const chosen = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!chosen) return usage(io, `Unknown command ${command}`);
  return chosen({ ...parsed, ruleSets }, io);
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alternatives,
  CliCommand,
  commandHelp,
  commandLine,
  formatProblem,
  Io,
  readCommandLine,
} from './command-line';
import { COMMANDS } from './command-table';
import { loadRuleSets } from './inputs';
import { EXIT, refuseUsage } from './usage';

export { EXIT } from './usage';
export type { Io } from './command-line';

const commandNamed = (name: string): CliCommand | undefined => COMMANDS.find((c) => c.name === name);

/** How govrec is used: each command in a line, and where each says more. */
export const USAGE = [
  'Usage: govrec <command> [arguments] [options]',
  '',
  'Commands:',
  ...COMMANDS.flatMap((c) => [`  govrec ${c.name}${c.args ? ` ${c.args}` : ''}`, `      ${c.summary}`]),
  '',
  'govrec <command> --help says what a command takes; govrec --version says which govrec this is.',
  'The store is --store, else $GOVREC_STORE, else sqlite:./govrec.db; the port of serve is --port, else $PORT, else 3000.',
].join('\n');

/** The version of the package this CLI came with (package.json, beside src/ and dist/ alike). */
export function govrecVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** `govrec`, `govrec --help`, `govrec help [command]`, `govrec --version`: answered before any command runs. */
function general(args: readonly string[], io: Io): number | undefined {
  const [first, second] = args;
  if (first === undefined) {
    io.err(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.out(`govrec ${govrecVersion()}\n`);
    return EXIT.ok;
  }
  if (first !== 'help' && first !== '--help' && first !== '-h') return undefined;
  const asked = second === undefined ? undefined : commandNamed(second);
  if (second !== undefined && !asked) return refuseUsage(io, undefined, unknownCommand(second));
  io.out(`${asked ? commandHelp(asked) : USAGE}\n`);
  return EXIT.ok;
}

const unknownCommand = (name: string): string =>
  `there is no command ${name}; the commands are ${alternatives(COMMANDS.map((c) => c.name))}`;

/** `govrec <command> …`: what the bin runs; answers the exit code. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const answered = general(args, io);
  if (answered !== undefined) return answered;
  const [name, ...rest] = args;
  const command = commandNamed(name);
  if (!command) return refuseUsage(io, undefined, unknownCommand(name));
  const read = readCommandLine(command, rest);
  if (typeof read === 'string')
    return refuseUsage(
      io,
      name,
      read === 'unknown option --format' ? `writes one format only; it takes no --format` : read,
    );
  if (read.values.help === true) {
    io.out(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  const line = commandLine(command, read, []);
  const badFormat = formatProblem(command, line.text('format'));
  if (badFormat) return refuseUsage(io, name, badFormat);
  if (!command.ruleSets) return command.run(line, io);
  const ruleSets = loadRuleSets(line.text('rule-sets') ?? process.env.GOVREC_RULE_SETS);
  if (typeof ruleSets === 'string') return refuseUsage(io, name, ruleSets);
  return command.run(commandLine(command, read, ruleSets), io);
}

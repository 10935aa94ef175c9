import { parseArgs, ParseArgsConfig } from 'node:util';
import { RuleSet } from '../../index';

/** One option of a command: how Node's `util.parseArgs` reads it, and how `--help` shows it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** May be given more than once (e.g. `--meeting a --meeting b`). */
  readonly multiple?: boolean;
  /** A one-letter alias (`-h`). */
  readonly short?: string;
  /** The value's placeholder in the help, e.g. `<store>`. */
  readonly value?: string;
  /** What the option does, in one line. */
  readonly help: string;
}

/** What a command runs with: the words and options read from its command line, and the rule sets. */
export interface CommandLine {
  /** The command's name, as typed. */
  readonly command: string;
  readonly positional: readonly string[];
  /** The format asked for, one of the command's own; its first (the default) when none was asked for. */
  readonly format: string;
  /** The registrar's rule sets beyond the shipped ones (none: the shipped alone). */
  readonly ruleSets: readonly RuleSet[];
  /** A string option's value (the last, if given several times). */
  text(name: string): string | undefined;
  /** Every value of an option given as often as wanted. */
  list(name: string): string[];
  /** Whether a boolean option was given. */
  flag(name: string): boolean;
  /** Shorthands the store-reading commands use: `--store`, `--read-models`, each `--meeting`. */
  readonly store: string | undefined;
  readonly readModels: string | undefined;
  readonly meetings: string[];
}

/** Where the CLI writes: stdout for what was asked, stderr for problems and progress. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/**
 * One command of the CLI, declared: its name, what it takes, the formats it writes, and the handler.
 * The table of these (command-table.ts) is the CLI: parsing, `--help` and refusals come from it.
 */
export interface CliCommand {
  readonly name: string;
  /** The positional arguments as the help shows them, e.g. `<scenario.json>`. */
  readonly args?: string;
  /** What it does, in one line. */
  readonly summary: string;
  /** More, for its own `--help`. */
  readonly details?: string;
  /** Its options (`--help` and, with formats, `--format` are added to every command). */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** The formats its `--format` takes, the default first; none: it takes no `--format`. */
  readonly formats?: readonly string[];
  /** Reads the rule sets (`--rule-sets` or $GOVREC_RULE_SETS) before it runs. */
  readonly ruleSets?: boolean;
  run(line: CommandLine, io: Io): Promise<number>;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'Say how this command is used, and exit.' };

/** Every option a command takes, including those every command takes. */
export function optionsOf(command: CliCommand): Readonly<Record<string, OptionSpec>> {
  const format: Record<string, OptionSpec> = command.formats
    ? {
        format: {
          type: 'string',
          value: command.formats.join('|'),
          help: `How to write the answer (default ${command.formats[0]}).`,
        },
      }
    : {};
  return { ...command.options, ...format, help: HELP };
}

/** "a, b or c". */
export const alternatives = (words: readonly string[]): string =>
  words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The words and options of a command line as `util.parseArgs` reads them; or what is wrong, in words. */
export function readCommandLine(
  command: CliCommand,
  args: readonly string[],
): { positional: string[]; values: Values } | string {
  const options = optionsOf(command);
  const config: ParseArgsConfig = {
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) },
      ]),
    ),
  };
  try {
    const { positionals, values } = parseArgs(config);
    return { positional: positionals, values: values as Values };
  } catch (error) {
    return problemOf(error as Error & { code?: string }, options);
  }
}

/** util.parseArgs' refusal said in govrec's words (its own messages suggest `--opt=-value` and the like). */
function problemOf(error: Error & { code?: string }, options: Readonly<Record<string, OptionSpec>>): string {
  const named = /'(-{1,2}[^'\s,]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${named ?? ''}`.trimEnd();
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = named?.replace(/^-+/, '') ?? '';
    const spec = Object.entries(options).find(([n, o]) => n === name || o.short === name);
    if (spec && spec[1].type === 'string')
      return `--${spec[0]} takes a value ${spec[1].value ?? ''}`.trimEnd();
    if (spec) return `--${spec[0]} takes no value`;
  }
  return error.message.split('\n')[0];
}

/** The command line the handler reads, its values typed by the command's option specs. */
export function commandLine(
  command: CliCommand,
  read: { positional: string[]; values: Values },
  ruleSets: readonly RuleSet[],
): CommandLine {
  const { values } = read;
  const last = (name: string): string | undefined => {
    const value = values[name];
    const one = Array.isArray(value) ? value[value.length - 1] : value;
    return typeof one === 'string' ? one : undefined;
  };
  const list = (name: string): string[] => {
    const value = values[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
  };
  return {
    command: command.name,
    positional: read.positional,
    format: last('format') ?? command.formats?.[0] ?? '',
    ruleSets,
    text: last,
    list,
    flag: (name) => values[name] === true,
    store: last('store'),
    readModels: last('read-models'),
    meetings: list('meeting'),
  };
}

/** The formats' check: undefined when the format asked for is one the command writes. */
export function formatProblem(command: CliCommand, format: string | undefined): string | undefined {
  if (format === undefined || command.formats?.includes(format)) return undefined;
  return `--format takes ${alternatives(command.formats ?? [])}, not ${format}`;
}

/** A command's own help: how it is called, what it does, and each option. */
export function commandHelp(command: CliCommand): string {
  const options = optionsOf(command);
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
    return [flag + (o.multiple ? ' …' : ''), o.help];
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: govrec ${command.name}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    `  ${command.summary}`,
    ...(command.details ? ['', ...command.details.split('\n').map((l) => (l ? `  ${l}` : ''))] : []),
    '',
    'Options:',
    ...rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`),
  ].join('\n');
}

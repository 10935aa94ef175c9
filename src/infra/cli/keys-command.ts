import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ApiKeys, sha256 } from '../../http';
import { Role, ROLES } from '../../index';
import { alternatives, CommandLine, Io, OptionSpec } from './command-line';
import { EXIT, refuseUsage } from './usage';

/** The keys file when neither --keys nor $GOVREC_API_KEYS names one. */
export const DEFAULT_KEYS_FILE = 'govrec-keys.json';

/** The options of `govrec keys`. */
export const KEYS_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  role: {
    type: 'string',
    value: `<${ROLES.join('|')}>`,
    help: 'What the key may do (docs/cli.md, "Roles").',
  },
  actor: {
    type: 'string',
    value: '<role:name>',
    help: "Who the key's commands are recorded as from, e.g. registrar:computershare-hk.",
  },
  holder: {
    type: 'string',
    value: '<holderId>',
    help: 'For a HOLDER key: the holder whose history it reads.',
  },
  historical: {
    type: 'boolean',
    help: "The key's commands keep the issuedAt they give (recording a meeting held before).",
  },
  keys: {
    type: 'string',
    value: '<file>',
    help: `The keys file (or $GOVREC_API_KEYS; default ${DEFAULT_KEYS_FILE}), created if missing.`,
  },
};

interface KeyEntry {
  readonly sha256: string;
  readonly actor: string;
  readonly role: Role;
  readonly holderId?: string;
  readonly historical?: true;
}

const isRole = (word: string | undefined): word is Role =>
  (ROLES as readonly (string | undefined)[]).includes(word);

/** The entry the options describe (without its hash yet); or what is wrong with them. */
function entryAsked(line: CommandLine): Omit<KeyEntry, 'sha256'> | string {
  const role = line.text('role');
  const actor = line.text('actor')?.trim();
  const holderId = line.text('holder');
  if (!isRole(role)) return `--role takes ${alternatives(ROLES)}, not ${role ?? 'nothing'}`;
  if (!actor) return 'needs --actor <role:name>: who the commands sent with the key are recorded as from';
  if (role === 'HOLDER' && !holderId)
    return 'a HOLDER key needs --holder <holderId>: the holder whose history it reads';
  if (role !== 'HOLDER' && holderId !== undefined) return `--holder is for a HOLDER key, not a ${role} key`;
  return {
    actor,
    role,
    ...(holderId ? { holderId } : {}),
    ...(line.flag('historical') ? { historical: true as const } : {}),
  };
}

/** The file's entries as written (checked first as the server checks them); none for a file not there yet. */
function entriesOf(file: string): unknown[] | string {
  if (!existsSync(file)) return [];
  try {
    ApiKeys.fromFile(file);
    return (JSON.parse(readFileSync(file, 'utf8')) as { keys: unknown[] }).keys;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/**
 * `govrec keys add`: a new random key, printed once on stdout, and only its SHA-256 added to the keys
 * file (written whole to a temporary file, then renamed over it, readable by its owner alone): the
 * file, a backup of it or a log gives nobody a key.
 */
function addKey(line: CommandLine, io: Io): number {
  const asked = entryAsked(line);
  if (typeof asked === 'string') return refuseUsage(io, 'keys', asked);
  const file = line.text('keys') ?? process.env.GOVREC_API_KEYS ?? DEFAULT_KEYS_FILE;
  const entries = entriesOf(file);
  if (typeof entries === 'string') return refuseUsage(io, 'keys', entries);
  const key = `govrec_${randomBytes(32).toString('base64url')}`;
  const entry: KeyEntry = { sha256: sha256(key).toString('hex'), ...asked };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify({ keys: [...entries, entry] }, null, 2) + '\n', { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    return refuseUsage(io, 'keys', `cannot write ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  io.err(
    `Added a ${asked.role} key for ${asked.actor} to ${file} (its SHA-256 only). The key, shown this once:\n`,
  );
  io.out(`${key}\n`);
  return EXIT.ok;
}

/** `govrec keys list`: who holds a key and what it may do; never a hash. */
function listKeys(line: CommandLine, io: Io): number {
  const file = line.text('keys') ?? process.env.GOVREC_API_KEYS ?? DEFAULT_KEYS_FILE;
  const entries = entriesOf(file);
  if (typeof entries === 'string') return refuseUsage(io, 'keys', entries);
  for (const e of entries as KeyEntry[])
    io.out(
      `${e.role}\t${e.actor}${e.holderId ? `\tholder ${e.holderId}` : ''}${e.historical ? '\thistorical' : ''}\n`,
    );
  return EXIT.ok;
}

/** `govrec keys add|list`. */
export function keysCommand(line: CommandLine, io: Io): Promise<number> {
  const [action, ...extra] = line.positional;
  if (extra.length > 0) return Promise.resolve(refuseUsage(io, 'keys', `takes no ${extra[0]}`));
  if (action === 'add') return Promise.resolve(addKey(line, io));
  if (action === 'list') return Promise.resolve(listKeys(line, io));
  return Promise.resolve(refuseUsage(io, 'keys', `takes add or list, not ${action ?? 'nothing'}`));
}

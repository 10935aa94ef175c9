import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as t from 'io-ts';
import { codecs, decodeInput, Role, ROLES } from '../../index';

/**
 * API keys map to an actor and a role. The config file keeps only each key's SHA-256, so a leaked
 * config or log gives nobody a key: `{"keys": [{"sha256": "…", "actor": "registrar:acme", "role": "REGISTRAR"}]}`.
 */
const RoleCodec = t.keyof(Object.fromEntries(ROLES.map((r) => [r, null])) as Record<Role, null>);
const KeyEntry = t.intersection([
  t.type({
    sha256: t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'Sha256Hex'),
    actor: codecs.NonEmptyString,
    role: RoleCodec,
  }),
  t.partial({
    /** For a HOLDER key: the holder whose history it may read. */
    holderId: t.string,
    /** The privileged path for recording a meeting held before: this key's commands keep their past `issuedAt`. */
    historical: t.boolean,
  }),
]);
const KeysFile = t.type({ keys: t.array(KeyEntry) });

/** Who sent a request, as their API key says. */
export interface Caller {
  /** The actor every command of theirs is recorded under, e.g. `registrar:acme`. */
  readonly actor: string;
  /** What they may do: which commands they may issue, whose history they may read. */
  readonly role: Role;
  /** For a HOLDER key: the holder whose history it may read. */
  readonly holderId?: string;
  /**
   * The key may record a historical meeting: its commands keep the `issuedAt` they give, however
   * long ago (never in the future). Every other key's commands are stamped by the server's clock.
   */
  readonly historical?: boolean;
}

/** The SHA-256 of a key, as the keys file keeps it. */
export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** The API keys a server accepts, each mapped to a caller; only their hashes are held. */
export class ApiKeys {
  private constructor(private readonly entries: readonly { hash: Buffer; caller: Caller }[]) {}

  /** Reads a keys file (`{"keys": [{"sha256", "actor", "role", "holderId"?, "historical"?}]}`); throws naming the file and the field. */
  static fromFile(path: string): ApiKeys {
    const decoded = decodeInput(KeysFile, JSON.parse(readFileSync(path, 'utf8')));
    if (!decoded.ok) throw new Error(`API keys file ${path}: ${decoded.error.message}`);
    return ApiKeys.of(decoded.value.keys);
  }

  /** Keys given by their hashes. */
  static of(
    keys: readonly { sha256: string; actor: string; role: Role; holderId?: string; historical?: boolean }[],
  ): ApiKeys {
    return new ApiKeys(
      keys.map((k) => ({
        hash: Buffer.from(k.sha256, 'hex'),
        caller: {
          actor: k.actor,
          role: k.role,
          ...(k.holderId ? { holderId: k.holderId } : {}),
          ...(k.historical ? { historical: true } : {}),
        },
      })),
    );
  }

  /** No key at all: a read-only server. */
  static none(): ApiKeys {
    return new ApiKeys([]);
  }

  /** Compares hashes in constant time, so response timing says nothing about a key. */
  callerOf(key: string | undefined): Caller | undefined {
    if (!key) return undefined;
    const hash = sha256(key);
    return this.entries.find((e) => timingSafeEqual(e.hash, hash))?.caller;
  }
}

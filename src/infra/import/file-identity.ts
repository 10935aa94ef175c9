import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { ImportKind } from './import-types';

/** SHA-256 of a file's bytes, read as a stream. */
export async function fileSha256(file: string): Promise<string> {
  return (await readFileIdentity(file)).sha256;
}

/** What an import learns of a file before it reads a row of it. */
export interface FileIdentity {
  /** SHA-256 of its bytes. */
  readonly sha256: string;
  /** True when its bytes are all UTF-8. */
  readonly utf8: boolean;
}

/**
 * The file's hash and whether it is UTF-8, in the one pass that hashes it. Bytes that are not
 * UTF-8 refuse the whole file before anything is recorded, as HTTP refuses such a body: decoded
 * leniently they would become U+FFFD, and a holder's name would be recorded other than written.
 */
export async function readFileIdentity(file: string): Promise<FileIdentity> {
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let utf8 = true;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    if (utf8) utf8 = decodes(decoder, chunk as Buffer, true);
  }
  if (utf8) utf8 = decodes(decoder, new Uint8Array(0), false);
  return { sha256: hash.digest('hex'), utf8 };
}

/** Feeds the strict decoder (a character split between chunks is completed by the next one). */
function decodes(decoder: TextDecoder, bytes: Uint8Array, stream: boolean): boolean {
  try {
    decoder.decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/**
 * The prefix of the command ids an import derives from its rows, e.g. `imp:votes:3f9c…:L42`.
 *
 * The file is known by its content, not its name or date: the same bytes imported again (after an
 * interruption, or by mistake) produce the same command ids, which the store already holds, so
 * nothing is written twice. A corrected file is a new file: its rows get new ids and the domain's
 * own rules (AlreadyVoted, DuplicateProxyId, DuplicateHolder) keep what was recorded from being
 * counted again. The meeting is part of the identity, so one file may serve two meetings.
 */
export function commandIdPrefix(kind: ImportKind, meetingId: string, contentSha256: string): string {
  const tag = createHash('sha256').update(`${meetingId}\u0000${contentSha256}`).digest('hex').slice(0, 20);
  return `imp:${kind}:${tag}`;
}

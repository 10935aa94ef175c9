import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ImportKind } from './import-types';

/** SHA-256 of a file's bytes, read as a stream. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
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

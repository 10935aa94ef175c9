/**
 * The key a command id is indexed under in table `command_ids`: its last run of digits first,
 * zero-padded, then the number of those digits, then the id itself (so distinct ids never share a
 * key). Commands that arrive in volume count (an import's ids end in the line, a client's in a
 * sequence number), so a batch's keys land at one growing end of the index instead of on pages
 * all over it: keyed by the id's text, a batch of votes of one resolution, whose lines are spread
 * over the file, touched a page of the index a vote, and that was most of the cost of the index.
 */
const PAD = 10;

export function commandKey(commandId: string): string {
  let end = commandId.length;
  while (end > 0 && !isDigit(commandId.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(commandId.charCodeAt(start - 1))) start--;
  const digits = commandId.slice(start, end);
  return `${digits.padStart(PAD, '0')}:${digits.length}:${commandId}`;
}

/** The command id a key was made from. */
export function commandIdOfKey(key: string): string {
  const first = key.indexOf(':');
  return key.slice(key.indexOf(':', first + 1) + 1);
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

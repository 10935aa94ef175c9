/**
 * The keys a command id is claimed under (command-claims.ts). Commands that arrive in volume count
 * (an import's ids end in the line, a client's in a sequence number), so both keys lead with the
 * id's last run of digits: a batch's keys land at one growing end of the index instead of on pages
 * all over it. Keyed by the id's text, a batch of votes of one resolution, whose lines are spread
 * over the file, touched a page of the index a vote, and that was most of the cost of the index.
 */
const PAD = 10;

/**
 * The text key (table `command_ids`): the id's last run of digits, zero-padded, then the number of
 * those digits, then the id itself, so distinct ids never share a key. Claims of schema versions 3
 * and 4 are kept under it, and so is an id whose number key another id holds already.
 */
export function commandKey(commandId: string): string {
  const [start, end] = lastDigits(commandId);
  const digits = commandId.slice(start, end);
  return `${digits.padStart(PAD, '0')}:${digits.length}:${commandId}`;
}

/** The command id a text key was made from. */
export function commandIdOfKey(key: string): string {
  const first = key.indexOf(':');
  return key.slice(key.indexOf(':', first + 1) + 1);
}

/** Bits of the id's hash under its number in a number key: 34 + 19 = 53, exact in a double. */
const HASH_BITS = 19;
/** At most this many of the last digits make the number: below 2^34. */
const MAX_DIGITS = 10;

/**
 * The number key (table `command_claims`, schema version 5): the number the id's last run of
 * digits writes (its last 10 digits at most; 0 for none) times 2^19, plus the low 19 bits of the
 * FNV-1a hash (32 bits) of the id's UTF-16 code units. An integer key a SQLite rowid table indexes
 * directly: a claim costs about half of one keyed by text (docs/performance.md, "Issue 19").
 *
 * Two ids may share a key (the same number, the same 19 bits): the second is then claimed under
 * its text key, so a key names the first id claimed under it, never every id. Stored: this
 * function is part of the file format and never changes (test/infra/command-claims.test.ts pins
 * its values).
 */
export function commandNumberKey(commandId: string): number {
  // As lastDigits, inline: this runs for every command appended.
  let end = commandId.length;
  while (end > 0 && !isDigit(commandId.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(commandId.charCodeAt(start - 1))) start--;
  let n = 0;
  for (let i = Math.max(start, end - MAX_DIGITS); i < end; i++) n = n * 10 + (commandId.charCodeAt(i) - 48);
  let hash = 0x811c9dc5;
  for (let i = 0; i < commandId.length; i++) hash = Math.imul(hash ^ commandId.charCodeAt(i), 0x01000193);
  return n * 2 ** HASH_BITS + ((hash >>> 0) % 2 ** HASH_BITS);
}

/** Where the id's last run of digits is, [start, end); start === end when it has none. */
function lastDigits(commandId: string): [number, number] {
  let end = commandId.length;
  while (end > 0 && !isDigit(commandId.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(commandId.charCodeAt(start - 1))) start--;
  return [start, end];
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

import { hash } from 'node:crypto';

/** Mixed into every hash, so govrec's ids share no space with another system's name-based ids. */
const NAMESPACE = '6f1b8a52-c3d9-4e0f-a1b2-7c5d8e934a10\u0000';

/** The number a command id counts with: its last run of digits, at most 10 of them, modulo 2^34. */
const NUMBER_BITS = 34;
const MAX_DIGITS = 10;

/**
 * A name-based event id: derived from the command id, the stream and the event's index, so a
 * retried command produces the same ids, the store recognises the retry, and the repository finds
 * a command it already recorded by looking its first event id up (see AggregateRepository).
 *
 * The ids are also ordered, because the store keeps a unique index on them and a hash-like id lands
 * each insert on a random page of that index: ordered ids insert about three times as fast as
 * random ones, and no slower than no index at all (docs/performance.md, "Event ids ordered").
 *
 * Commands that arrive in volume count: an import's ids end in the line (`…:L42`), a client's in a
 * sequence number. So the id (RFC 9562 version 8, custom) is laid out as
 *   32 bits  hash of the stream and the command id with its last number taken out (its "series")
 *   34 bits  that number (version and variant bits interleaved, so byte order is number order)
 *   56 bits  hash of the command id, the stream and the index (what makes ids of one series unique)
 * and one series' events go to one growing end of the index. Ids without a number (random UUIDs
 * from a client) spread as before, which at a client's pace costs nothing measurable.
 *
 * Records written before this layout carry version-5 ids (isDerivedEventId tells them apart).
 */
export function eventIdFor(commandId: string, streamName: string, index: number): string {
  // The command id's last run of digits is [start, end); none when start === end.
  let end = commandId.length;
  while (end > 0 && !isDigit(commandId.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isDigit(commandId.charCodeAt(start - 1))) start--;
  const n = numberOf(commandId, Math.max(start, end - MAX_DIGITS), end);
  const head = seriesHead(streamName, commandId, start, end);
  const tail = hash('sha1', `${NAMESPACE}${commandId}\u0000${streamName}\u0000${index}`, 'hex');
  // Bytes 4-8 carry the number's 34 bits around the version nibble (8) and the variant bits (10).
  const b4 = Math.floor(n / 2 ** 26) & 0xff;
  const b5 = Math.floor(n / 2 ** 18) & 0xff;
  const b6 = 0x80 | (Math.floor(n / 2 ** 14) & 0x0f);
  const b7 = Math.floor(n / 2 ** 6) & 0xff;
  const b8 = 0x80 | (n & 0x3f);
  return `${head}-${HEX[b4]}${HEX[b5]}-${HEX[b6]}${HEX[b7]}-${HEX[b8]}${tail.slice(0, 2)}-${tail.slice(2, 14)}`;
}

/** True for ids laid out by eventIdFor (version 8); false for ids from before it, or from elsewhere. */
export const isDerivedEventId = (eventId: string): boolean => eventId.length === 36 && eventId[14] === '8';

/** Each byte's two hex digits. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The number the digits of commandId [from, end) write (at most 10: exact), modulo 2^34; 0 for none. */
function numberOf(commandId: string, from: number, end: number): number {
  let n = 0;
  for (let i = from; i < end; i++) n = n * 10 + (commandId.charCodeAt(i) - 48);
  return n % 2 ** NUMBER_BITS;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** A few series are active at a time (one per file and stream); their hashes are kept, boundedly. */
const heads = new Map<string, string>();
const MAX_HEADS = 4096;

/**
 * The series last met, by its parts: a batch's command ids are one series in one stream, whose
 * head is then found without building the series' name (nor its key) for every command.
 */
let lastSeries = { streamName: '', prefix: '', suffix: '', head: '' };

/**
 * The hash of the stream and the command id's series: the id with its last number [start, end)
 * written '#' (the id itself when it has none).
 */
function seriesHead(streamName: string, commandId: string, start: number, end: number): string {
  const numbered = start !== end;
  const last = lastSeries;
  if (
    numbered &&
    last.head !== '' &&
    start === last.prefix.length &&
    commandId.length - end === last.suffix.length &&
    streamName === last.streamName &&
    commandId.startsWith(last.prefix) &&
    commandId.endsWith(last.suffix)
  )
    return last.head;
  const series = numbered ? `${commandId.slice(0, start)}#${commandId.slice(end)}` : commandId;
  const key = `${streamName}\u0000${series}`;
  let head = heads.get(key);
  if (head === undefined) {
    head = hash('sha1', `${NAMESPACE}series\u0000${key}`, 'hex').slice(0, 8);
    if (heads.size >= MAX_HEADS) heads.clear();
    heads.set(key, head);
  }
  if (numbered)
    lastSeries = { streamName, prefix: commandId.slice(0, start), suffix: commandId.slice(end), head };
  return head;
}

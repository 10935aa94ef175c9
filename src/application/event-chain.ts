import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/**
 * The hash chain over the whole record: each event's link is SHA-256 of the link before it and the
 * event's canonical bytes, so that changing, removing, inserting or moving any event, at any time
 * (an open meeting's too, not only a certified one), changes every link after it. One chain over
 * the whole log rather than one per stream: a store that keeps it (SQLite, memory) serialises its
 * appends anyway, and one head then stands for the whole record.
 *
 * The canonical bytes are the canonical JSON of
 * `[streamName, revision, eventId, type, schemaVersion, data, metadata]`. A store that keeps the
 * data and metadata as canonical JSON text hashes that text as it is, without parsing it.
 */
export const CHAIN_ALGORITHM = 'sha256-chain-canonical-json-v1' as const;

/** The link before the first event (hex). */
export const GENESIS = '0'.repeat(64);

/** Where the chain stands after an event: its position and link (hex). */
export interface ChainHead {
  /** The position of the last event linked. */
  readonly position: number;
  /** Its link, as hex: publish it to pin the whole record up to there. */
  readonly hash: string;
}

/**
 * The next link (hex), from the link before it (hex) and the event, its data and metadata already
 * written as canonical JSON text: SHA-256 of the link before, as hex, then the event's canonical
 * bytes. One string and a one-shot hash to hex: a hash object per event fed in pieces, or a digest
 * as a Buffer, cost the writer thread several times as much.
 */
export function nextLink(
  previous: string,
  streamName: string,
  revision: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  return hash(
    'sha256',
    `${previous}[${JSON.stringify(streamName)},${revision},${JSON.stringify(eventId)},${JSON.stringify(type)},${schemaVersion},${dataJson},${metadataJson}]`,
  );
}

/** canonicalJson, refusing what JSON cannot hold (a store must not write what it cannot read back). */
export function canonicalText(value: unknown, what: string): string {
  const text = canonicalJson(value) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not a JSON value`);
  return text;
}

/** Why the record fails its chain check, at the first place it fails. */
export type ChainBreakKind =
  /** The stored JSON is not the one canonical form of what it parses to (duplicate or reordered keys, spacing). */
  | 'not-canonical'
  /** The stored link is not the hash of the link before it and this event. */
  | 'chain-broken'
  /** A stream's revisions do not follow one another: an event removed or moved. */
  | 'revision-gap'
  /** The last events of the record were removed: the store had handed out later positions. */
  | 'truncated';

/** The first place where the record fails its chain check. */
export interface ChainBreak {
  /** What is wrong there. */
  readonly kind: ChainBreakKind;
  /** The stream of the event where the chain breaks, when it is an event's. */
  readonly streamName?: string;
  /** That event's revision in its stream. */
  readonly revision?: number;
  /** That event's position in the record. */
  readonly position?: number;
  /** What was found, for a person. */
  readonly detail: string;
}

/** The whole record checked against its chain. */
export interface ChainVerdict {
  /** Whether the store keeps a chain at all (an EventStoreDB store does not: nothing to check). */
  readonly kept: boolean;
  /** How many events were checked. */
  readonly events: number;
  /** Where the chain stands: publish it to detect a record rewritten whole, chain included. */
  readonly head?: ChainHead;
  /** The first break, by stream and revision; absent when the chain holds. */
  readonly break?: ChainBreak;
}

/**
 * Checks stored events, in position order, against their links: the text must be canonical, each
 * stream's revisions must follow one another, and each link must be what the chain computes.
 * Stops at the first break, since every link after it differs too.
 */
export class ChainChecker {
  private previous: string = GENESIS;
  private readonly lastRevisions = new Map<string, number>();
  events = 0;
  head: ChainHead | undefined;
  failure: ChainBreak | undefined;

  /** Returns false once a break is found (and recorded in `failure`). */
  check(
    position: number,
    streamName: string,
    revision: number,
    eventId: string,
    type: string,
    schemaVersion: number,
    dataJson: string,
    metadataJson: string,
    /** The stored link, as hex. */
    stored: string | null,
  ): boolean {
    // Built only for a break: this runs for every event of the record.
    const at = () => ({ streamName, revision, position });
    const where = () => `${streamName}@${revision} (position ${position})`;
    const notCanonical = !isCanonical(dataJson)
      ? 'data'
      : !isCanonical(metadataJson)
        ? 'metadata'
        : undefined;
    if (notCanonical)
      return this.fail({
        kind: 'not-canonical',
        ...at(),
        detail: `The ${notCanonical} of ${where()} is not canonical JSON`,
      });
    const expected = (this.lastRevisions.get(streamName) ?? -1) + 1;
    if (revision !== expected)
      return this.fail({
        kind: 'revision-gap',
        ...at(),
        detail: `${where()} follows revision ${expected - 1} of its stream`,
      });
    this.lastRevisions.set(streamName, revision);
    const link = nextLink(
      this.previous,
      streamName,
      revision,
      eventId,
      type,
      schemaVersion,
      dataJson,
      metadataJson,
    );
    if (link !== stored)
      return this.fail({
        kind: 'chain-broken',
        ...at(),
        detail: `${where()} does not hash to its stored link`,
      });
    this.previous = link;
    this.events++;
    this.head = { position, hash: link };
    return true;
  }

  fail(failure: ChainBreak): false {
    this.failure ??= failure;
    return false;
  }

  verdict(): ChainVerdict {
    return {
      kept: true,
      events: this.events,
      ...(this.head ? { head: this.head } : {}),
      ...(this.failure ? { break: this.failure } : {}),
    };
  }
}

function isCanonical(text: string): boolean {
  try {
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

import { hash } from 'node:crypto';
import { canonicalJson, quote } from './canonical-json';

/**
 * The hash chain over the whole record: each event's link is SHA-256 of the link before it and the
 * event's digest, so that changing, removing, inserting or moving any event, at any time (an open
 * meeting's too, not only a certified one), changes every link after it. One chain over the whole
 * log rather than one per stream: a store that keeps it (SQLite, memory) serialises its appends
 * anyway, and one head then stands for the whole record.
 *
 * An event's digest is SHA-256 of the canonical JSON of
 * `[streamName, eventId, type, schemaVersion, data, metadata]`; its link is SHA-256 of the link
 * before it (hex) followed by the canonical JSON of `[revision, digest]`. Two steps so that the
 * digest, the hash of the event's whole text, is taken by whoever serialises the event before the
 * write lock, and only the short link, which needs the link before it, under the lock: on the
 * SQLite writer thread, the bottleneck of a bulk ingest, that was ~4 µs an event for one hash of
 * the whole text (docs/performance.md, "Issue 19"). The revision, known only under the lock, is in
 * the link. A store that keeps the data and metadata as canonical JSON text hashes that text as it
 * is, without parsing it.
 */
export const CHAIN_ALGORITHM = 'sha256-chain-of-event-digests-v2' as const;

/**
 * The first algorithm (schema version 3 of the SQLite store): each link SHA-256 of the link before
 * it and the canonical JSON of `[streamName, revision, eventId, type, schemaVersion, data, metadata]`.
 * A file chained so keeps those links, and verify checks them so, up to where the file was upgraded.
 */
export const CHAIN_ALGORITHM_V1 = 'sha256-chain-canonical-json-v1' as const;

/** Which algorithm links an event. */
export type ChainAlgorithm = typeof CHAIN_ALGORITHM | typeof CHAIN_ALGORITHM_V1;

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
 * An event's digest (hex): SHA-256 of its canonical bytes but the revision, its data and metadata
 * already written as canonical JSON text. One string and a one-shot hash to hex: a hash object per
 * event fed in pieces, or a digest as a Buffer, cost several times as much.
 */
export function eventDigest(
  streamName: string,
  eventId: string,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  return eventDigestOf(
    `${eventDigestHead(streamName, eventId, type, schemaVersion)}${dataJson},${metadataJson}]`,
  );
}

/** An event's digest (hex) from its input, built as {@link eventDigestHead} says. */
export const eventDigestOf = (input: string): string => hash('sha256', input);

/**
 * What an event's digest hashes before its data: `[streamName,eventId,type,schemaVersion,` as
 * canonical JSON. The digest's input is this, the data's text, a comma, the metadata's text and `]`;
 * a caller that builds that input itself (sqlite-rows.ts) starts it with this.
 */
export const eventDigestHead = (
  streamName: string,
  eventId: string,
  type: string,
  schemaVersion: number,
): string => `[${quote(streamName)},${JSON.stringify(eventId)},${quote(type)},${schemaVersion},`;

/** The link (hex) after `previous` (hex) of the event at `revision` whose digest (hex) is given. */
export function linkOf(previous: string, revision: number, digest: string): string {
  return hash('sha256', `${previous}[${revision},"${digest}"]`);
}

/** The next link (hex) of an event, from the link before it: {@link linkOf} its {@link eventDigest}. */
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
  return linkOf(
    previous,
    revision,
    eventDigest(streamName, eventId, type, schemaVersion, dataJson, metadataJson),
  );
}

/** The next link as {@link CHAIN_ALGORITHM_V1} made it: one hash of the link before and the whole event. */
export function nextLinkV1(
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

/** From which position an algorithm links the record (a file upgraded from schema version 3 has two). */
export interface ChainEpoch {
  /** The first position it links. */
  readonly fromPosition: number;
  /** The algorithm. */
  readonly algorithm: ChainAlgorithm;
}

/** A record chained by the current algorithm from its first event. */
export const CURRENT_EPOCHS: readonly ChainEpoch[] = [{ fromPosition: 0, algorithm: CHAIN_ALGORITHM }];

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
  /** The epochs still ahead, by position; the first is the one in force. */
  private readonly epochs: ChainEpoch[];
  private readonly lastRevisions = new Map<string, number>();
  events = 0;
  head: ChainHead | undefined;
  failure: ChainBreak | undefined;

  constructor(
    /**
     * Whether an event's stored metadata is the one text its store writes for it (canonical JSON,
     * and for the SQLite store's metadata version 2 its one form: stored-metadata.ts).
     */
    private readonly isMetadataForm: (text: string, eventId: string) => boolean,
    epochs: readonly ChainEpoch[] = CURRENT_EPOCHS,
  ) {
    this.epochs = [...epochs].sort((a, b) => a.fromPosition - b.fromPosition);
  }

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
      : !this.isMetadataForm(metadataJson, eventId)
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
    while (this.epochs.length > 1 && this.epochs[1].fromPosition <= position) this.epochs.shift();
    const link = (this.epochs[0]?.algorithm === CHAIN_ALGORITHM_V1 ? nextLinkV1 : nextLink)(
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

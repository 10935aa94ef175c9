import {
  canonicalText,
  ChainChecker,
  ChainHead,
  ChainVerdict,
  GENESIS,
  nextLink,
} from '../../../application/event-chain';
import { CommandIdReused, RecordedEvent } from '../../../application/event-store';
import { isStoredMetadataText, storedMetadataJson } from '../../../application/stored-metadata';

/**
 * What the memory store keeps beside its events, as the SQLite store does: the hash chain's links
 * (event-chain.ts) and each command id with its command's digest (one command an id, store-wide).
 */
export class MemoryChain {
  private readonly links: string[] = [];
  private readonly commandIds = new Map<string, string | undefined>();

  /**
   * Links events about to be recorded (in position order) and claims their command ids, or refuses
   * them with nothing changed: an event that cannot be hashed, or a command id held by another
   * command (another digest).
   */
  extend(streamName: string, recorded: readonly RecordedEvent[]): void {
    const links: string[] = [];
    for (const e of recorded) links.push(linkOf(links.at(-1) ?? this.links[e.position - 1] ?? GENESIS, e));
    for (const { metadata } of recorded) {
      const held = this.commandIds.get(metadata.commandId);
      if (held && metadata.commandDigest && held !== metadata.commandDigest)
        throw new CommandIdReused(streamName, metadata.commandId);
    }
    for (const { metadata } of recorded)
      if (!this.commandIds.has(metadata.commandId))
        this.commandIds.set(metadata.commandId, metadata.commandDigest);
    recorded.forEach((e, i) => (this.links[e.position] = links[i]));
  }

  head(): ChainHead | undefined {
    const position = this.links.length - 1;
    return position < 0 ? undefined : { position, hash: this.links[position] };
  }

  at(position: number): string | undefined {
    return this.links[position];
  }

  verify(all: readonly RecordedEvent[]): ChainVerdict {
    const checker = new ChainChecker(isStoredMetadataText);
    for (const e of all) {
      const data = canonicalText(e.data, 'data');
      const metadata = storedMetadataText(e, 'metadata');
      const stored = this.links[e.position] ?? null;
      const { position, streamName, revision, eventId, type, schemaVersion } = e;
      if (
        !checker.check(position, streamName, revision, eventId, type, schemaVersion, data, metadata, stored)
      )
        break;
    }
    return checker.verdict();
  }
}

function linkOf(previous: string, e: RecordedEvent): string {
  const data = canonicalText(e.data, `The data of event ${e.eventId}`);
  const metadata = storedMetadataText(e, `The metadata of event ${e.eventId}`);
  return nextLink(previous, e.streamName, e.revision, e.eventId, e.type, e.schemaVersion, data, metadata);
}

/**
 * The metadata's text as the SQLite store keeps it (stored-metadata.ts), so that both stores link
 * the same events alike.
 */
function storedMetadataText(e: RecordedEvent, what: string): string {
  const text = storedMetadataJson(e.eventId, e.metadata) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not a JSON value`);
  return text;
}

import { createHash } from 'node:crypto';
import { RecordSeal } from '../domain/meeting/events';
import { canonicalJson } from './canonical-json';
import { EventStore } from './event-store';
import { MERKLE_SEAL_ALGORITHM, merkleRoots, TallyFold } from './merkle-seal';

/**
 * Sealing a meeting's record when its results are certified. Every event of the meeting's stream and
 * of the streams of the resolutions put to it is hashed (SHA-256 over its canonical JSON: stream,
 * id, type, schema version, data, metadata — not the store-specific position). The seal
 * keeps the root over all of them, and each event's fingerprint (the first 16 hex digits of its
 * hash) in a seal stream, so that a later check can say which event was altered, removed,
 * reordered or inserted.
 *
 * The first algorithm (`sha256-canonical-json-v1`, rootOf) is still how seals made with it are
 * checked; new seals are made with the Merkle algorithm (merkle-seal.ts), whose root also commits
 * to every vote counted, so that a holder's receipt can prove their vote was counted.
 */
export const SEAL_ALGORITHM = 'sha256-canonical-json-v1' as const;
export const FINGERPRINT_LENGTH = 16;
/** 4,000 fingerprints (64 KB) a seal event: well under EventStoreDB's 1 MiB append limit. */
export const FINGERPRINTS_PER_CHUNK = 4000;

export const sealStreamOf = (meetingId: string): string => `seal-${meetingId}`;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What an event's hash is made of: anything with these fields, such as a vote receipt's event. */
export interface HashedFields {
  readonly streamName: string;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * An event's content hash. Its revision is left out so that an event moved to another revision is
 * recognised there (reordered, not altered); the root binds each hash to its revision.
 */
export function eventHash(e: HashedFields): string {
  const { streamName, eventId, type, schemaVersion, data, metadata } = e;
  return sha256(canonicalJson({ streamName, eventId, type, schemaVersion, data, metadata }));
}

export const fingerprintOf = (hash: string): string => hash.slice(0, FINGERPRINT_LENGTH);

/** The meeting's stream, then the streams of the resolutions and elections on its agenda, in a fixed order. */
export async function streamsOfMeeting(store: EventStore, meetingId: string): Promise<string[]> {
  const meetingStream = `meeting-${meetingId}`;
  const tabled = (await store.readStream(meetingStream)).flatMap((e) =>
    e.type === 'ResolutionTabled'
      ? [`resolution-${(e.data as { resolutionId: string }).resolutionId}`]
      : e.type === 'ElectionTabled'
        ? [`election-${(e.data as { electionId: string }).electionId}`]
        : [],
  );
  return [meetingStream, ...[...new Set(tabled)].sort()];
}

export interface SealChunk {
  readonly meetingId: string;
  readonly chunk: number;
  readonly streamName: string;
  readonly fromRevision: number;
  readonly fingerprints: string;
}

/** The root over full hashes, in stream then revision order; each hash is tied to its place. */
function rootOf(hashed: readonly { streamName: string; revision: number; hash: string }[]): string {
  const root = createHash('sha256');
  for (const h of hashed) root.update(`${h.streamName}\n${h.revision}\n${h.hash}\n`);
  return root.digest('hex');
}

export function fingerprintsDigestOf(chunks: readonly SealChunk[]): string {
  const digest = createHash('sha256');
  for (const c of chunks)
    digest.update(`${c.chunk}\n${c.streamName}\n${c.fromRevision}\n${c.fingerprints}\n`);
  return digest.digest('hex');
}

/** Events of the covered streams up to each stream's sealed revision, and the votes counted among them. */
async function coveredEvents(
  store: EventStore,
  meetingId: string,
  coverage: readonly { streamName: string; lastRevision: number }[],
) {
  const hashed: { streamName: string; revision: number; hash: string }[] = [];
  const tally = new TallyFold(meetingId);
  for (const { streamName, lastRevision } of coverage) {
    for (const e of await store.readStream(streamName, { maxCount: lastRevision + 1 })) {
      if (e.revision > lastRevision) continue;
      const hash = eventHash(e);
      hashed.push({ streamName, revision: e.revision, hash });
      tally.add(e, hash);
    }
  }
  return { hashed, counted: tally.votes() };
}

/** The Merkle seal of the covered events, with its fingerprints' digest. */
function merkleSeal(
  meetingId: string,
  covered: Awaited<ReturnType<typeof coveredEvents>>,
  streams: readonly { streamName: string; lastRevision: number }[],
  chunks: readonly SealChunk[],
): RecordSeal {
  const { root, eventsRoot, countedRoot } = merkleRoots(covered.hashed, covered.counted);
  return {
    algorithm: MERKLE_SEAL_ALGORITHM,
    root,
    fingerprintsDigest: fingerprintsDigestOf(chunks),
    sealStream: sealStreamOf(meetingId),
    events: covered.hashed.length,
    streams,
    eventsRoot,
    countedRoot,
    countedVotes: covered.counted.length,
  };
}

/** Seals the record as it stands now: the seal, and the chunks of fingerprints to keep beside it. */
export async function sealRecord(
  store: EventStore,
  meetingId: string,
): Promise<{ seal: RecordSeal; chunks: SealChunk[] }> {
  const coverage: { streamName: string; lastRevision: number }[] = [];
  for (const streamName of await streamsOfMeeting(store, meetingId)) {
    const [last] = await store.readStream(streamName, { direction: 'backwards', maxCount: 1 });
    if (last) coverage.push({ streamName, lastRevision: last.revision });
  }
  const covered = await coveredEvents(store, meetingId, coverage);
  const { hashed } = covered;
  const chunks: SealChunk[] = [];
  for (const { streamName } of coverage) {
    const ofStream = hashed.filter((h) => h.streamName === streamName);
    for (let from = 0; from < ofStream.length; from += FINGERPRINTS_PER_CHUNK) {
      const slice = ofStream.slice(from, from + FINGERPRINTS_PER_CHUNK);
      chunks.push({
        meetingId,
        chunk: chunks.length + 1,
        streamName,
        fromRevision: slice[0].revision,
        fingerprints: slice.map((h) => fingerprintOf(h.hash)).join(''),
      });
    }
  }
  return { seal: merkleSeal(meetingId, covered, coverage, chunks), chunks };
}

/** The seal a set of chunks (already written, e.g. by a certification that crashed) stands for. */
export async function sealFromChunks(
  store: EventStore,
  meetingId: string,
  chunks: readonly SealChunk[],
): Promise<RecordSeal> {
  const coverage = new Map<string, number>();
  for (const c of chunks)
    coverage.set(c.streamName, c.fromRevision + c.fingerprints.length / FINGERPRINT_LENGTH - 1);
  const streams = [...coverage].map(([streamName, lastRevision]) => ({ streamName, lastRevision }));
  return merkleSeal(meetingId, await coveredEvents(store, meetingId, streams), streams, chunks);
}

export { rootOf };

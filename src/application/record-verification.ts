import { RecordSeal } from '../domain/meeting/events';
import { ChainVerdict } from './event-chain';
import { EventStore, RecordedEvent } from './event-store';
import { eventHash, fingerprintOf, fingerprintsDigestOf, rootOf, SealChunk } from './record-seal';
import { merkleRoots, TallyFold } from './merkle-seal';
import { afterCertification, coverageFindings, uncertifiedFindings } from './record-coverage';
import { Finding } from './record-findings';
import { toDomainEvent } from './stored-events';

/**
 * Checks a meeting's record against the seal recorded when its results were certified, and says,
 * by stream and revision, what changed since: an event altered, removed, moved to another revision
 * (reordered), or inserted before the certification.
 */
export type { Finding, FindingKind } from './record-findings';

/** A meeting's record checked against the seal made when its results were certified. */
export interface Verdict {
  /** The meeting checked. */
  readonly meetingId: string;
  /** Whether its results were certified; an uncertified record has no seal to check against. */
  readonly certified: boolean;
  /** Whether the certification sealed the record (certifications recorded before seals existed did not). */
  readonly sealed: boolean;
  /** The root of the sealed record's hashes, as published with the results. */
  readonly root?: string;
  /** How many events the seal covers. */
  readonly events?: number;
  /** Certified, sealed, and nothing found changed. */
  readonly clean: boolean;
  /** What was found changed, by stream and revision; empty when clean. */
  readonly findings: readonly Finding[];
  /**
   * The verdict on the whole record rather than on one meeting: its hash chain (meetingId is '').
   * `govrec verify` with no meeting named gives it first.
   */
  readonly scope?: 'record';
  /**
   * The whole record checked against its hash chain, where the store keeps one. A break anywhere
   * makes every verdict unclean: nothing recorded after it can be vouched for.
   */
  readonly chain?: ChainVerdict;
}

interface Certification {
  readonly seal: RecordSeal | null;
  readonly position: number;
}

function lastCertification(events: readonly RecordedEvent[]): Certification | undefined {
  const certified = events.filter((e) => e.type === 'ResultsCertified').at(-1);
  if (!certified) return undefined;
  const { data } = toDomainEvent(certified) as { data: { seal: RecordSeal | null } };
  return { seal: data.seal, position: certified.position };
}

async function sealChunks(store: EventStore, seal: RecordSeal): Promise<SealChunk[]> {
  return (await store.readStream(seal.sealStream))
    .filter((e) => e.type === 'RecordSealed')
    .map((e) => e.data as SealChunk);
}

/** revision → expected fingerprint, per stream. */
function expectedFingerprints(chunks: readonly SealChunk[]): Map<string, Map<number, string>> {
  const expected = new Map<string, Map<number, string>>();
  for (const c of chunks) {
    const ofStream = expected.get(c.streamName) ?? new Map<number, string>();
    for (let i = 0; i * 16 < c.fingerprints.length; i++)
      ofStream.set(c.fromRevision + i, c.fingerprints.slice(i * 16, i * 16 + 16));
    expected.set(c.streamName, ofStream);
  }
  return expected;
}

function compareStream(
  streamName: string,
  lastRevision: number,
  expected: ReadonlyMap<number, string>,
  actual: readonly RecordedEvent[],
  certifiedAt: number,
): Finding[] {
  const findings: Finding[] = [];
  const byRevision = new Map(actual.map((e) => [e.revision, e]));
  const revisionsOf = new Map<string, number[]>();
  for (const e of actual) {
    const fp = fingerprintOf(eventHash(e));
    revisionsOf.set(fp, [...(revisionsOf.get(fp) ?? []), e.revision]);
  }
  for (let revision = 0; revision <= lastRevision; revision++) {
    const want = expected.get(revision);
    const have = byRevision.get(revision);
    if (want === undefined) {
      findings.push({
        streamName,
        revision,
        kind: 'seal-altered',
        detail: 'The seal holds no fingerprint for this revision',
      });
      continue;
    }
    if (have && fingerprintOf(eventHash(have)) === want) continue;
    const elsewhere = (revisionsOf.get(want) ?? []).filter((r) => r !== revision);
    if (elsewhere.length > 0) {
      findings.push({
        streamName,
        revision,
        kind: 'reordered',
        detail: `The event sealed at revision ${revision} is now at revision ${elsewhere[0]}`,
      });
    } else if (have) {
      findings.push({
        streamName,
        revision,
        kind: 'altered',
        detail: `${have.type} at revision ${revision} differs from the one sealed`,
      });
    } else {
      findings.push({
        streamName,
        revision,
        kind: 'removed',
        detail: `The event sealed at revision ${revision} is missing`,
      });
    }
  }
  // Content that was never sealed, standing in the sealed range or ahead of the certification: an
  // insertion, unless it is what an 'altered' slot now holds.
  const sealed = new Set(expected.values());
  const altered = new Set(findings.filter((f) => f.kind === 'altered').map((f) => f.revision));
  for (const e of actual) {
    const inSealedPart = e.revision <= lastRevision || e.position < certifiedAt;
    if (!inSealedPart || altered.has(e.revision) || sealed.has(fingerprintOf(eventHash(e)))) continue;
    findings.push({
      streamName,
      revision: e.revision,
      kind: 'inserted',
      detail: `${e.type} at revision ${e.revision} was not in the sealed record`,
    });
  }
  return findings;
}

export async function verifyMeeting(store: EventStore, meetingId: string): Promise<Verdict> {
  const meetingEvents = await store.readStream(`meeting-${meetingId}`);
  const certification = lastCertification(meetingEvents);
  if (!certification) {
    const findings = await uncertifiedFindings(store, meetingId, meetingEvents);
    return { meetingId, certified: false, sealed: false, clean: false, findings };
  }
  const { seal } = certification;
  if (!seal) return { meetingId, certified: true, sealed: false, clean: false, findings: [] };
  const chunks = await sealChunks(store, seal);
  const findings: Finding[] = [];
  if (fingerprintsDigestOf(chunks) !== seal.fingerprintsDigest) {
    findings.push({
      streamName: seal.sealStream,
      kind: 'seal-altered',
      detail: 'The fingerprints kept with the seal were changed',
    });
  }
  findings.push(...coverageFindings(seal, chunks));
  const expected = expectedFingerprints(chunks);
  const hashed: { streamName: string; revision: number; hash: string }[] = [];
  const tally = new TallyFold(meetingId);
  for (const { streamName, lastRevision } of seal.streams) {
    const actual = await store.readStream(streamName);
    findings.push(
      ...compareStream(
        streamName,
        lastRevision,
        expected.get(streamName) ?? new Map(),
        actual,
        certification.position,
      ),
    );
    for (const e of actual) {
      if (e.revision > lastRevision) continue;
      const hash = eventHash(e);
      hashed.push({ streamName, revision: e.revision, hash });
      tally.add(e, hash);
    }
    const found = new Set(findings.filter((f) => f.streamName === streamName).map((f) => f.revision));
    findings.push(
      ...afterCertification(meetingId, streamName, lastRevision, actual).filter(
        (f) => !found.has(f.revision),
      ),
    );
  }
  const root =
    seal.algorithm === 'sha256-merkle-v2' ? merkleRoots(hashed, tally.votes()).root : rootOf(hashed);
  if (root !== seal.root && findings.length === 0) {
    findings.push({
      streamName: `meeting-${meetingId}`,
      kind: 'root-mismatch',
      detail: 'The record hashes to another root than the one sealed',
    });
  }
  return {
    meetingId,
    certified: true,
    sealed: true,
    root: seal.root,
    events: seal.events,
    clean: findings.length === 0,
    findings,
  };
}

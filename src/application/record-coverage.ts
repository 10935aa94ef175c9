import { RecordSeal } from '../domain/meeting/events';
import { EventStore, RecordedEvent } from './event-store';
import { FINGERPRINT_LENGTH, SealChunk, sealStreamOf } from './record-seal';
import type { Finding } from './record-findings';

/**
 * What a meeting's seal must cover beyond the events it fingerprints: the certification's own
 * description of what it sealed, what was recorded after it, and, for a meeting with no
 * certification, what shows one is missing.
 */

/**
 * The seal's account of what it covers must be the fingerprints' own: a certification edited to
 * claim fewer events (a stream's last revision lowered, and the root recomputed) would otherwise
 * leave the events beyond the claim unchecked.
 */
export function coverageFindings(seal: RecordSeal, chunks: readonly SealChunk[]): Finding[] {
  const covered = new Map<string, number>();
  let events = 0;
  for (const c of chunks) {
    const count = c.fingerprints.length / FINGERPRINT_LENGTH;
    covered.set(c.streamName, c.fromRevision + count - 1);
    events += count;
  }
  const claimed = seal.streams.map((s) => `${s.streamName}@${s.lastRevision}`).join(',');
  const actual = [...covered].map(([streamName, last]) => `${streamName}@${last}`).join(',');
  if (claimed === actual && events === seal.events) return [];
  return [
    {
      streamName: seal.sealStream,
      kind: 'seal-altered',
      detail: `The certification claims to seal ${claimed} (${seal.events} events); the fingerprints cover ${actual} (${events})`,
    },
  ];
}

/**
 * Events of the meeting recorded after its record was sealed: on the meeting's stream, anything but
 * the certification itself; on a resolution's or election's stream (shared with the other meetings
 * that vote on it), anything about this meeting. A certified meeting refuses every command, so none
 * of these was recorded by govrec.
 */
export function afterCertification(
  meetingId: string,
  streamName: string,
  lastRevision: number,
  actual: readonly RecordedEvent[],
): Finding[] {
  const isMeetingStream = streamName === `meeting-${meetingId}`;
  let certificationSeen = false;
  const findings: Finding[] = [];
  for (const e of actual) {
    if (e.revision <= lastRevision) continue;
    if (isMeetingStream && e.type === 'ResultsCertified' && !certificationSeen) {
      certificationSeen = true;
      continue;
    }
    const about = (e.data as { meetingId?: unknown } | null)?.meetingId;
    if (!isMeetingStream && about !== meetingId) continue;
    findings.push({
      streamName,
      revision: e.revision,
      kind: 'after-certification',
      detail: `${e.type} at revision ${e.revision} was recorded after the results were certified`,
    });
  }
  return findings;
}

/** What an uncertified meeting's record shows that a certification should have sealed. */
export async function uncertifiedFindings(
  store: EventStore,
  meetingId: string,
  meetingEvents: readonly RecordedEvent[],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const closed = meetingEvents.find((e) => e.type === 'MeetingClosed');
  if (closed)
    findings.push({
      streamName: closed.streamName,
      revision: closed.revision,
      kind: 'not-certified',
      detail: 'The meeting was closed, but no certification seals its record',
    });
  const [sealed] = await store.readStream(sealStreamOf(meetingId), { maxCount: 1 });
  if (sealed)
    findings.push({
      streamName: sealed.streamName,
      revision: sealed.revision,
      kind: 'certification-missing',
      detail: 'A seal stands for the meeting, but no certification carries it',
    });
  return findings;
}

import { AggregateKind, aggregateKindOf } from '../../application/aggregates';
import { EventStore } from '../../application/event-store';
import { Snapshot } from '../../application/snapshot-store';
import { canonicalJson } from '../../application/canonical-json';
import { toDomainEvent } from '../../application/stored-events';
import { encodeState, shapeOf } from './snapshot-codec';

/**
 * - matches: the snapshot is the state its stream's events fold to at its revision;
 * - differs: it is not (edited, or written by an evolve that changed without a new state version):
 *   a process starting from it would decide on a state the record does not justify;
 * - unusable: the repository ignores it anyway (another shape, another stream's event at its
 *   revision, or a stream of no aggregate this version knows).
 */
export type SnapshotVerdict = 'matches' | 'differs' | 'unusable';

/** One snapshot checked against the events of its stream. */
export interface SnapshotFinding {
  /** The stream of the meeting, resolution or election the snapshot is of. */
  readonly streamName: string;
  /** The revision of the stream the snapshot was taken at. */
  readonly revision: number;
  /** Whether it is the state the stream's events fold to there. */
  readonly verdict: SnapshotVerdict;
  /** Set when the check was asked to discard what does not match, and did. */
  readonly discarded: boolean;
}

const PAGE = 10_000;

/**
 * Folds each snapshotted stream from its start up to the snapshot's revision and compares: the
 * snapshots are a cache beside the record, which `govrec verify` (the seal) does not cover, so a
 * registrar can prove them right, or have those that are not discarded (`discard`), after which
 * the streams are folded from their start until an import saves new ones.
 */
export async function checkSnapshots(
  store: EventStore,
  options: { readonly discard?: boolean } = {},
): Promise<SnapshotFinding[]> {
  const snapshots = store.snapshots;
  if (!snapshots) return [];
  const findings: SnapshotFinding[] = [];
  for (const streamName of await snapshots.snapshotStreams()) {
    const snapshot = await snapshots.readSnapshot(streamName);
    if (!snapshot) {
      // Listed but not given: a row the store does not vouch for (its MAC does not hold), which the
      // repository ignores; reported, and forgotten when asked, like any other unusable one.
      const discarded = options.discard === true;
      if (discarded) await snapshots.discardSnapshot(streamName);
      findings.push({ streamName, revision: -1, verdict: 'unusable', discarded });
      continue;
    }
    const kind = aggregateKindOf(streamName);
    const verdict =
      kind && snapshot.shape === shapeOf(kind)
        ? await compare(store, kind, streamName, snapshot)
        : 'unusable';
    const discarded = verdict !== 'matches' && options.discard === true;
    if (discarded) await snapshots.discardSnapshot(streamName);
    findings.push({ streamName, revision: snapshot.revision, verdict, discarded });
  }
  return findings;
}

async function compare(
  store: EventStore,
  kind: AggregateKind<unknown>,
  streamName: string,
  snapshot: Snapshot,
): Promise<SnapshotVerdict> {
  let state = kind.initial();
  let last: { revision: number; eventId: string } | undefined;
  for (let from = 0; from <= snapshot.revision; from += PAGE) {
    const maxCount = Math.min(PAGE, snapshot.revision - from + 1);
    const page = await store.readStream(streamName, { fromRevision: from, maxCount });
    for (const event of page) state = kind.evolve(state, toDomainEvent(event));
    last = page.at(-1) ?? last;
    if (page.length < maxCount) break;
  }
  if (last?.revision !== snapshot.revision || last.eventId !== snapshot.eventId) return 'unusable';
  return sameState(encodeState(state), snapshot.state) ? 'matches' : 'differs';
}

/**
 * The same state whatever the order of an object's keys, which means nothing to the domain: a state
 * evolved from events as decided keeps their fields in the order the decider wrote them, one folded
 * from the stored record in the canonical order the store keeps them in. Maps ($map lists) and
 * arrays keep their order, which does mean something (the order of the register, of the votes).
 */
function sameState(folded: string | undefined, saved: string): boolean {
  if (folded === undefined) return false;
  if (folded === saved) return true;
  try {
    return canonicalJson(JSON.parse(folded)) === canonicalJson(JSON.parse(saved));
  } catch {
    return false;
  }
}

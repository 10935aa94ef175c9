import { Either, left, right } from 'fp-ts/Either';
import { RecordSeal } from '../../domain/meeting/events';
import { DomainError, refuse } from '../../domain/shared/errors';
import { EventStore, RecordedEvent } from '../event-store';
import { inclusionProof, merkleLevels, Sibling } from '../merkle';
import {
  countedLeaf,
  eventLeaf,
  HashedEvent,
  MERKLE_SEAL_ALGORITHM,
  merkleRoots,
  TallyFold,
} from '../merkle-seal';
import { eventHash } from '../record-seal';
import { toDomainEvent } from '../stored-events';
import { ReceiptVote, VOTE_RECEIPT_FORMAT, VoteReceipt } from './receipt-codec';

/**
 * A holder's receipt for their votes at a certified meeting, made from the record as sealed. The
 * record is hashed again first: a receipt is only given for a record that still matches its seal,
 * so that what it proves is what was certified.
 */

interface Certification {
  readonly seal: RecordSeal | null;
  readonly at: string;
}

async function certificationOf(store: EventStore, meetingId: string): Promise<Certification | undefined> {
  const certified = (await store.readStream(`meeting-${meetingId}`))
    .filter((e) => e.type === 'ResultsCertified')
    .at(-1);
  if (!certified) return undefined;
  const { data } = toDomainEvent(certified) as { data: { seal: RecordSeal | null; at: string } };
  return { seal: data.seal, at: data.at };
}

interface Sealed {
  readonly hashed: HashedEvent[];
  readonly tally: TallyFold;
  /** The holder's vote events at the meeting, with their index among the hashed events. */
  readonly casts: { event: RecordedEvent; index: number }[];
}

async function sealedEvents(store: EventStore, seal: RecordSeal, meetingId: string, holderId: string) {
  const sealed: Sealed = { hashed: [], tally: new TallyFold(meetingId), casts: [] };
  for (const { streamName, lastRevision } of seal.streams) {
    for (const e of await store.readStream(streamName, { maxCount: lastRevision + 1 })) {
      if (e.revision > lastRevision) continue;
      const hash = eventHash(e);
      const data = e.data as { meetingId?: unknown; holderId?: unknown };
      if (e.type === 'VoteCast' && data.meetingId === meetingId && data.holderId === holderId)
        sealed.casts.push({ event: e, index: sealed.hashed.length });
      sealed.hashed.push({ streamName, revision: e.revision, hash });
      sealed.tally.add(e, hash);
    }
  }
  return sealed;
}

const refused = (rule: string, field: string, message: string) => left(refuse(rule, field, message));

/** The receipt, or why there is none: not certified, sealed before receipts, no vote, a record changed since. */
export async function makeReceipt(
  store: EventStore,
  meetingId: string,
  holderId: string,
): Promise<Either<DomainError, VoteReceipt>> {
  const certification = await certificationOf(store, meetingId);
  if (!certification)
    return refused('ResultsNotCertified', 'meetingId', `${meetingId} has no certified results`);
  const { seal } = certification;
  if (seal?.algorithm !== MERKLE_SEAL_ALGORITHM)
    return refused(
      'SealWithoutReceipts',
      'meetingId',
      `The results of ${meetingId} were sealed before receipts existed; govrec verify checks them`,
    );
  const sealed = await sealedEvents(store, seal, meetingId, holderId);
  if (sealed.casts.length === 0)
    return refused('NoVoteRecorded', 'holderId', `${holderId} cast no vote at ${meetingId}`);
  const counted = sealed.tally.votes();
  const roots = merkleRoots(sealed.hashed, counted);
  if (roots.root !== seal.root)
    return refused(
      'RecordChanged',
      'meetingId',
      `The record of ${meetingId} no longer matches its seal: run govrec verify`,
    );
  const eventLevels = merkleLevels(sealed.hashed.map(eventLeaf));
  const countedLevels = merkleLevels(counted.map(countedLeaf));
  const votes = sealed.casts.map(({ event, index }): ReceiptVote => {
    const hash = sealed.hashed[index].hash;
    const data = event.data as ReceiptVote['event']['data'] & { resolutionId: string };
    const c = counted.findIndex((v) => v.event === hash);
    const countedProof: Sibling[] | null =
      c < 0 ? null : [...inclusionProof(countedLevels, c), { side: 'left', hash: roots.eventsRoot }];
    const { streamName, revision, eventId, schemaVersion, metadata } = event;
    return {
      resolutionId: data.resolutionId,
      counted: { shares: data.shares as never, votes: data.votes as never },
      fingerprint: hash,
      event: {
        streamName,
        revision,
        eventId,
        type: 'VoteCast',
        schemaVersion,
        data,
        metadata: { ...metadata },
      },
      recordedProof: [...inclusionProof(eventLevels, index), { side: 'right', hash: roots.countedRoot }],
      countedProof,
    };
  });
  return right({
    format: VOTE_RECEIPT_FORMAT,
    version: 1,
    algorithm: MERKLE_SEAL_ALGORITHM,
    meetingId,
    holderId,
    root: seal.root,
    certifiedAt: certification.at,
    votes,
  } as VoteReceipt);
}

/**
 * The server's commit check (EventStore.Core IndexWriter.CheckCommit), reduced to what a single node
 * with an in-memory log needs. Expected versions use the server's internal encoding
 * (EventStore.Core.Data.ExpectedVersion): any = -2, no stream = -1, stream exists = -4, else the
 * revision of the stream's last event.
 */
export const ExpectedVersion = { Any: -2n, NoStream: -1n, StreamExists: -4n } as const;

export type CommitDecision =
  | { readonly kind: 'write' }
  | { readonly kind: 'idempotent'; readonly lastRevision: bigint }
  | { readonly kind: 'wrong-expected-version' };

export interface StreamLookup {
  /** Id of the event at that revision, if the stream has one. */
  idAt(revision: bigint): string | undefined;
  /** Revision of the event with that id in this stream, if any. */
  revisionOf(id: string): bigint | undefined;
}

const WRITE: CommitDecision = { kind: 'write' };
const WRONG: CommitDecision = { kind: 'wrong-expected-version' };

/** Do `ids` sit at consecutive revisions from `first`? (the server's idempotency test) */
function alreadyWritten(ids: readonly string[], first: bigint, stream: StreamLookup): CommitDecision {
  if (ids.length === 0) return WRONG;
  const all = ids.every((id, i) => stream.idAt(first + BigInt(i)) === id);
  // A partial match is CommitDecision.CorruptedIdempotency, answered as a wrong expected version.
  return all ? { kind: 'idempotent', lastRevision: first + BigInt(ids.length - 1) } : WRONG;
}

/** `current` is the stream's last revision, -1 when it has none. */
export function checkCommit(
  current: bigint,
  expected: bigint,
  ids: readonly string[],
  stream: StreamLookup,
): CommitDecision {
  if (expected === ExpectedVersion.StreamExists) {
    // StreamExists is Any once the stream is known to exist.
    return current < 0n ? WRONG : checkCommit(current, ExpectedVersion.Any, ids, stream);
  }
  if (expected === ExpectedVersion.Any) {
    // With Any the server recognises a retry by its first event id (IndexWriter's committed-events cache).
    const first = ids.length > 0 ? stream.revisionOf(ids[0]) : undefined;
    return first === undefined ? WRITE : alreadyWritten(ids, first, stream);
  }
  if (expected === current) return WRITE;
  if (expected < current) return alreadyWritten(ids, expected + 1n, stream);
  return WRONG;
}

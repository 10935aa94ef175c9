import { Metadata, status } from '@grpc/grpc-js';

/**
 * gRPC errors as the server raises them (EventStore.Core RpcExceptions): a status plus trailers whose
 * `exception` key the client's convertToCommandError (dist/utils/CommandError.js) dispatches on. Each
 * key the client reads must be present, or it throws a TypeError instead of the intended error.
 */
export type RpcError = Error & {
  readonly code: status;
  readonly details: string;
  readonly metadata: Metadata;
};

export function rpcError(code: status, details: string, trailers: Record<string, string> = {}): RpcError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const streamDeleted = (streamName: string): RpcError =>
  rpcError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });

/**
 * Delete and Tombstone report a conflict this way (Append answers in its response instead). The
 * server prints its internal longs, so "any" is -2 and an absent stream -1, not an empty actual.
 */
export const wrongExpectedVersion = (streamName: string, expected: bigint, actual: bigint): RpcError =>
  rpcError(
    status.FAILED_PRECONDITION,
    `Delete failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expected}, Actual version: ${actual}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamName,
      'expected-version': expected.toString(),
      'actual-version': actual.toString(),
    },
  );

export const maximumAppendSizeExceeded = (maximum: number): RpcError =>
  rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maximum} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maximum),
  });

export const requiredMetadataPropertyMissing = (property: string): RpcError =>
  rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

/** What ASP.NET's gRPC host answers when a handler throws (e.g. Guid.Parse on a malformed id). */
export const handlerException = (): RpcError => rpcError(status.UNKNOWN, 'Exception was thrown by handler.');

/** RpcExceptions.InvalidPositionException: a read of $all from a position that starts no record. */
export const invalidPosition = (): RpcError =>
  rpcError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');

export const invalidArgument = (details: string): RpcError => rpcError(status.INVALID_ARGUMENT, details);

/** A server going away: the client resets its channel on UNAVAILABLE and does not resubscribe. */
export const unavailable = (details: string): RpcError => rpcError(status.UNAVAILABLE, details);

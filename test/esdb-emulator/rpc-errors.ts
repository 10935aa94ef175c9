import { Metadata, status } from '@grpc/grpc-js';
import { ServerVersion } from './faults';

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

/**
 * A read of $all from a position that starts no record: RpcExceptions.InvalidPositionException
 * (INVALID_ARGUMENT) since v24.2; v22.10 and v23.10 let the reader's exception escape the handler,
 * which ASP.NET answers UNKNOWN.
 */
export const invalidPosition = (version: ServerVersion = '24.10'): RpcError =>
  version === '22.10' || version === '23.10'
    ? handlerException()
    : rpcError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');

/** RpcExceptions.Timeout: a write not committed within the server's 2 s (the client's TimeoutError). */
export const operationTimedOut = (): RpcError => rpcError(status.ABORTED, 'Operation timed out');

/** RpcExceptions.ServerNotReady: a node between leaders (the client's UnavailableError). */
export const serverNotReady = (): RpcError => rpcError(status.UNAVAILABLE, 'Server Is Not Ready');

/** RpcExceptions.LeaderInfo: this node is no longer the leader; the client reconnects to the one named. */
export const notLeader = (endpoint: { readonly host: string; readonly port: number }): RpcError =>
  rpcError(status.NOT_FOUND, `Leader info available`, {
    exception: 'not-leader',
    'leader-endpoint-host': endpoint.host,
    'leader-endpoint-port': String(endpoint.port),
  });

/** 23.10's Enumerators: a live subscription whose consumer fell too far behind is ended. */
export const consumerTooSlow = (): RpcError =>
  rpcError(status.ABORTED, 'Consumer too slow to handle event while live. Client resubscription required.');

export const invalidArgument = (details: string): RpcError => rpcError(status.INVALID_ARGUMENT, details);

/** A server going away: the client resets its channel on UNAVAILABLE and does not resubscribe. */
export const unavailable = (details: string): RpcError => rpcError(status.UNAVAILABLE, details);

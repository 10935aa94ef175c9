import { handleUnaryCall } from '@grpc/grpc-js';
import { Empty, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import {
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import { EmulatorContext } from './context';
import { WriteOutcome } from './log';
import {
  invalidArgument,
  operationTimedOut,
  RpcError,
  streamDeleted,
  wrongExpectedVersion,
} from './rpc-errors';
import { ExpectedRevisionOptions, expectedVersionOf, streamNameOf } from './wire';

type DeleteOptions = ExpectedRevisionOptions & { getStreamIdentifier(): StreamIdentifier | undefined };

/**
 * Delete and Tombstone (unary), after Transport/Grpc/Streams.Delete.cs: failures are call errors
 * whose trailers the client parses (wrong-expected-version, stream-deleted); success answers the
 * position of the record the deletion wrote. Returns that position, or the error.
 */
function runDeletion(
  options: DeleteOptions | undefined,
  deletion: (streamName: string, expected: bigint) => WriteOutcome,
): RpcError | { readonly position: bigint | undefined } {
  const expected = options === undefined ? undefined : expectedVersionOf(options);
  if (options === undefined || expected === undefined) return invalidArgument('Delete options are missing.');
  const streamName = streamNameOf(options.getStreamIdentifier());
  const outcome = deletion(streamName, expected);
  if (outcome.kind === 'stream-deleted') return streamDeleted(streamName);
  if (outcome.kind === 'wrong-expected-version')
    return wrongExpectedVersion(streamName, expected, outcome.current);
  if (outcome.kind === 'dropped') return operationTimedOut();
  return { position: outcome.position };
}

function deleteResp(position: bigint | undefined): DeleteResp {
  if (position === undefined) return new DeleteResp().setNoPosition(new Empty());
  const at = position.toString();
  return new DeleteResp().setPosition(new DeleteResp.Position().setCommitPosition(at).setPreparePosition(at));
}

function tombstoneResp(position: bigint | undefined): TombstoneResp {
  if (position === undefined) return new TombstoneResp().setNoPosition(new Empty());
  const at = position.toString();
  return new TombstoneResp().setPosition(
    new TombstoneResp.Position().setCommitPosition(at).setPreparePosition(at),
  );
}

export function deleteHandler(context: EmulatorContext): handleUnaryCall<DeleteReq, DeleteResp> {
  return (call, callback) => {
    context.count('Delete');
    const result = runDeletion(call.request.getOptions(), (name, expected) =>
      context.log.softDelete(name, expected),
    );
    if (result instanceof Error) callback(result);
    else callback(null, deleteResp(result.position));
  };
}

export function tombstoneHandler(context: EmulatorContext): handleUnaryCall<TombstoneReq, TombstoneResp> {
  return (call, callback) => {
    context.count('Tombstone');
    const result = runDeletion(call.request.getOptions(), (name, expected) =>
      context.log.tombstone(name, expected),
    );
    if (result instanceof Error) callback(result);
    else callback(null, tombstoneResp(result.position));
  };
}

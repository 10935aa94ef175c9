import { Message } from 'google-protobuf';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  BadRequest,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  Timeout,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { ExpectedVersion } from './expected-version';

/**
 * BatchAppend reports failures in its response, as a google.rpc.Status whose details pack one of the
 * messages of shared.proto (server: Google.Rpc.Status helpers in Transport/Grpc/Status.cs). The
 * client unpacks the details by type name (dist/streams/appendToStream/unpackError.js).
 */
function status(code: Code, message: string, details: Message, typeName: string): Status {
  const packed = new Any();
  packed.pack(details.serializeBinary(), `event_store.client.${typeName}`);
  return new Status().setCode(code).setMessage(message).setDetails(packed);
}

/** EventStore.Client.WrongExpectedVersion.Create: an absent stream is current_no_stream, never -1. */
export function wrongExpectedVersionStatus(current: bigint, expected: bigint): Status {
  const details = new WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === ExpectedVersion.Any) details.setExpectedAny(new Empty());
  else if (expected === ExpectedVersion.NoStream) details.setExpectedNoStream(new Empty());
  else if (expected === ExpectedVersion.StreamExists) details.setExpectedStreamExists(new Empty());
  else details.setExpectedStreamPosition(expected.toString());
  return status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'WrongExpectedVersion');
}

export const streamDeletedStatus = (identifier: StreamIdentifier): Status =>
  status(
    Code.NOT_FOUND,
    'StreamDeleted',
    new StreamDeleted().setStreamIdentifier(identifier),
    'StreamDeleted',
  );

export const maximumAppendSizeExceededStatus = (maximum: number): Status =>
  status(
    Code.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new MaximumAppendSizeExceeded().setMaxappendsize(maximum),
    'MaximumAppendSizeExceeded',
  );

export const badRequestStatus = (message: string): Status =>
  status(Code.INVALID_ARGUMENT, 'BadRequest', new BadRequest().setMessage(message), 'BadRequest');

export const timeoutStatus = (): Status =>
  status(Code.DEADLINE_EXCEEDED, 'Timeout', new Timeout(), 'Timeout');

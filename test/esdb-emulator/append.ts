import { handleClientStreamingCall, sendUnaryData } from '@grpc/grpc-js';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { EmulatorContext } from './context';
import { ExpectedVersion } from './expected-version';
import { AppendFault, committedDespite } from './faults';
import { ProposedEvent, WriteOutcome } from './log';
import { readProposed } from './proposed';
import {
  handlerException,
  invalidArgument,
  maximumAppendSizeExceeded,
  notLeader,
  operationTimedOut,
  requiredMetadataPropertyMissing,
  RpcError,
  serverNotReady,
  streamDeleted,
} from './rpc-errors';
import { expectedVersionOf, streamNameOf } from './wire';

interface PendingAppend {
  options?: AppendReq.Options;
  readonly events: ProposedEvent[];
  size: number;
}

/**
 * Streams.Append (client streaming): one Options message, then the proposed messages. Mimics
 * Transport/Grpc/Streams.Append.cs: each message is validated and the running size checked as it
 * arrives, so an oversized append fails before its end; the write itself happens once the client
 * half-closes.
 */
export function appendHandler(context: EmulatorContext): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    context.count('Append');
    const pending: PendingAppend = { events: [], size: 0 };
    let answered = false;
    const answer: sendUnaryData<AppendResp> = (error, response) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };
    call.on('data', (request: AppendReq) => {
      if (answered) return;
      const error = accept(pending, request, context.maxAppendSize);
      if (error) answer(error);
    });
    call.on('end', () => {
      if (!answered) answer(...commit(context, pending));
    });
    call.on('error', () => {
      answered = true; // the client went away: nothing is written
    });
  };
}

function accept(pending: PendingAppend, request: AppendReq, maxAppendSize: number): RpcError | undefined {
  if (pending.options === undefined) {
    // The server throws InvalidOperationException when the first message is not the options.
    if (!request.hasOptions()) return handlerException();
    pending.options = request.getOptions();
    return undefined;
  }
  const message = request.getProposedMessage();
  if (message === undefined) return handlerException();
  const proposed = readProposed(message);
  if (proposed.kind === 'missing-metadata') return requiredMetadataPropertyMissing(proposed.property);
  if (proposed.kind === 'invalid') return handlerException();
  pending.size += proposed.size;
  if (pending.size > maxAppendSize) return maximumAppendSizeExceeded(maxAppendSize);
  pending.events.push(proposed.event);
  return undefined;
}

function commit(context: EmulatorContext, pending: PendingAppend): [RpcError | null, AppendResp?] {
  const options = pending.options;
  const expected = options === undefined ? undefined : expectedVersionOf(options);
  if (options === undefined || expected === undefined)
    return [invalidArgument('Append options are missing.')];
  const streamName = streamNameOf(options.getStreamIdentifier());
  const fault = context.faults.takeAppendFault();
  if (fault !== undefined && !committedDespite(fault)) return [faultError(context, fault)];
  const hideForMs = fault === 'timeout-pending' ? context.faults.pendingMs : undefined;
  const outcome = context.log.append(streamName, expected, pending.events, hideForMs);
  if (outcome.kind === 'stream-deleted') return [streamDeleted(streamName)];
  if (outcome.kind === 'dropped') return [operationTimedOut()];
  // The write stands; the answer is lost to the fault.
  if (fault !== undefined && outcome.kind === 'success') return [faultError(context, fault)];
  return [null, toAppendResp(outcome, expected)];
}

/** The error a client gets for a fault (faults.ts), whether or not the write happened. */
export function faultError(context: EmulatorContext, fault: AppendFault): RpcError {
  if (fault.startsWith('timeout')) return operationTimedOut();
  if (fault.startsWith('unavailable')) return serverNotReady();
  return notLeader(context.leaderEndpoint());
}

function toAppendResp(
  outcome: Extract<WriteOutcome, { kind: 'success' | 'wrong-expected-version' }>,
  expected: bigint,
): AppendResp {
  const response = new AppendResp();
  if (outcome.kind === 'wrong-expected-version') {
    return response.setWrongExpectedVersion(wrongExpectedVersion(outcome.current, expected));
  }
  const success = new AppendResp.Success();
  if (outcome.lastRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.lastRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new Empty());
  else {
    const position = new AppendResp.Position();
    position.setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
    success.setPosition(position);
  }
  return response.setSuccess(success);
}

/**
 * A conflict is an OK status with AppendResp.wrong_expected_version (servers since 20.6), filling
 * the current fields and, for older clients, the deprecated *_20_6_0 ones. The server sets
 * expected_revision_20_6_0 to ulong.MaxValue for no_stream: a JS number cannot hold that exactly,
 * so the emulator leaves that one field unset.
 */
function wrongExpectedVersion(current: bigint, expected: bigint): AppendResp.WrongExpectedVersion {
  const details = new AppendResp.WrongExpectedVersion();
  if (expected === ExpectedVersion.Any) details.setExpectedAny(new Empty()).setAny2060(new Empty());
  else if (expected === ExpectedVersion.StreamExists) {
    details.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
  } else if (expected === ExpectedVersion.NoStream) details.setExpectedNoStream(new Empty());
  else details.setExpectedRevision(expected.toString()).setExpectedRevision2060(Number(expected));
  if (current < 0n) details.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else details.setCurrentRevision(current.toString()).setCurrentRevision2060(Number(current));
  return details;
}

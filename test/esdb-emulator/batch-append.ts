import { handleBidiStreamingCall } from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { AllStreamPosition, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { EmulatorContext } from './context';
import { faultError } from './append';
import { ExpectedVersion } from './expected-version';
import { AppendFault, committedDespite } from './faults';
import { ProposedEvent, WriteOutcome } from './log';
import { readProposed } from './proposed';
import { RpcError, serverNotReady } from './rpc-errors';
import {
  badRequestStatus,
  maximumAppendSizeExceededStatus,
  streamDeletedStatus,
  timeoutStatus,
  wrongExpectedVersionStatus,
} from './rpc-status';
import { streamNameOf, uuidText } from './wire';

interface PendingWrite {
  readonly correlationId: UUID;
  readonly identifier: StreamIdentifier;
  readonly expected: bigint;
  readonly events: ProposedEvent[];
  size: number;
}

type Pending = Map<string, PendingWrite>;

/**
 * Streams.BatchAppend (bidirectional), after Transport/Grpc/Streams.BatchAppend.cs: requests are
 * grouped by correlation id; the first carries the options; events accumulate over chunks until
 * is_final, then the batch is written at once. Every answer echoes the request's correlation_id and
 * stream_identifier messages untouched: the client (v6.2.1) looks its promise up by that id and
 * crashes on an unknown one. Failures are google.rpc.Status answers, never call errors, because one
 * call error would reject every append in flight on the shared call.
 */
export function batchAppendHandler(
  context: EmulatorContext,
): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    context.count('BatchAppend');
    const pending: Pending = new Map();
    let failed = false;
    call.on('data', (request: BatchAppendReq) => {
      if (failed) return;
      context.count('BatchAppend.request');
      const response = handleRequest(context, pending, request);
      if (response instanceof Error) {
        // One call error rejects every append in flight on the call, committed or not.
        failed = true;
        pending.clear();
        return void call.emit('error', response);
      }
      if (response !== undefined) call.write(response);
    });
    call.on('end', () => call.end());
    call.on('error', () => pending.clear());
  };
}

function handleRequest(
  context: EmulatorContext,
  pending: Pending,
  request: BatchAppendReq,
): BatchAppendResp | RpcError | undefined {
  const correlationId = request.getCorrelationId();
  const key = uuidText(correlationId);
  if (correlationId === undefined || key === undefined) return undefined; // nothing to answer to
  const options = request.getOptions();
  if (options !== undefined) {
    const refused = refuseOptions(options);
    if (refused) return failure(correlationId, options.getStreamIdentifier(), refused);
    // AddOrUpdate: options repeated under a known correlation id do not restart the batch.
    if (!pending.has(key)) pending.set(key, newWrite(correlationId, options));
  }
  const write = pending.get(key);
  if (write === undefined) return undefined;
  const refused = addEvents(write, request.getProposedMessagesList(), context.maxAppendSize);
  if (refused) {
    pending.delete(key); // the emulator drops the whole batch: no later chunk may commit part of it
    return failure(correlationId, write.identifier, refused);
  }
  if (!request.getIsFinal()) return undefined;
  pending.delete(key);
  return commit(context, write);
}

/**
 * The write, and what meets its answer (faults.ts): a timeout is that append's own Status; an
 * election (unavailable, not-leader) fails the whole call. A cut (batchCutAfter) commits that many
 * more appends with their answers held back, then fails the call: part of what the client had in
 * flight committed, and it hears of none of it.
 */
function commit(context: EmulatorContext, write: PendingWrite): BatchAppendResp | RpcError | undefined {
  const faults = context.faults;
  const fault = faults.takeAppendFault();
  if (fault !== undefined && !committedDespite(fault)) return faultAnswer(context, write, fault);
  const hideForMs = fault === 'timeout-pending' ? faults.pendingMs : undefined;
  const streamName = streamNameOf(write.identifier);
  const outcome = context.log.append(streamName, write.expected, write.events, hideForMs);
  if (faults.batchCutAfter !== undefined) {
    faults.batchCutAfter -= 1;
    if (faults.batchCutAfter > 0) return undefined;
    faults.batchCutAfter = undefined;
    return serverNotReady();
  }
  if (outcome.kind === 'dropped')
    return answer(write.correlationId, write.identifier).setError(timeoutStatus());
  if (fault !== undefined && outcome.kind === 'success') return faultAnswer(context, write, fault);
  return outcomeResp(write, outcome);
}

function faultAnswer(
  context: EmulatorContext,
  write: PendingWrite,
  fault: AppendFault,
): BatchAppendResp | RpcError {
  if (!fault.startsWith('timeout')) return faultError(context, fault);
  return failure(write.correlationId, write.identifier, timeoutStatus());
}

function refuseOptions(options: BatchAppendReq.Options): Status | undefined {
  if (!options.hasStreamIdentifier()) return badRequestStatus('Required field StreamIdentifier not set.');
  const deadline = options.getDeadline();
  if (deadline !== undefined && deadline.toDate().getTime() <= Date.now()) return timeoutStatus();
  return undefined;
}

function newWrite(correlationId: UUID, options: BatchAppendReq.Options): PendingWrite {
  return {
    correlationId,
    identifier: options.getStreamIdentifier() as StreamIdentifier,
    expected: expectedOf(options),
    events: [],
    size: 0,
  };
}

function expectedOf(options: BatchAppendReq.Options): bigint {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return ExpectedVersion.NoStream;
  if (options.hasStreamExists()) return ExpectedVersion.StreamExists;
  return ExpectedVersion.Any;
}

/**
 * The server sizes the batch after adding each chunk; a missing type fails its dictionary lookup
 * (a BadRequest answer).
 */
function addEvents(
  write: PendingWrite,
  messages: BatchAppendReq.ProposedMessage[],
  maxAppendSize: number,
): Status | undefined {
  for (const message of messages) {
    const proposed = readProposed(message);
    if (proposed.kind === 'missing-metadata') {
      return badRequestStatus(`The given key '${proposed.property}' was not present in the dictionary.`);
    }
    if (proposed.kind === 'invalid') return badRequestStatus(proposed.reason);
    write.events.push(proposed.event);
    write.size += proposed.size;
  }
  return write.size > maxAppendSize ? maximumAppendSizeExceededStatus(maxAppendSize) : undefined;
}

function outcomeResp(
  write: PendingWrite,
  outcome: Exclude<WriteOutcome, { kind: 'dropped' }>,
): BatchAppendResp {
  if (outcome.kind === 'stream-deleted') {
    return failure(write.correlationId, write.identifier, streamDeletedStatus(write.identifier));
  }
  if (outcome.kind === 'wrong-expected-version') {
    const status = wrongExpectedVersionStatus(outcome.current, write.expected);
    return failure(write.correlationId, write.identifier, status);
  }
  const success = new BatchAppendResp.Success();
  if (outcome.lastRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.lastRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new Empty());
  else {
    const position = outcome.position.toString();
    success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
  }
  return answer(write.correlationId, write.identifier).setSuccess(success);
}

const answer = (correlationId: UUID, identifier: StreamIdentifier | undefined): BatchAppendResp =>
  new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(identifier);

const failure = (
  correlationId: UUID,
  identifier: StreamIdentifier | undefined,
  status: Status,
): BatchAppendResp => answer(correlationId, identifier).setError(status);

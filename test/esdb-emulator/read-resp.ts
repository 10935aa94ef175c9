import { ServerWritableStream } from '@grpc/grpc-js';
import { UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StoredEvent } from './log';
import { streamIdentifier } from './wire';

export type ReadCall = ServerWritableStream<ReadReq, ReadResp>;

/**
 * ReadResp.ReadEvent as Transport/Grpc ConvertToRecordedEvent builds it: metadata `type`, `created`
 * (ticks) and `content-type`, the id as a string UUID (the client always asks for the string
 * option), the stream revision and the commit/prepare positions, which servers since 22.6 fill for
 * stream reads too.
 */
export function eventResp(record: StoredEvent): ReadResp {
  const position = record.position.toString();
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(position)
    .setPreparePosition(position)
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('created', record.created.toString())
    .set('content-type', record.isJson ? 'application/json' : 'application/octet-stream');
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(position);
  return new ReadResp().setEvent(event);
}

export const confirmationResp = (subscriptionId: string): ReadResp =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

export const caughtUpResp = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());

/** v24: the subscription fell behind the live position and is catching up again. */
export const fellBehindResp = (): ReadResp => new ReadResp().setFellBehind(new ReadResp.FellBehind());

export const checkpointResp = (position: bigint): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
  );

export const streamNotFoundResp = (streamName: string): ReadResp =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamName)),
  );

/** Writes with backpressure: waits for 'drain' when the HTTP/2 stream is full, or until `stop` settles. */
export async function send(call: ReadCall, response: ReadResp, stop?: Promise<void>): Promise<void> {
  if (call.write(response)) return;
  let onDrain: (() => void) | undefined;
  const drained = new Promise<void>((resolve) => {
    onDrain = resolve;
    call.once('drain', resolve);
  });
  await Promise.race(stop ? [drained, stop] : [drained]);
  if (onDrain) call.removeListener('drain', onDrain);
}

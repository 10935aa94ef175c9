import { credentials, ServiceError, status } from '@grpc/grpc-js';
import { Empty, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { streamIdentifier } from './wire';

/**
 * The generated gRPC client used directly, for what `@eventstore/db-client` never sends (events
 * without metadata) or hides (the deprecated fields of AppendResp).
 */
export function rawAppend(port: number, requests: AppendReq[]): Promise<AppendResp> {
  const client = new StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  return new Promise<AppendResp>((resolve, reject) => {
    const call = client.append((error: ServiceError | null, response: AppendResp) =>
      error ? reject(error) : resolve(response),
    );
    for (const request of requests) call.write(request);
    call.end();
  }).finally(() => client.close());
}

export function appendOptions(streamName: string, revision?: bigint): AppendReq {
  const options = new AppendReq.Options().setStreamIdentifier(streamIdentifier(streamName));
  if (revision === undefined) options.setAny(new Empty());
  else options.setRevision(revision.toString());
  return new AppendReq().setOptions(options);
}

export function proposedMessage(id: string, metadata: Record<string, string>, data = '{}'): AppendReq {
  const message = new AppendReq.ProposedMessage().setId(new UUID().setString(id)).setData(Buffer.from(data));
  for (const [key, value] of Object.entries(metadata)) message.getMetadataMap().set(key, value);
  return new AppendReq().setProposedMessage(message);
}

/** The messages of a subscription, named, up to and including `caught_up`; then the call is cancelled. */
export function rawMessagesUntilCaughtUp(port: number, request: ReadReq): Promise<string[]> {
  const client = new StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const call = client.read(request);
  const names: string[] = [];
  return new Promise<string[]>((resolve, reject) => {
    call.on('data', (response: ReadResp) => {
      names.push(messageName(response));
      if (response.hasCaughtUp()) resolve(names);
    });
    call.on('error', (error: ServiceError) => (error.code === status.CANCELLED ? undefined : reject(error)));
    call.on('end', () => reject(new Error(`The subscription ended after ${names.join(', ')}`)));
  }).finally(() => {
    call.cancel();
    client.close();
  });
}

function messageName(response: ReadResp): string {
  if (response.hasConfirmation()) return 'confirmation';
  if (response.hasCaughtUp()) return 'caught_up';
  if (response.hasCheckpoint()) return 'checkpoint';
  return `event ${response.getEvent()?.getEvent()?.getMetadataMap().get('type')}`;
}

export function subscribeToAllRequest(): ReadReq {
  const options = new ReadReq.Options()
    .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
    .setSubscription(new ReadReq.Options.SubscriptionOptions())
    .setNoFilter(new Empty())
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()));
  return new ReadReq().setOptions(options);
}

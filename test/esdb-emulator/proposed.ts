import { Map as ProtoMap } from 'google-protobuf';
import { UUID } from '@eventstore/db-client/generated/shared_pb';
import { ProposedEvent } from './log';
import { isEmptyUuid, uuidText } from './wire';

/** AppendReq.ProposedMessage and BatchAppendReq.ProposedMessage share this shape. */
export interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): ProtoMap<string, string>;
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

export type ProposedResult =
  | { readonly kind: 'ok'; readonly event: ProposedEvent; readonly size: number }
  /** Constants.Metadata.RequiredMetadata: the server refuses events without them. */
  | { readonly kind: 'missing-metadata'; readonly property: 'type' | 'content-type' }
  /** What the server's Event constructor or Guid parsing throws on. */
  | { readonly kind: 'invalid'; readonly reason: string };

/** Event.SizeOnDisk of newer servers: data, custom metadata and the type (UTF-16, two bytes a char). */
export const sizeOnDisk = (type: string, data: Uint8Array, metadata: Uint8Array): number =>
  data.length + metadata.length + type.length * 2;

/** Validates a proposed message in Streams.Append's order: required metadata first, then the event. */
export function readProposed(message: ProposedMessageLike): ProposedResult {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (type === undefined) return { kind: 'missing-metadata', property: 'type' };
  const contentType = metadata.get('content-type');
  if (contentType === undefined) return { kind: 'missing-metadata', property: 'content-type' };
  const id = uuidText(message.getId());
  if (id === undefined) return { kind: 'invalid', reason: 'Unrecognized Guid format.' };
  if (isEmptyUuid(id)) return { kind: 'invalid', reason: 'Empty eventId provided.' };
  if (type === '') return { kind: 'invalid', reason: 'Empty eventType provided.' };
  const data = message.getData_asU8();
  const customMetadata = message.getCustomMetadata_asU8();
  return {
    kind: 'ok',
    event: { id, type, isJson: contentType === 'application/json', data, customMetadata },
    size: sizeOnDisk(type, data, customMetadata),
  };
}

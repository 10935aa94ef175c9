import { isLeft } from 'fp-ts/Either';
import { CURRENT_SCHEMA_VERSION, DomainEvent } from '../domain/events';
import { RecordedEvent } from './event-store';
import { upcast } from './upcasters';
import { firstError } from './validation';

/** A stored event that no longer decodes: the record is damaged, and nothing should be decided on it. */
export class CorruptEvent extends Error {
  constructor(
    readonly streamName: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`Event ${streamName}@${revision} cannot be read: ${reason}`);
    this.name = 'CorruptEvent';
  }
}

type EventCodec = (typeof DomainEvent.types)[number];

/**
 * Each event type's own codec. The union's would find the member by the type's tag to decode, but
 * to encode it asks each member in turn whether the event is its own: that search was most of the
 * cost of reading a meeting's stream (docs/performance.md, "Encoding events: one codec per type").
 */
const EVENT_CODECS: ReadonlyMap<string, EventCodec> = new Map(
  DomainEvent.types.map((codec) => [codec.props.type.value, codec]),
);

/** Upcasts a recorded event to the current schema and checks it against its codec. */
export function toDomainEvent(recorded: RecordedEvent): DomainEvent {
  const data = upcast(recorded.type, recorded.schemaVersion, recorded.data);
  // upcast refuses a type this version does not know, so every type that gets here has a codec.
  const codec = EVENT_CODECS.get(recorded.type)!;
  const decoded = codec.decode({ type: recorded.type, data });
  if (isLeft(decoded)) {
    throw new CorruptEvent(recorded.streamName, recorded.revision, firstError(decoded.left).message);
  }
  return codec.encode(decoded.right as never) as DomainEvent;
}

/** A recorded event, upcast and decoded, with its stream, revision, position and metadata. */
export const toRecordedDomainEvent = (recorded: RecordedEvent): RecordedEvent & DomainEvent => ({
  ...recorded,
  // Named: a store may give metadata as a getter of the event's prototype (lazyMetadata), not spread.
  metadata: recorded.metadata,
  ...toDomainEvent(recorded),
});

/**
 * toRecordedDomainEvent for a read model folding the whole record, without checking each event of
 * the current version against its codec. Those were encoded by the same codecs when they were
 * appended, and the store keeps them as written (tampering is `govrec verify`'s to find): checking
 * them again took a quarter of a rebuild. Older versions still go through their upcasters and the
 * codec, and so does a type this version does not know, which is reported as corrupt.
 */
export const toTrustedRecordedDomainEvent = (recorded: RecordedEvent): RecordedEvent & DomainEvent =>
  currentVersionOf(recorded.type) === recorded.schemaVersion
    ? (recorded as RecordedEvent & DomainEvent)
    : toRecordedDomainEvent(recorded);

/**
 * CURRENT_SCHEMA_VERSION's answer, the last type's kept: a type read from a store is a new string
 * each time, looked up in the table by its text, and a rebuild's events come in runs of one type.
 */
const currentVersionOf = (type: string): number | undefined => {
  if (type !== lastType.type)
    lastType = { type, current: CURRENT_SCHEMA_VERSION[type as DomainEvent['type']] };
  return lastType.current;
};
let lastType: { readonly type: string; readonly current: number | undefined } = {
  type: '',
  current: undefined,
};

import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { StoredEvent } from './log';

export interface EventFilter {
  readonly matches: (record: StoredEvent) => boolean;
  /** Records scanned between two checkpoint messages: CheckpointIntervalMultiplier × max search window. */
  readonly checkpointInterval: number;
}

/** Enumerators' ReadBatchSize: the search window when the client sends `count` instead of `max`. */
const DEFAULT_SEARCH_WINDOW = 32;

/**
 * The server's IEventFilter (EventFilter.StreamName / EventFilter.EventType): a regex when one is
 * given, else prefixes (Streams.Read ConvertToEventFilter). .NET's Regex.IsMatch is unanchored, as
 * RegExp.test is.
 */
export function filterOf(options: ReadReq.Options): EventFilter | undefined {
  const filter = options.getFilter();
  if (filter === undefined) return undefined;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  const field = (record: StoredEvent): string => (onStream ? record.streamName : record.type);
  const regex = expression?.getRegex() ?? '';
  const prefixes = expression?.getPrefixList() ?? [];
  const pattern = regex === '' ? undefined : new RegExp(regex);
  const matches = pattern
    ? (record: StoredEvent) => pattern.test(field(record))
    : (record: StoredEvent) => prefixes.some((prefix) => field(record).startsWith(prefix));
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  return { matches, checkpointInterval: Math.max(1, filter.getCheckpointintervalmultiplier()) * window };
}

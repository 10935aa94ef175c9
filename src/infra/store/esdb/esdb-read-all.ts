import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  ReadPosition,
  START,
  UnknownError,
} from '@eventstore/db-client';
import { RecordedEvent } from '../../../application/event-store';
import { toPosition, toRecordedEvent } from './esdb-codec';

/** $all is read in pages of this many records, the server's own included. */
const PAGE_SIZE = 500;

type Direction = typeof FORWARDS | typeof BACKWARDS;

async function readPage(
  client: EventStoreDBClient,
  from: ReadPosition,
  direction: Direction,
  maxCount = PAGE_SIZE,
) {
  const page: AllStreamResolvedEvent[] = [];
  // The leader's log: a lagging follower would serve a stale $all (ESDB-WIRE.md, scale-out).
  const read = client.readAll({ fromPosition: from, direction, maxCount, requiresLeader: true });
  for await (const resolved of read) {
    page.push(resolved);
  }
  return page;
}

/** Each page starts at the last record of the one before: the one record both pages hold is skipped. */
async function readForwards(
  client: EventStoreDBClient,
  from: number,
  wanted: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let position: ReadPosition = from > 0 ? toPosition(from) : START;
  let repeated: bigint | undefined;
  while (events.length < wanted) {
    const page = await readPage(client, position, FORWARDS);
    for (const resolved of page) {
      if (resolved.event?.position.commit === repeated) continue;
      const event = toRecordedEvent(resolved);
      if (event !== undefined && events.length < wanted) events.push(event);
    }
    const last = page[page.length - 1]?.event;
    if (page.length < PAGE_SIZE || last === undefined) break;
    position = last.position;
    repeated = last.position.commit;
  }
  return events;
}

/** From the end back to `from`; a backwards read excludes the record it starts at: pages do not overlap. */
async function readBackTo(client: EventStoreDBClient, from: number): Promise<RecordedEvent[]> {
  const newestFirst: AllStreamResolvedEvent[] = [];
  let position: ReadPosition = END;
  for (;;) {
    const page = await readPage(client, position, BACKWARDS);
    const reached = page.filter((resolved) => (resolved.event?.position.commit ?? 0n) >= BigInt(from));
    newestFirst.push(...reached);
    const last = page[page.length - 1]?.event;
    if (reached.length < page.length || page.length < PAGE_SIZE || last === undefined) break;
    position = last.position;
  }
  return newestFirst.reverse().flatMap((resolved) => toRecordedEvent(resolved) ?? []);
}

/**
 * RpcExceptions.InvalidPositionException: INVALID_ARGUMENT (3) with no `exception` trailer, which
 * the client reports as an UnknownError. v22.10 and v23.10 answer UNKNOWN (2) instead, which
 * other handler failures share: reading back from the end is right for any position, so an
 * UNKNOWN is answered that way too, and a failure it hid fails that read again.
 */
const isInvalidPosition = (error: unknown): boolean =>
  error instanceof UnknownError && (error.code === 3 || error.code === 2);

/** The position of the last record of $all, the server's own included; -1 when it has none. */
export async function headPosition(client: EventStoreDBClient): Promise<number> {
  const [last] = await readPage(client, END, BACKWARDS, 1);
  return last?.event ? Number(last.event.position.commit) : -1;
}

/**
 * The port's events of $all at or after `from`, at most `wanted`, the server's own records left out.
 * The server starts a read only at a record's own position (elsewhere it would parse the middle of
 * a record, and answers InvalidPosition instead): a position that starts no record, such as one
 * past the last event, is served by reading back from the end down to it.
 */
export async function readAllFrom(
  client: EventStoreDBClient,
  from: number,
  wanted: number,
): Promise<RecordedEvent[]> {
  try {
    return await readForwards(client, from, wanted);
  } catch (error) {
    if (!isInvalidPosition(error)) throw error;
    return (await readBackTo(client, from)).slice(0, wanted);
  }
}

import { ReadStreamOptions, RecordedEvent } from '../../../application/event-store';

/** Events read at a time when bringing a stream's index up to date. */
const PAGE = 4096;

/** One stream's event ids by revision, as far as they have been read. */
export interface StreamIds {
  /** The revision the next read starts at: one past the last event read. */
  readonly next: number;
  idAt(revision: number): string | undefined;
  /** The ids at revisions from..from+count-1, stopping at the first the stream does not hold. */
  idsFrom(from: number, count: number): string[];
  revisionOf(eventId: string): number | undefined;
}

class Ids implements StreamIds {
  next = 0;
  readonly byRevision = new Map<number, string>();
  readonly byId = new Map<string, number>();

  idAt(revision: number): string | undefined {
    return this.byRevision.get(revision);
  }

  idsFrom(from: number, count: number): string[] {
    const ids: string[] = [];
    for (let revision = from; revision < from + count; revision++) {
      const id = this.byRevision.get(revision);
      if (id === undefined) break;
      ids.push(id);
    }
    return ids;
  }

  revisionOf(eventId: string): number | undefined {
    return this.byId.get(eventId);
  }
}

type ReadStream = (streamName: string, options: ReadStreamOptions) => Promise<RecordedEvent[]>;

/**
 * EventStoreDB indexes events by stream and revision only, so the adapter keeps its own index of
 * each stream's event ids, read forwards once and then only from where it stopped (a stream only
 * grows): bringing it up to date reads the stream's new events, never the whole stream again. It
 * grows with the events of the streams looked up, in this process: the price of a server without
 * a secondary index. A stream found shorter than its index (a restore from a backup) is read again.
 */
export class IdIndex {
  private readonly streams = new Map<string, Ids>();

  constructor(private readonly read: ReadStream) {}

  /**
   * The stream's ids up to its current end, as the leader has them. Each read starts at the last
   * event already indexed, which must still be there: otherwise the stream was restored shorter
   * and is indexed again from the start.
   */
  async current(streamName: string): Promise<StreamIds> {
    let ids = this.streams.get(streamName) ?? new Ids();
    this.streams.set(streamName, ids);
    for (;;) {
      const from = Math.max(0, ids.next - 1);
      const page = await this.read(streamName, { fromRevision: from, maxCount: PAGE });
      if (ids.next > 0 && page[0]?.eventId !== ids.idAt(from)) {
        ids = new Ids();
        this.streams.set(streamName, ids);
        continue;
      }
      for (const event of page) {
        ids.byRevision.set(event.revision, event.eventId);
        ids.byId.set(event.eventId, event.revision);
        ids.next = event.revision + 1;
      }
      if (page.length < PAGE) return ids;
    }
  }
}

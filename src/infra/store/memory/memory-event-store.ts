import { randomUUID } from 'node:crypto';
import { planAppend } from '../../../application/append-rules';
import {
  AppendResult,
  ChainHead,
  ChainVerdict,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  firstPositionOf,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeToAllOptions,
  SubscriptionHandlers,
} from '../../../application/event-store';
import { SnapshotStore } from '../../../application/snapshot-store';
import { IdentifiedStore } from '../../../application/store-identity';
import { LiveFeed } from '../live-feed';
import { MemoryChain } from './memory-chain';
import { MemorySnapshots } from './memory-snapshots';

/** The reference implementation of the port: everything in one array, nothing survives the process. */
export class MemoryEventStore implements EventStore, IdentifiedStore {
  /** Aggregate snapshots, in memory like the events. */
  readonly snapshots: SnapshotStore = new MemorySnapshots();
  /** Each store in memory is another record: read models folded from one are not another's. */
  private readonly id = randomUUID();
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  /** Every event by its stream and id, for findEvents and for recognising an id already in the stream. */
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly feed = new LiveFeed();
  private readonly chain = new MemoryChain();

  async storeId(): Promise<string> {
    return this.id;
  }

  async append(
    streamName: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const stream = this.streams.get(streamName) ?? [];
    const last = stream.length === 0 ? undefined : stream.length - 1;
    const plan = planAppend(
      streamName,
      last,
      events,
      expected,
      (from, count) => stream.slice(from, from + count).map((e) => e.eventId),
      (id) => {
        return this.byId.get(keyOf(streamName, id))?.revision;
      },
    );
    if (plan.kind === 'already-written') {
      return {
        nextExpectedRevision: plan.lastRevision,
        position: stream[plan.lastRevision].position,
        written: 0,
      };
    }
    if (events.length === 0) {
      return {
        nextExpectedRevision: last ?? -1,
        position: last === undefined ? -1 : stream[last].position,
        written: 0,
      };
    }
    const recorded = events.map((e, i) => ({
      ...structuredClone(e),
      streamName,
      revision: plan.nextRevision + i,
      position: this.all.length + i,
    }));
    // Before anything is kept: a refused append leaves the store as it was.
    this.chain.extend(streamName, recorded);
    this.all.push(...recorded);
    for (const e of recorded) this.byId.set(keyOf(streamName, e.eventId), e);
    this.streams.set(streamName, stream.concat(recorded));
    this.feed.publish(recorded);
    const lastRecorded = recorded[recorded.length - 1];
    return {
      nextExpectedRevision: lastRecorded.revision,
      position: lastRecorded.position,
      written: events.length,
    };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const stream = this.streams.get(streamName) ?? [];
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.direction === 'backwards') {
      const from = Math.min(options.fromRevision ?? stream.length - 1, stream.length - 1);
      return stream
        .slice(Math.max(0, from - max + 1), from + 1)
        .reverse()
        .map((e) => structuredClone(e));
    }
    const from = options.fromRevision ?? 0;
    return stream.slice(from, from + max).map((e) => structuredClone(e));
  }

  async findEvents(streamName: string, eventIds: readonly string[]): Promise<RecordedEvent[]> {
    return [...new Set(eventIds)]
      .map((id) => this.byId.get(keyOf(streamName, id)))
      .filter((e): e is RecordedEvent => e !== undefined)
      .sort((a, b) => a.revision - b.revision)
      .map((e) => structuredClone(e));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = firstPositionOf(options);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    return this.all.slice(from, from + max).map((e) => structuredClone(e));
  }

  subscribeToAll(options: SubscribeToAllOptions, handlers: SubscriptionHandlers): Subscription {
    return this.feed.subscribe(
      (after, max) => this.readAll({ fromPosition: after + 1, maxCount: max }),
      options,
      handlers,
    );
  }

  async chainHead(): Promise<ChainHead | undefined> {
    return this.chain.head();
  }

  async chainAt(position: number): Promise<string | undefined> {
    return this.chain.at(position);
  }

  async verifyChain(): Promise<ChainVerdict> {
    return this.chain.verify(this.all);
  }

  async close(): Promise<void> {
    this.feed.close();
  }
}

const keyOf = (streamName: string, eventId: string): string => `${streamName}\u0000${eventId}`;

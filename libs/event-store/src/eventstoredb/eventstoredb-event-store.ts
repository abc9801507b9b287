import {
  EventStoreDBClient,
  FORWARDS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import {
  InvalidAppendError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventSubscription,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamAppend,
  type StreamRevision,
  type SubscribeToAllOptions,
} from '../event-store.port';
import { isSystemEvent, toEventData, toRecordedEvent } from './event-data-mapping';
import {
  firstRevisionOf,
  fromClientCurrentRevision,
  toClientExpectedRevision,
} from './expected-revision-mapping';
import { EventStoreDbSubscription } from './eventstoredb-subscription';
import { matchesFilter, toClientFilter, toClientStart } from './subscription-filter-mapping';

export interface EventStoreDbEventStoreOptions {
  /** Appends of one `appendMany` in flight at once (default 16). */
  readonly appendConcurrency?: number;
  /** Events per subscription batch when the subscriber does not say (default 256). */
  readonly defaultBatchSize?: number;
}

/**
 * The event store on EventStoreDB through `@eventstore/db-client`. Thin: one `appendToStream` per
 * stream, `readStream` forwards, `subscribeToAll` with a server-side filter. `appendMany` is NOT
 * atomic across streams (EventStoreDB has no multi-stream transaction): each stream's append is
 * atomic on its own, and when one fails the others of the call may already be written. Callers that
 * need all-or-nothing across streams append again with the same event ids, which is idempotent.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly appendManyIsAtomic = false;
  private readonly subscriptions = new Set<EventSubscription>();
  private readonly appendConcurrency: number;
  private readonly defaultBatchSize: number;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.appendConcurrency = options.appendConcurrency ?? 16;
    this.defaultBatchSize = options.defaultBatchSize ?? 256;
  }

  /** `esdb://host:2113?tls=false` for the insecure single node of docker-compose.yml. */
  static connect(
    connectionString: string,
    options: EventStoreDbEventStoreOptions = {},
  ): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new InvalidAppendError(`Append to "${stream}" has no events`);
    if (typeof expectedRevision === 'bigint' && expectedRevision < 0n) {
      throw new InvalidAppendError(`Expected revision of "${stream}" is negative`);
    }
    const data = events.map(toEventData);
    try {
      const result = await this.client.appendToStream(stream, data, {
        expectedRevision: toClientExpectedRevision(expectedRevision),
      });
      if (result.position === undefined)
        throw new Error(`EventStoreDB reported no position for the append to "${stream}"`);
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const earlier = await this.findEarlierAppend(stream, events, expectedRevision);
      if (earlier !== null) return earlier;
      throw new WrongExpectedRevisionError(
        stream,
        expectedRevision,
        fromClientCurrentRevision(error.actualVersion),
      );
    }
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    assertDistinctStreams(appends);
    const results: AppendResult[] = [];
    for (let start = 0; start < appends.length; start += this.appendConcurrency) {
      const slice = appends.slice(start, start + this.appendConcurrency);
      results.push(
        ...(await Promise.all(
          slice.map((append) => this.append(append.stream, append.events, append.expectedRevision)),
        )),
      );
    }
    return results;
  }

  async readStream(stream: string, fromRevision: StreamRevision = 0n): Promise<readonly RecordedEvent[]> {
    return this.read(stream, fromRevision, undefined);
  }

  /** One read per stream (the client has no multi-stream read), all in flight on the one connection. */
  async readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly RecordedEvent[]>> {
    const unique = [...new Set(streams)];
    const read = await Promise.all(unique.map((stream) => this.readStream(stream)));
    return new Map(unique.map((stream, index) => [stream, read[index] ?? []]));
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    const source = this.client.subscribeToAll({
      fromPosition: toClientStart(options.from),
      filter: toClientFilter(options.filter),
    });
    const subscription = new EventStoreDbSubscription<AllStreamResolvedEvent>(source, {
      batchSize: options.batchSize ?? this.defaultBatchSize,
      accept: (resolved) => {
        const event = resolved.event;
        if (event === undefined || !matchesFilter(event, options.filter)) return null;
        return toRecordedEvent(event);
      },
      onEvents: options.onEvents,
    });
    this.subscriptions.add(subscription);
    void subscription.finished.catch(() => undefined).then(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /**
   * EventStoreDB already treats a repeated append at the same expected revision as a no-op; this
   * covers what it reports as a conflict instead (a retry with `no-stream` once the stream has moved
   * on, for instance): if exactly these event ids sit where the append would have put them, the
   * append was done before and its original result is returned.
   */
  private async findEarlierAppend(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult | null> {
    const first = firstRevisionOf(expectedRevision);
    if (first === null) return null;
    const found = await this.read(stream, first, events.length);
    const last = found[found.length - 1];
    const sameEvents =
      found.length === events.length &&
      found.every((event, index) => event.messageId === events[index]?.messageId);
    return sameEvents && last !== undefined
      ? { nextExpectedRevision: last.revision, position: last.position }
      : null;
  }

  private async read(
    stream: string,
    fromRevision: StreamRevision,
    maxCount: number | undefined,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(stream, {
        fromRevision,
        direction: FORWARDS,
        ...(maxCount === undefined ? {} : { maxCount }),
      });
      for await (const resolved of reading) {
        if (resolved.event !== undefined && !isSystemEvent(resolved.event))
          events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }
}

function assertDistinctStreams(appends: readonly StreamAppend[]): void {
  const streams = new Set<string>();
  for (const append of appends) {
    if (append.events.length === 0)
      throw new InvalidAppendError(`Append to "${append.stream}" has no events`);
    if (streams.has(append.stream)) throw new InvalidAppendError(`Stream "${append.stream}" appears twice`);
    streams.add(append.stream);
  }
}

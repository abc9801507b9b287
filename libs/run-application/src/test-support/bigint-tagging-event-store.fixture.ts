import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
  StreamAppend,
  StreamRevision,
  SubscribeToAllOptions,
} from '@invoice-engine/event-store';
import { reviveBigInts, tagBigInts } from '@invoice-engine/kernel';

function tagged(event: EventToAppend): EventToAppend {
  return { ...event, data: tagBigInts(event.data) };
}

function revived(event: RecordedEvent): RecordedEvent {
  return { ...event, data: reviveBigInts(event.data) };
}

/**
 * TEMPORARY, test-only: tags bigints in event data the way the event store adapters are about to do
 * themselves (kernel `tagBigInts`/`reviveBigInts`). Harmless once they do: tagged data has no bigint
 * left to tag, and reviving a revived value changes nothing.
 */
export class BigIntTaggingEventStore implements EventStore {
  readonly appendManyIsAtomic: boolean;

  constructor(private readonly inner: EventStore) {
    this.appendManyIsAtomic = inner.appendManyIsAtomic;
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.inner.append(stream, events.map(tagged), expected);
  }

  appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    return this.inner.appendMany(appends.map((append) => ({ ...append, events: append.events.map(tagged) })));
  }

  async readStream(stream: string, fromRevision?: StreamRevision): Promise<readonly RecordedEvent[]> {
    return (await this.inner.readStream(stream, fromRevision)).map(revived);
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    return this.inner.subscribeToAll({
      ...options,
      onEvents: (batch) => options.onEvents({ ...batch, events: batch.events.map(revived) }),
    });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

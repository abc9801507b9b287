import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  RecordedEvent,
  StreamAppend,
  StreamRevision,
  SubscribeToAllOptions,
  SubscriptionFilter,
} from '../event-store.port';
import type { SqlConnection } from '../sql/sql-connection';
import { appendEvents } from './append-events';
import { recordedEventColumns, toRecordedEvent, type RecordedEventRow } from './event-rows';
import { eventStoreSchema, type EventStoreSchema } from './event-store-schema';
import { migrateEventStore } from './migrations';
import { PollingSubscription } from './polling-subscription';

export interface PostgresEventStoreOptions {
  /** Schema holding the events table (default `event_store`). */
  readonly schema?: string;
  /** How often an idle subscription polls when no notification arrives (default 250 ms). */
  readonly pollIntervalMs?: number;
  /** Whether `close()` also closes the connection (default false: whoever opened it closes it). */
  readonly closeConnection?: boolean;
}

/** The event store on PostgreSQL or PGlite, behind a `SqlConnection`. Call `migrate()` once at boot. */
export class PostgresEventStore implements EventStore {
  readonly appendManyIsAtomic = true;
  private readonly schema: EventStoreSchema;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<PollingSubscription>();
  private unlisten: Promise<(() => Promise<void>) | undefined> | undefined;

  constructor(
    private readonly sql: SqlConnection,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.schema = eventStoreSchema(options.schema ?? 'event_store');
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  /** Applies pending schema migrations; returns the versions applied. */
  migrate(): Promise<readonly number[]> {
    return migrateEventStore(this.sql, this.schema);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const [result] = await this.appendMany([{ stream, events, expectedRevision }]);
    if (!result) throw new Error(`No append result for "${stream}"`);
    return result;
  }

  appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    return appendEvents(this.sql, this.schema, appends);
  }

  async readStream(stream: string, fromRevision: StreamRevision = 0n): Promise<readonly RecordedEvent[]> {
    const rows = await this.sql.query<RecordedEventRow>(
      `SELECT ${recordedEventColumns} FROM ${this.schema.qualifier}events e
        WHERE e.stream_id = $1 AND e.revision >= $2 ORDER BY e.revision`,
      [stream, fromRevision.toString()],
    );
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    const read = readAllStatement(this.schema, options.filter);
    const subscription = new PollingSubscription(
      async (after, limit) => {
        const rows = await this.sql.query<RecordedEventRow>(read.text, read.params(after, limit));
        return rows.map(toRecordedEvent);
      },
      options,
      this.pollIntervalMs,
    );
    this.subscriptions.add(subscription);
    void subscription.finished.catch(() => undefined).then(() => this.subscriptions.delete(subscription));
    this.listenForAppends();
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    const unlisten = await this.unlisten;
    this.unlisten = undefined;
    await unlisten?.();
    if (this.options.closeConnection) await this.sql.close();
  }

  /** One LISTEN per store wakes every idle subscription; if it fails, polling still delivers. */
  private listenForAppends(): void {
    this.unlisten ??= this.sql
      .listen(this.schema.notificationChannel, () =>
        this.subscriptions.forEach((subscription) => subscription.wake()),
      )
      .catch(() => undefined);
  }
}

interface ReadAllStatement {
  readonly text: string;
  readonly params: (after: GlobalPosition, limit: number) => readonly unknown[];
}

/** One statement per filter shape, so each keeps a plan that uses the matching index. */
function readAllStatement(schema: EventStoreSchema, filter: SubscriptionFilter = {}): ReadAllStatement {
  const conditions = ['e.position > $1'];
  const filterParams: unknown[] = [];
  if (filter.streamCategories) {
    filterParams.push([...filter.streamCategories]);
    conditions.push(`e.category = ANY($${filterParams.length + 2}::text[])`);
  }
  if (filter.eventTypes) {
    filterParams.push([...filter.eventTypes]);
    conditions.push(`e.type = ANY($${filterParams.length + 2}::text[])`);
  }
  return {
    text: `SELECT ${recordedEventColumns} FROM ${schema.qualifier}events e
            WHERE ${conditions.join(' AND ')} ORDER BY e.position LIMIT $2`,
    params: (after, limit) => [after.toString(), limit, ...filterParams],
  };
}

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
  SubscriptionFilter,
} from '../event-store.port';
import type { SqlConnection } from '../sql/sql-connection';
import { appendEvents } from './append-events';
import { AppendNotifier } from './append-notifier';
import { recordedEventColumns, toRecordedEvent, type RecordedEventRow } from './event-rows';
import { eventStoreSchema, type EventStoreSchema } from './event-store-schema';
import { migrateEventStore } from './migrations';
import { PollingSubscription, type ReadBatch } from './polling-subscription';
import { VisibilityHorizon } from './visibility-horizon';

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
  private readonly notifier: AppendNotifier;
  private readonly subscriptions = new Set<PollingSubscription>();
  private unlisten: Promise<(() => Promise<void>) | undefined> | undefined;

  constructor(
    private readonly sql: SqlConnection,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.schema = eventStoreSchema(options.schema ?? 'event_store');
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.notifier = new AppendNotifier(sql, this.schema.notificationChannel);
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

  async appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]> {
    const results = await appendEvents(this.sql, this.schema, appends);
    this.notifier.appended();
    return results;
  }

  async readStream(stream: string, fromRevision: StreamRevision = 0n): Promise<readonly RecordedEvent[]> {
    const rows = await this.sql.query<RecordedEventRow>(
      `SELECT ${recordedEventColumns} FROM ${this.schema.qualifier}events e
        WHERE e.stream_id = $1 AND e.revision >= $2 ORDER BY e.revision`,
      [stream, fromRevision.toString()],
    );
    return rows.map(toRecordedEvent);
  }

  async readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly RecordedEvent[]>> {
    const byStream = new Map<string, RecordedEvent[]>(streams.map((stream) => [stream, []]));
    if (byStream.size === 0) return byStream;
    const rows = await this.sql.query<RecordedEventRow>(
      `SELECT ${recordedEventColumns} FROM ${this.schema.qualifier}events e
        WHERE e.stream_id = ANY($1::text[]) ORDER BY e.stream_id, e.revision`,
      [[...byStream.keys()]],
    );
    for (const event of rows.map(toRecordedEvent)) byStream.get(event.streamId)?.push(event);
    return byStream;
  }

  subscribeToAll(options: SubscribeToAllOptions): EventSubscription {
    const subscription = new PollingSubscription(
      readAllAfter(this.sql, this.schema, options.filter),
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
    await this.notifier.settled();
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

/**
 * Reads all streams forward, never past the visibility horizon (positions that no open transaction
 * can still fill). One statement per filter shape, so each keeps a plan that uses the matching index.
 */
function readAllAfter(
  sql: SqlConnection,
  schema: EventStoreSchema,
  filter: SubscriptionFilter = {},
): ReadBatch {
  const conditions = ['e.position > $1', 'e.position <= $2'];
  const filterParams: unknown[] = [];
  if (filter.streamCategories) {
    filterParams.push([...filter.streamCategories]);
    conditions.push(`e.category = ANY($${filterParams.length + 3}::text[])`);
  }
  if (filter.eventTypes) {
    filterParams.push([...filter.eventTypes]);
    conditions.push(`e.type = ANY($${filterParams.length + 3}::text[])`);
  }
  const text = `SELECT ${recordedEventColumns} FROM ${schema.qualifier}events e
                 WHERE ${conditions.join(' AND ')} ORDER BY e.position LIMIT $3`;
  const horizon = new VisibilityHorizon(sql, schema);
  return async (after, limit) => {
    if (after >= horizon.safe) await horizon.refresh();
    const safe = horizon.safe;
    if (after >= safe) return { events: [], readUpTo: after, pending: horizon.allocated > after };
    const rows = await sql.query<RecordedEventRow>(text, [
      after.toString(),
      safe.toString(),
      limit,
      ...filterParams,
    ]);
    const events = rows.map(toRecordedEvent);
    const readUpTo = events.length === limit ? (events[events.length - 1]?.position ?? safe) : safe;
    return { events, readUpTo, pending: horizon.allocated > readUpTo };
  };
}

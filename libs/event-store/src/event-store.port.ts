import type { EventEnvelope } from '@invoice-engine/kernel';

/**
 * Revision of an event inside its stream: 0 for the first event, like EventStoreDB.
 * A bigint so that no adapter has to care about 2^53.
 */
export type StreamRevision = bigint;

/**
 * Position of an event in the whole store, growing in commit order. It is the checkpoint a subscriber
 * stores: `{ after: position }` resumes with the first event committed after it. (EventStoreDB: the
 * commit position of the event.)
 */
export type GlobalPosition = bigint;

/**
 * What the writer believes the stream looks like:
 * - `'any'`: no check;
 * - `'no-stream'`: the stream has no event yet;
 * - a revision: the revision of the stream's last event (so `0n` after one event).
 */
export type ExpectedRevision = 'any' | 'no-stream' | StreamRevision;

/** An event to append: the house envelope (message id, type, schema version, data, metadata). */
export type EventToAppend = EventEnvelope;

/** An event as the store recorded it. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends EventEnvelope<
  Type,
  Data
> {
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
}

export interface AppendResult {
  /** Revision of the last event of this append: pass it as `expectedRevision` to append next. */
  readonly nextExpectedRevision: StreamRevision;
  /** Global position of the last event of this append. */
  readonly position: GlobalPosition;
}

export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision: ExpectedRevision;
}

/** Which events a subscription delivers; an absent list means no restriction on that axis. */
export interface SubscriptionFilter {
  /** Stream categories (the part of the stream name before the first dash), e.g. `invoice`. */
  readonly streamCategories?: readonly string[];
  readonly eventTypes?: readonly string[];
}

/** Where a subscription starts: the very first event, or the first event after a checkpoint (exclusive). */
export type SubscriptionStart = 'start' | { readonly after: GlobalPosition };

export interface SubscriptionBatch {
  /** Never empty; in commit (global position) order. */
  readonly events: readonly RecordedEvent[];
  /** Store this once the batch is handled; resume with `{ after: checkpoint }`. At least the last event's position. */
  readonly checkpoint: GlobalPosition;
}

export interface SubscribeToAllOptions {
  readonly from: SubscriptionStart;
  readonly filter?: SubscriptionFilter;
  /** Most events per `onEvents` call (default chosen by the adapter, a few hundred). */
  readonly batchSize?: number;
  /**
   * Called with one batch at a time: the next batch waits until the returned promise settles
   * (back pressure). If it rejects, the subscription ends and `finished` rejects with that error.
   */
  readonly onEvents: (batch: SubscriptionBatch) => Promise<void>;
}

export interface EventSubscription {
  /** Stops delivering; resolves once the batch in flight (if any) has been handled. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after `stop()`, rejects with the error that ended it. */
  readonly finished: Promise<void>;
}

/**
 * The event store port. Delivery is at least once and in commit order; appends are idempotent by event id:
 * appending the same events (same message ids) at the same place again writes nothing and returns the
 * result of the first append.
 */
export interface EventStore {
  /** Whether `appendMany` is all-or-nothing across streams (PostgreSQL: yes; EventStoreDB: no). */
  readonly appendManyIsAtomic: boolean;

  /**
   * Appends events (at least one) to one stream.
   * @throws WrongExpectedRevisionError when the stream is not where `expectedRevision` says
   * @throws DuplicateEventIdError when some of the event ids were already written elsewhere
   */
  append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /**
   * Appends to many streams (each stream at most once per call) in as few round trips as the adapter can;
   * results in the order of `appends`. When `appendManyIsAtomic` is false, a failure may leave earlier
   * streams written.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<readonly AppendResult[]>;

  /** Events of one stream in revision order, from `fromRevision` (default 0); empty if the stream does not exist. */
  readStream(stream: string, fromRevision?: StreamRevision): Promise<readonly RecordedEvent[]>;

  /**
   * Events of several streams, each in revision order, in as few round trips as the adapter can; every
   * requested stream is a key of the result (empty when the stream does not exist).
   */
  readStreams(streams: readonly string[]): Promise<ReadonlyMap<string, readonly RecordedEvent[]>>;

  /** Delivers every event of the store (matching the filter) in commit order, then keeps delivering new ones. */
  subscribeToAll(options: SubscribeToAllOptions): EventSubscription;

  /** Stops every subscription and releases the store's connections. */
  close(): Promise<void>;
}

function describeRevision(revision: ExpectedRevision | StreamRevision | 'no-stream'): string {
  return typeof revision === 'bigint' ? revision.toString() : revision;
}

/** The stream is not where the writer expected it: someone else appended first (or the stream is new). */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The revision of the stream's last event, or `'no-stream'`. */
    readonly actual: StreamRevision | 'no-stream',
  ) {
    super(
      `Stream "${stream}" expected at revision ${describeRevision(expected)} but is at ${describeRevision(actual)}`,
    );
  }
}

/** Some event ids of an append were already written, but not as exactly this append at this place. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';

  constructor(
    readonly stream: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream "${stream}": event ids already written elsewhere: ${eventIds.join(', ')}`);
  }
}

/** The append itself is malformed (no events, a stream twice in one appendMany, ...). */
export class InvalidAppendError extends Error {
  override readonly name = 'InvalidAppendError';
}

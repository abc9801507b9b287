import type { RecordedEvent } from '@invoice-engine/event-store';
import type { RowOperation } from './row-operation';

/**
 * A read model kept up to date from the event store.
 *
 * `fold` is pure: given a batch of recorded events (already filtered to `eventTypes`, in global
 * position order, never containing an event at or below the projection's checkpoint) it returns the
 * row operations that bring the tables up to date. It reads nothing, so it must be written as
 * idempotent upserts: applying the same events twice leaves the same rows.
 */
export interface Projection {
  /** Stable name; the key of the projection's checkpoint. Renaming it rebuilds the projection from zero. */
  readonly name: string;
  /** The event types the fold handles; the subscription is filtered to them. */
  readonly eventTypes: readonly string[];
  /** Every table the projection writes, in the read-model schema; a rebuild truncates them. */
  readonly tables: readonly string[];
  fold(events: readonly RecordedEvent[]): readonly RowOperation[];
}

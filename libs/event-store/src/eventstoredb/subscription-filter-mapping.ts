import {
  START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type Filter,
  type ReadPosition,
} from '@eventstore/db-client';
import { categoryOf } from '@invoice-engine/kernel';
import type { SubscriptionFilter, SubscriptionStart } from '../event-store.port';
import { isSystemEvent } from './event-data-mapping';

/**
 * The server-side filter. EventStoreDB takes one filter per subscription, on stream names or on
 * event types, so categories (the narrower one in practice) win when both are given; `matchesFilter`
 * then applies the whole port filter to what arrives. Category `invoice` is the prefix `invoice-`,
 * the first dash being the separator; event types are matched exactly with an anchored regex.
 */
export function toClientFilter(filter: SubscriptionFilter = {}): Filter {
  const categories = filter.streamCategories ?? [];
  if (categories.length > 0)
    return streamNameFilter({ prefixes: categories.map((category) => `${category}-`) });
  const types = filter.eventTypes ?? [];
  if (types.length > 0) return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

/** The port's filter, exactly: an absent list does not restrict, an empty list lets nothing through. */
export function matchesFilter(
  event: { readonly streamId: string; readonly type: string },
  filter: SubscriptionFilter = {},
): boolean {
  if (isSystemEvent(event)) return false;
  if (filter.streamCategories && !filter.streamCategories.includes(categoryOf(event.streamId))) return false;
  return !filter.eventTypes || filter.eventTypes.includes(event.type);
}

/**
 * Where to start reading `$all`. A checkpoint is a commit position; EventStoreDB starts a
 * subscription strictly after the position it is given, which is the port's `{ after }`.
 */
export function toClientStart(start: SubscriptionStart): ReadPosition {
  return start === 'start' ? START : { commit: start.after, prepare: start.after };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { RecordedEvent } from '@invoice-engine/event-store';
import type { DomainEvent } from '@invoice-engine/kernel';

/** A recorded event narrowed to one of a context's domain events: a `switch` on `type` narrows `data`. */
export type RecordedDomainEvent<E extends DomainEvent> =
  E extends DomainEvent<infer Type, infer Data> ? RecordedEvent<Type, Data> : never;

/**
 * The event types of a context. Taking a record keyed by the union makes the list complete by
 * construction: a new event type in a domain lib fails the build here until a projection handles it.
 */
export function eventTypesOf<E extends DomainEvent>(types: Record<E['type'], true>): readonly E['type'][] {
  return Object.keys(types).filter((type): type is E['type'] => Object.hasOwn(types, type));
}

/**
 * Narrows a recorded event to a context's union by its type. The event store holds only what our own
 * deciders emitted (validated when they were decided), so the type names the data's shape; an
 * unknown type means the projection was subscribed to the wrong events and must stop, not guess.
 */
export function narrowTo<E extends DomainEvent>(
  types: readonly E['type'][],
  event: RecordedEvent,
): RecordedDomainEvent<E> {
  if (!(types as readonly string[]).includes(event.type)) {
    throw new Error(`Event ${event.type} at position ${event.position} is not handled by this projection`);
  }
  return event as unknown as RecordedDomainEvent<E>;
}

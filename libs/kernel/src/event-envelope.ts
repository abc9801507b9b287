import type { CalendarDate } from './calendar-date';

/** ISO-8601 UTC instant, e.g. `2026-11-26T08:35:16.000Z`. */
export type Instant = string & { readonly __brand: 'Instant' };

export function instant(value: string): Instant {
  const parsed = new Date(value);
  if (!/T.*Z$/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new Error(`"${value}" is not an ISO-8601 UTC instant`);
  }
  return parsed.toISOString() as Instant;
}

/** Who caused an event and on whose behalf; passed explicitly, never read from ambient context. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly groupingKey: string | null;
  readonly runId: string | null;
  readonly occurredAt: Instant;
  readonly producer: string;
}

/** The envelope of every event and message, on the event store and on Kafka alike. */
export interface EventEnvelope<Type extends string = string, Data = unknown> {
  readonly messageId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** A domain event as a decider emits it: a type and a payload, no transport concerns. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export type { CalendarDate };

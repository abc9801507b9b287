// Test-only: records domain events as the event store would (positions, per-stream revisions,
// metadata), so folds and the source are tested with what real deciders emit.
import type { RecordedEvent } from '@invoice-engine/event-store';
import { deterministicId, instant, type DomainEvent, type Instant } from '@invoice-engine/kernel';

export class RecordedLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, bigint>();

  constructor(private position = 0n) {}

  record(
    stream: string,
    event: DomainEvent,
    occurredAt: Instant = instant('2026-03-01T06:00:00.000Z'),
  ): RecordedEvent {
    const revision = this.revisions.has(stream) ? (this.revisions.get(stream) ?? 0n) + 1n : 0n;
    this.revisions.set(stream, revision);
    this.position += 10n;
    const recorded: RecordedEvent = {
      messageId: deterministicId(stream, revision.toString()),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: {
        correlationId: 'correlation-1',
        causationId: 'cause-1',
        groupingKey: null,
        runId: null,
        occurredAt,
        producer: 'test',
      },
      streamId: stream,
      revision,
      position: this.position,
    };
    this.events.push(recorded);
    return recorded;
  }

  recordAll(stream: string, events: readonly DomainEvent[]): RecordedEvent[] {
    return events.map((event) => this.record(stream, event));
  }
}

import { instant, type EventEnvelope } from '@invoice-engine/kernel';
import { randomUUID } from 'node:crypto';

/** An event shaped like the engine's: a few hundred bytes of data, the full metadata. */
export function benchEvent(index: number): EventEnvelope {
  return {
    messageId: randomUUID(),
    type: 'InvoiceLineAdded',
    schemaVersion: 1,
    data: {
      invoiceId: randomUUID(),
      lineNumber: index,
      billingScheduleId: randomUUID(),
      description: 'Monthly subscription, premium plan',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      amount: { currency: 'EUR', minorUnits: '10968' },
    },
    metadata: {
      correlationId: 'bench-run',
      causationId: randomUUID(),
      groupingKey: `group-${index % 100}`,
      runId: 'bench-run',
      occurredAt: instant('2026-02-01T00:00:00.000Z'),
      producer: 'event-store-bench',
    },
  };
}

export function benchEvents(count: number): EventEnvelope[] {
  return Array.from({ length: count }, (_, index) => benchEvent(index));
}

export function percentile(sortedMs: readonly number[], fraction: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * fraction))] ?? Number.NaN;
}

export function rate(events: number, startedAt: bigint): string {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return `${Math.round(events / seconds).toLocaleString('en-US')} events/s (${events} in ${seconds.toFixed(2)} s)`;
}

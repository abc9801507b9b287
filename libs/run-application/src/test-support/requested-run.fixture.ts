import { Topics } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type { RunCriteria } from '@invoice-engine/invoice-batch-runs';
import { calendarDate, currencyCode, type EventEnvelope } from '@invoice-engine/kernel';
import type { Clock } from '@invoice-engine/runtime';
import { ANY_RUN_CRITERIA } from '@invoice-engine/scheduling';
import { RequestInvoiceBatchRun } from '../request-run/request-invoice-batch-run';
import { RecordingPublisher } from './recording-publisher.fixture';

/**
 * Requests a run through the real handler (target date 2026-03-01, Draft, USD default) and returns the
 * `InvoiceBatchRunRequested` message filtering would receive. Test-only.
 */
export async function requestedRun(
  eventStore: EventStore,
  clock: Clock,
  runId: string,
  criteria: RunCriteria = ANY_RUN_CRITERIA,
): Promise<EventEnvelope<string, { runId: string }>> {
  const publisher = new RecordingPublisher();
  const org = { defaultCurrency: currencyCode('USD'), maxTargetDateOffsetMonths: 12 };
  await new RequestInvoiceBatchRun(eventStore, publisher, clock, org, () => runId).handle({
    runId,
    criteria,
    targetDate: calendarDate('2026-03-01'),
    invoiceDate: calendarDate('2026-03-01'),
    invoiceStatus: 'Draft',
    billingPeriodCount: null,
    trigger: { type: 'AdHoc', requestedBy: 'test' },
  });
  const [message] = publisher.on(Topics.InvoiceBatchRuns);
  if (message === undefined) throw new Error('the run was not announced');
  return message.envelope as EventEnvelope<string, { runId: string }>;
}

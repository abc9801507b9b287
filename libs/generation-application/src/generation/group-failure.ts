import { billingScheduleDecider } from '@invoice-engine/billing-schedules';
import { invoiceDecider, type InvoiceFailureCause } from '@invoice-engine/invoicing';
import { DomainError, type DomainEvent } from '@invoice-engine/kernel';
import type { LoadedBillingSchedule } from '../loading/billing-schedule-streams';
import type { LoadedInvoice } from '../loading/invoice-stream';
import type { DecidedStream } from './stream-appends';

/** The group a failing invoice belongs to, for an invoice whose lines were never recorded. */
export interface FailingGroup {
  readonly runId: string;
  readonly groupingKey: string;
  readonly billingScheduleIds: readonly string[];
}

function markedInError(
  schedule: LoadedBillingSchedule,
  runId: string,
  cause: InvoiceFailureCause,
): readonly DomainEvent[] {
  try {
    return billingScheduleDecider.decide(
      {
        type: 'MarkBillingScheduleError',
        billingScheduleId: schedule.billingScheduleId,
        runId,
        errorCode: cause.code,
        message: cause.message,
      },
      schedule.state,
    );
  } catch (error) {
    // A schedule that no longer exists or is completely billed cannot go to Error: the invoice still does.
    if (error instanceof DomainError) return [];
    throw error;
  }
}

/**
 * A failed group (DOMAIN.md section 6): the invoice's `InvoiceGenerationFailed` and each schedule's
 * `BillingScheduleProcessingFailed` (status Error, periods not invoiced), for one `appendMany`.
 */
export function decideGroupFailure(
  invoice: LoadedInvoice,
  group: FailingGroup,
  cause: InvoiceFailureCause,
  schedules: readonly LoadedBillingSchedule[],
): DecidedStream[] {
  const invoiceEvents = invoiceDecider.decide(
    { type: 'FailInvoiceGeneration', invoiceId: invoice.invoiceId, ...group, cause },
    invoice.state,
  );
  return [
    { stream: invoice.stream, expectedRevision: invoice.revision, events: invoiceEvents },
    ...schedules.map((schedule) => ({
      stream: schedule.stream,
      expectedRevision: schedule.revision,
      events: markedInError(schedule, group.runId, cause),
    })),
  ];
}

import type { BillingScheduleEvent } from '@invoice-engine/billing-schedules';
import type { RecordedEvent } from '@invoice-engine/event-store';
import { assertNever } from '@invoice-engine/kernel';
import type { Projection, RowOperation } from '@invoice-engine/read-models';
import { eventTypesOf, narrowTo, type RecordedDomainEvent } from '../recorded-domain-event';
import {
  BillingScheduleTables,
  createdScheduleRows,
  invoicedRows,
  postedDraftRow,
  releasedRows,
  snapshotColumns,
  updateSchedule,
} from './billing-schedule-rows';

export const billingScheduleEventTypes = eventTypesOf<BillingScheduleEvent>({
  BillingScheduleCreated: true,
  BillingScheduleStateImported: true,
  BillingSchedulePriceAmended: true,
  BillingScheduleQuantityAmended: true,
  BillingScheduleDatesAmended: true,
  BillingScheduleHeld: true,
  BillingScheduleHoldReleased: true,
  BillingScheduleSuspended: true,
  BillingScheduleResumed: true,
  BillingScheduleCancelled: true,
  BillingScheduleInvoicingEnabled: true,
  BillingScheduleInvoiced: true,
  BillingScheduleDraftInvoicePosted: true,
  BillingSchedulePeriodsReleased: true,
  BillingScheduleProcessingFailed: true,
  BillingScheduleErrorReset: true,
});

/**
 * Not a schedule event: the projection subscribes to it only so that its checkpoint passes every run
 * request. Filtering waits for the checkpoint to reach the request's position; without this marker a
 * quiet period with no schedule event would leave the checkpoint behind and filtering waiting.
 */
export const RUN_REQUEST_MARKER = 'InvoiceBatchRunRequested';

function scheduleRows(event: RecordedDomainEvent<BillingScheduleEvent>): readonly RowOperation[] {
  switch (event.type) {
    case 'BillingScheduleCreated':
      return createdScheduleRows(event);
    case 'BillingScheduleStateImported': {
      const { snapshot, failure } = event.data;
      return [
        updateSchedule(event, {
          ...snapshotColumns(snapshot),
          failure_run_id: failure?.runId ?? null,
          failure_error_code: failure?.errorCode ?? null,
          failure_message: failure?.message ?? null,
        }),
      ];
    }
    case 'BillingSchedulePriceAmended':
      return [
        updateSchedule(event, { unit_price: event.data.unitPrice, ...snapshotColumns(event.data.snapshot) }),
      ];
    case 'BillingScheduleQuantityAmended':
      return [
        updateSchedule(event, { quantity: event.data.quantity, ...snapshotColumns(event.data.snapshot) }),
      ];
    case 'BillingScheduleDatesAmended': {
      const { startDate, endDate, snapshot } = event.data;
      return [
        updateSchedule(event, { start_date: startDate, end_date: endDate, ...snapshotColumns(snapshot) }),
      ];
    }
    case 'BillingScheduleHeld':
      return [updateSchedule(event, { hold_billing: true })];
    case 'BillingScheduleHoldReleased':
      return [updateSchedule(event, { hold_billing: false })];
    case 'BillingScheduleSuspended':
    case 'BillingScheduleResumed': {
      const { from, resumeOn } = event.data.suspension;
      return [updateSchedule(event, { suspension_from: from, suspension_resume_on: resumeOn })];
    }
    case 'BillingScheduleCancelled': {
      const { cancellationDate, snapshot } = event.data;
      return [updateSchedule(event, { cancellation_date: cancellationDate, ...snapshotColumns(snapshot) })];
    }
    case 'BillingScheduleInvoicingEnabled': {
      const { enabledAt, snapshot } = event.data;
      return [
        updateSchedule(event, {
          generate_invoice: true,
          invoicing_enabled_at: enabledAt,
          ...snapshotColumns(snapshot),
        }),
      ];
    }
    case 'BillingScheduleInvoiced':
      return invoicedRows(event);
    case 'BillingScheduleDraftInvoicePosted':
      return [
        updateSchedule(event, snapshotColumns(event.data.snapshot)),
        postedDraftRow(event, event.data.invoiceId),
      ];
    case 'BillingSchedulePeriodsReleased':
      return releasedRows(event);
    case 'BillingScheduleProcessingFailed': {
      const { runId, errorCode, message } = event.data;
      return [
        updateSchedule(event, {
          status: 'Error',
          invoice_run_processing_status: 'Error',
          failure_run_id: runId,
          failure_error_code: errorCode,
          failure_message: message,
        }),
      ];
    }
    case 'BillingScheduleErrorReset':
      return [
        updateSchedule(event, {
          ...snapshotColumns(event.data.snapshot),
          failure_run_id: null,
          failure_error_code: null,
          failure_message: null,
        }),
      ];
    default:
      return assertNever(event, 'billing schedule event');
  }
}

function rowsOf(event: RecordedEvent): readonly RowOperation[] {
  if (event.type === RUN_REQUEST_MARKER) return [];
  return scheduleRows(narrowTo<BillingScheduleEvent>(billingScheduleEventTypes, event));
}

/**
 * `billing_schedules` (terms as columns for run criteria, state, failure), the periods each schedule
 * has on invoices and those invoices' status (what `BillingSchedule.invoicedPeriods` holds), and
 * `billing_schedule_groups`. Every event writes only the columns it determines.
 */
export const billingSchedulesProjection: Projection = {
  name: 'billing-schedules',
  eventTypes: [...billingScheduleEventTypes, RUN_REQUEST_MARKER],
  tables: Object.values(BillingScheduleTables),
  fold: (events) => events.flatMap(rowsOf),
};

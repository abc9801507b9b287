import { assertNever } from '@invoice-engine/kernel';
import type { InvoicedPeriod } from '../state';
import {
  partsOf,
  scheduleFrom,
  snapshotOf,
  type BillingSchedule,
  type BillingScheduleDeciderState,
} from './billing-schedule';
import type { BillingScheduleEvent, BillingScheduleInvoiced } from './events';

function invoicedPeriodsOf(event: BillingScheduleInvoiced): InvoicedPeriod[] {
  const { runId, invoiceId, invoiceStatus } = event.data;
  return event.data.periods.map(({ periodStart, periodEnd, chargeAmount }) => ({
    periodStart,
    periodEnd,
    chargeAmount,
    runId,
    invoiceId,
    invoiceStatus,
  }));
}

/** Applies the facts an event records (its snapshot included); it never re-runs billing rules. */
function evolveSchedule(schedule: BillingSchedule, event: BillingScheduleEvent): BillingSchedule {
  const parts = partsOf(schedule);
  const terms = schedule.terms;
  switch (event.type) {
    case 'BillingScheduleCreated':
      return schedule;
    case 'BillingScheduleStateImported':
      return scheduleFrom({ ...parts, failure: event.data.failure }, event.data.snapshot);
    case 'BillingSchedulePriceAmended':
      return scheduleFrom(
        { ...parts, terms: { ...terms, unitPrice: event.data.unitPrice } },
        event.data.snapshot,
      );
    case 'BillingScheduleQuantityAmended':
      return scheduleFrom(
        { ...parts, terms: { ...terms, quantity: event.data.quantity } },
        event.data.snapshot,
      );
    case 'BillingScheduleDatesAmended': {
      const { startDate, endDate, snapshot } = event.data;
      return scheduleFrom({ ...parts, terms: { ...terms, startDate, endDate } }, snapshot);
    }
    case 'BillingScheduleHeld':
      return { ...schedule, terms: { ...terms, holdBilling: true } };
    case 'BillingScheduleHoldReleased':
      return { ...schedule, terms: { ...terms, holdBilling: false } };
    case 'BillingScheduleSuspended':
    case 'BillingScheduleResumed':
      return { ...schedule, terms: { ...terms, suspension: event.data.suspension } };
    case 'BillingScheduleCancelled':
      return scheduleFrom(
        { ...parts, terms: { ...terms, cancellationDate: event.data.cancellationDate } },
        event.data.snapshot,
      );
    case 'BillingScheduleInvoicingEnabled':
      return scheduleFrom(
        { ...parts, terms: { ...terms, generateInvoice: true }, invoicingEnabledAt: event.data.enabledAt },
        event.data.snapshot,
      );
    case 'BillingScheduleInvoiced':
      return scheduleFrom(
        { ...parts, invoicedPeriods: [...parts.invoicedPeriods, ...invoicedPeriodsOf(event)] },
        event.data.snapshot,
      );
    case 'BillingScheduleDraftInvoicePosted': {
      const invoicedPeriods = parts.invoicedPeriods.map((period) =>
        period.invoiceId === event.data.invoiceId ? { ...period, invoiceStatus: 'Posted' as const } : period,
      );
      return scheduleFrom({ ...parts, invoicedPeriods }, event.data.snapshot);
    }
    case 'BillingSchedulePeriodsReleased': {
      const invoicedPeriods = parts.invoicedPeriods.filter(
        (period) => period.invoiceId !== event.data.invoiceId,
      );
      return scheduleFrom({ ...parts, invoicedPeriods }, event.data.snapshot);
    }
    case 'BillingScheduleProcessingFailed': {
      const { runId, errorCode, message } = event.data;
      const failed = {
        ...snapshotOf(schedule),
        status: 'Error' as const,
        invoiceRunProcessingStatus: 'Error' as const,
      };
      return scheduleFrom({ ...parts, failure: { runId, errorCode, message } }, failed);
    }
    case 'BillingScheduleErrorReset':
      return scheduleFrom({ ...parts, failure: null }, event.data.snapshot);
    default:
      return assertNever(event, 'billing schedule event');
  }
}

export function evolve(
  state: BillingScheduleDeciderState,
  event: BillingScheduleEvent,
): BillingScheduleDeciderState {
  if (state.status !== 'NotCreated') return evolveSchedule(state, event);
  if (event.type !== 'BillingScheduleCreated') return state;
  const parts = { terms: event.data.terms, invoicedPeriods: [], invoicingEnabledAt: null, failure: null };
  return scheduleFrom(parts, event.data.snapshot);
}

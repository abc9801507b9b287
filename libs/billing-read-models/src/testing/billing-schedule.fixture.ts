// Test-only: billing schedule terms (DOMAIN.md worked example 1) and histories decided by the real decider.
import {
  billablePeriods,
  billingScheduleDecider,
  type BillingSchedule,
  type BillingScheduleCommand,
  type BillingScheduleEvent,
  workedExampleTerms,
} from '@invoice-engine/billing-schedules';
import { calendarDate, foldEvents, instant } from '@invoice-engine/kernel';

/** DOMAIN.md's worked example 1, overridable field by field. */
export const scheduleTerms = workedExampleTerms;

/** A command, or a command computed from the schedule as the earlier commands left it. */
export type ScheduleStep = BillingScheduleCommand | ((schedule: BillingSchedule) => BillingScheduleCommand);

export function scheduleOf(events: readonly BillingScheduleEvent[]): BillingSchedule {
  const state = foldEvents(billingScheduleDecider, events);
  if (state.status === 'NotCreated') throw new Error('The history does not create the schedule');
  return state;
}

/** The events the steps produce, each decided on the state the earlier ones left. */
export function scheduleHistory(...steps: readonly ScheduleStep[]): BillingScheduleEvent[] {
  return steps.reduce<BillingScheduleEvent[]>((events, step) => {
    const state = foldEvents(billingScheduleDecider, events);
    const command = typeof step === 'function' ? step(scheduleOf(events)) : step;
    return [...events, ...billingScheduleDecider.decide(command, state)];
  }, []);
}

/** Everything due by `targetDate` on one invoice, as a run would send it. */
export function invoiceDue(
  targetDate: string,
  invoice: { runId: string; invoiceId: string; invoiceStatus: 'Draft' | 'Posted' },
): ScheduleStep {
  return (schedule) => ({
    type: 'InvoiceBillingSchedulePeriods',
    billingScheduleId: schedule.terms.id,
    runStartedAt: instant('2026-03-01T06:00:00.000Z'),
    ...invoice,
    periods: billablePeriods(schedule.terms, schedule, calendarDate(targetDate), null),
  });
}

/**
 * One schedule through every event type its decider has: created without invoicing (with its state
 * given), enabled,
 * amended, held, suspended, invoiced on a draft that is posted, invoiced on a draft that fails and is
 * released, reset, and cancelled.
 */
export function fullScheduleLifecycle(id = 'bs-1'): BillingScheduleEvent[] {
  const on = { billingScheduleId: id };
  return scheduleHistory(
    {
      type: 'CreateBillingSchedule',
      terms: scheduleTerms({ id, generateInvoice: false, billingScheduleGroupId: 'group-1' }),
      // The state a migrated schedule brings along; here the one its start implies, so the rest of the
      // lifecycle reads as for any new schedule.
      givenState: { status: 'ReadyForInvoicing' },
    },
    { type: 'EnableInvoicing', ...on, enabledAt: instant('2026-02-01T00:00:00.000Z') },
    { type: 'AmendBillingSchedulePrice', ...on, unitPrice: '110.00' },
    { type: 'AmendBillingScheduleQuantity', ...on, quantity: '3' },
    {
      type: 'AmendBillingScheduleDates',
      ...on,
      startDate: calendarDate('2026-01-15'),
      endDate: calendarDate('2026-12-31'),
    },
    { type: 'HoldBilling', ...on },
    { type: 'ReleaseBillingHold', ...on },
    { type: 'SuspendBillingSchedule', ...on, from: calendarDate('2026-08-01'), resumeOn: null },
    { type: 'ResumeBillingSchedule', ...on, resumeOn: calendarDate('2026-09-01') },
    invoiceDue('2026-03-01', { runId: 'run-1', invoiceId: 'inv-1', invoiceStatus: 'Draft' }),
    { type: 'PostDraftInvoice', ...on, invoiceId: 'inv-1' },
    invoiceDue('2026-04-01', { runId: 'run-2', invoiceId: 'inv-2', invoiceStatus: 'Draft' }),
    { type: 'MarkBillingScheduleError', ...on, runId: 'run-2', errorCode: 'TAX.NO_RATE', message: 'No rate' },
    { type: 'ReleaseInvoicedPeriods', ...on, invoiceId: 'inv-2' },
    { type: 'ResetBillingScheduleFromError', ...on, recoveryRunId: 'recovery-1' },
    { type: 'CancelBillingSchedule', ...on, cancellationDate: calendarDate('2026-10-01') },
  );
}

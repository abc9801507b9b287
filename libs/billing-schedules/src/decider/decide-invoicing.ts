import { DomainError, isBefore, type CalendarDate } from '@invoice-engine/kernel';
import { stateAfterInvoicing, stateAfterPosting, stateAfterRelease } from '../billing-progress';
import { unbilledPeriodDates } from '../unbilled-periods';
import type { BillablePeriod } from '../state';
import {
  requireSchedule,
  snapshotOf,
  type BillingSchedule,
  type BillingScheduleDeciderState,
} from './billing-schedule';
import type { InvoiceBillingSchedulePeriods, PostDraftInvoice, ReleaseInvoicedPeriods } from './commands';
import type { BillingScheduleEvent } from './events';

type Events = readonly BillingScheduleEvent[];
interface DateRange {
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
}

const overlaps = (left: DateRange, right: DateRange): boolean =>
  !isBefore(left.periodEnd, right.periodStart) && !isBefore(right.periodEnd, left.periodStart);
const samePeriod = (left: DateRange, right: DateRange): boolean =>
  left.periodStart === right.periodStart && left.periodEnd === right.periodEnd;

function isRetry(schedule: BillingSchedule, command: InvoiceBillingSchedulePeriods): boolean {
  return command.periods.every((period) =>
    schedule.invoicedPeriods.some(
      (invoiced) => invoiced.invoiceId === command.invoiceId && samePeriod(invoiced, period),
    ),
  );
}

/** A period is invoiced at most once, ever: anything already billed or behind the cursor is a conflict. */
function assertNotInvoiced(schedule: BillingSchedule, periods: readonly BillablePeriod[]): void {
  const cursor = schedule.nextChargeFromDate;
  for (const period of periods) {
    const behindCursor = cursor !== null && isBefore(period.periodStart, cursor);
    if (behindCursor || schedule.invoicedPeriods.some((invoiced) => overlaps(invoiced, period))) {
      throw new DomainError(
        'BILLING_SCHEDULE.PERIOD_ALREADY_INVOICED',
        'conflict',
        `${period.periodStart}..${period.periodEnd} is already invoiced`,
      );
    }
  }
}

function assertInvoiceable(schedule: BillingSchedule, command: InvoiceBillingSchedulePeriods): void {
  const refuse = (code: string, message: string) =>
    new DomainError(`BILLING_SCHEDULE.${code}`, 'illegal-state', message);
  if (schedule.status === 'Error')
    throw refuse('IN_ERROR', 'The billing schedule is in Error until a recovery resets it');
  if (!schedule.terms.generateInvoice)
    throw refuse('INVOICING_DISABLED', 'The billing schedule will not invoice');
  const enabledAt = schedule.invoicingEnabledAt;
  if (enabledAt !== null && command.runStartedAt < enabledAt) {
    throw refuse(
      'RUN_STARTED_BEFORE_INVOICING_ENABLED',
      `Invoicing was enabled at ${enabledAt}, after the run started`,
    );
  }
  const otherDraft = schedule.invoicedPeriods.find(
    (period) => period.invoiceStatus === 'Draft' && period.runId !== command.runId,
  );
  if (otherDraft !== undefined) {
    throw refuse(
      'DRAFT_IN_PROGRESS',
      `Draft invoice ${otherDraft.invoiceId} of run ${otherDraft.runId} holds its lines`,
    );
  }
}

/**
 * Every period must be one of the schedule's unbilled periods, in the schedule's currency. Only dates are
 * compared (amounts are the caller's to show), so the schedule's periods are not priced here.
 */
function assertSchedulePeriods(schedule: BillingSchedule, periods: readonly BillablePeriod[]): void {
  const unbilled = unbilledPeriodDates(schedule.terms, schedule);
  const sorted = [...periods].sort((left, right) => (left.periodStart < right.periodStart ? -1 : 1));
  let candidate = unbilled.next();
  for (const period of sorted) {
    while (candidate.done !== true && isBefore(candidate.value.periodStart, period.periodStart))
      candidate = unbilled.next();
    const matches = candidate.done !== true && samePeriod(candidate.value, period);
    if (!matches || period.chargeAmount.currency !== schedule.terms.currency) {
      throw new DomainError(
        'BILLING_SCHEDULE.UNKNOWN_PERIOD',
        'validation',
        `${period.periodStart}..${period.periodEnd} (${period.chargeAmount.currency}) is not an unbilled period of the schedule`,
      );
    }
  }
}

export function decideInvoice(
  command: InvoiceBillingSchedulePeriods,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  if (command.periods.length === 0) {
    throw new DomainError(
      'BILLING_SCHEDULE.NO_PERIODS',
      'validation',
      'An invoice needs at least one period',
    );
  }
  if (isRetry(schedule, command)) return [];
  assertNotInvoiced(schedule, command.periods);
  assertInvoiceable(schedule, command);
  assertSchedulePeriods(schedule, command.periods);
  const { runId, invoiceId, invoiceStatus, periods } = command;
  const after = stateAfterInvoicing(schedule.terms, schedule, { runId, invoiceId, invoiceStatus }, periods);
  const data = {
    billingScheduleId: command.billingScheduleId,
    runId,
    invoiceId,
    invoiceStatus,
    periods,
    snapshot: snapshotOf(after),
  };
  return [{ type: 'BillingScheduleInvoiced', data }];
}

export function decidePostDraft(command: PostDraftInvoice, state: BillingScheduleDeciderState): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  const lines = schedule.invoicedPeriods.filter((period) => period.invoiceId === command.invoiceId);
  if (lines.length === 0) {
    throw new DomainError(
      'BILLING_SCHEDULE.INVOICE_NOT_FOUND',
      'not-found',
      `No lines on invoice ${command.invoiceId}`,
    );
  }
  if (lines.every((period) => period.invoiceStatus === 'Posted')) return [];
  const snapshot = snapshotOf(stateAfterPosting(schedule.terms, schedule, command.invoiceId));
  return [
    {
      type: 'BillingScheduleDraftInvoicePosted',
      data: { billingScheduleId: command.billingScheduleId, invoiceId: command.invoiceId, snapshot },
    },
  ];
}

/** Unknown or already released invoices release nothing: a recovery may cancel invoices that never got lines. */
export function decideReleasePeriods(
  command: ReleaseInvoicedPeriods,
  state: BillingScheduleDeciderState,
): Events {
  const schedule = requireSchedule(state, command.billingScheduleId);
  const lines = schedule.invoicedPeriods.filter((period) => period.invoiceId === command.invoiceId);
  if (lines.length === 0) return [];
  if (lines.some((period) => period.invoiceStatus === 'Posted')) {
    throw new DomainError(
      'BILLING_SCHEDULE.INVOICE_ALREADY_POSTED',
      'illegal-state',
      `Invoice ${command.invoiceId} is posted`,
    );
  }
  const periods = lines.map(({ periodStart, periodEnd, chargeAmount }) => ({
    periodStart,
    periodEnd,
    chargeAmount,
  }));
  const snapshot = snapshotOf(stateAfterRelease(schedule.terms, schedule, command.invoiceId));
  const data = {
    billingScheduleId: command.billingScheduleId,
    invoiceId: command.invoiceId,
    periods,
    snapshot,
  };
  return [{ type: 'BillingSchedulePeriodsReleased', data }];
}

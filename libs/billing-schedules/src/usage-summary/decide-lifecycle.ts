import { DomainError, isCalendarDate, isCurrencyCode, isBefore } from '@invoice-engine/kernel';
import type { CancelUsageSummary, CreateUsageSummary, MarkUsageSummaryInvoiced } from './commands';
import type { UsageSummaryEvent } from './events';
import { usageSummaryStatusPair } from './status';
import { requireUsageSummary, type UsageSummaryDeciderState } from './usage-summary';

type Events = readonly UsageSummaryEvent[];

function validateCreation(command: CreateUsageSummary): void {
  const { periodStart, periodEnd, currency } = command;
  if (!isCalendarDate(periodStart) || !isCalendarDate(periodEnd) || isBefore(periodEnd, periodStart)) {
    throw new DomainError(
      'USAGE_SUMMARY.INVALID_PERIOD',
      'validation',
      `Period ${periodStart}..${periodEnd} is not a period of calendar dates with its end on or after its start`,
    );
  }
  if (!isCurrencyCode(currency)) {
    throw new DomainError(
      'USAGE_SUMMARY.UNKNOWN_CURRENCY',
      'validation',
      `${command.currency} is not ISO 4217`,
    );
  }
}

/** → New / WillNotInvoice. The same creation again yields nothing; other fields under the id conflict. */
export function decideCreate(command: CreateUsageSummary, state: UsageSummaryDeciderState): Events {
  const { usageSummaryId, billingScheduleId, periodStart, periodEnd, currency } = command;
  if (state.status !== 'NotCreated') {
    const same =
      state.billingScheduleId === billingScheduleId &&
      state.periodStart === periodStart &&
      state.periodEnd === periodEnd &&
      state.currency === currency;
    if (same) return [];
    throw new DomainError(
      'USAGE_SUMMARY.ALREADY_EXISTS',
      'conflict',
      `Usage summary ${usageSummaryId} already exists with another schedule, period or currency`,
    );
  }
  validateCreation(command);
  const data = {
    usageSummaryId,
    billingScheduleId,
    periodStart,
    periodEnd,
    currency,
    ...usageSummaryStatusPair('New'),
  };
  return [{ type: 'UsageSummaryCreated', data }];
}

/**
 * QueuedForInvoice → Processed / Completed. Only a summary queued for invoice is invoiceable: New
 * (no usage), one still being calculated and a cancelled one are refused (`NOT_INVOICEABLE`), since a
 * run selects with `isUsageSummaryInvoiceable` and never sends them. The same invoice again yields
 * nothing; another invoice for a Processed summary is a double billing (`ALREADY_INVOICED`).
 */
export function decideMarkInvoiced(
  command: MarkUsageSummaryInvoiced,
  state: UsageSummaryDeciderState,
): Events {
  const summary = requireUsageSummary(state, command.usageSummaryId);
  const { usageSummaryId, runId, invoiceId } = command;
  if (summary.status === 'Processed') {
    if (summary.invoice.invoiceId === invoiceId) return [];
    throw new DomainError(
      'USAGE_SUMMARY.ALREADY_INVOICED',
      'conflict',
      `Usage summary ${usageSummaryId} is already on invoice ${summary.invoice.invoiceId}`,
    );
  }
  if (summary.status !== 'QueuedForInvoice') {
    throw new DomainError(
      'USAGE_SUMMARY.NOT_INVOICEABLE',
      'illegal-state',
      `Usage summary ${usageSummaryId} is ${summary.status}: only QueuedForInvoice is invoiced`,
    );
  }
  const data = {
    usageSummaryId,
    runId,
    invoiceId,
    ratedAmount: summary.ratedAmount,
    ...usageSummaryStatusPair('Processed'),
  };
  return [{ type: 'UsageSummaryInvoiced', data }];
}

/** Any status but Processed → Cancelled / WillNotInvoice; cancelling again yields nothing. */
export function decideCancel(command: CancelUsageSummary, state: UsageSummaryDeciderState): Events {
  const summary = requireUsageSummary(state, command.usageSummaryId);
  if (summary.status === 'Cancelled') return [];
  if (summary.status === 'Processed') {
    throw new DomainError(
      'USAGE_SUMMARY.ALREADY_PROCESSED',
      'illegal-state',
      `Usage summary ${command.usageSummaryId} is Processed (invoice ${summary.invoice.invoiceId}): it cannot be cancelled`,
    );
  }
  const data = { usageSummaryId: command.usageSummaryId, ...usageSummaryStatusPair('Cancelled') };
  return [{ type: 'UsageSummaryCancelled', data }];
}

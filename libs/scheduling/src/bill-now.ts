import { DomainError, type CalendarDate } from '@invoice-engine/kernel';
import { ANY_RUN_CRITERIA, type RunCriteria } from './run-criteria';
import type { InvoiceStatusToProduce } from './scheduler-definition';
import { assertTargetDateWithinLimit } from './target-date-limit';

/** What a Bill Now run is restricted to: one billing account, or one order. */
export type BillNowScope =
  | { readonly kind: 'BillingAccount'; readonly billingAccountId: string }
  | { readonly kind: 'Order'; readonly orderId: string };

export interface BillNowInput {
  readonly scope: BillNowScope;
  /** null = today. */
  readonly targetDate: CalendarDate | null;
  /** null = today. */
  readonly invoiceDate: CalendarDate | null;
  readonly invoiceStatus: InvoiceStatusToProduce;
  /** The org's today and target date limit in months (default 12), from the caller: domain code reads no clock. */
  readonly today: CalendarDate;
  readonly maxTargetDateOffsetMonths: number;
}

/**
 * A run restricted to one account or order. An account is expressed in the run criteria; an order has
 * no criterion of its own, so `scope` carries it for the selection step.
 */
export interface BillNowRequest {
  readonly scope: BillNowScope;
  readonly criteria: RunCriteria;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly invoiceStatus: InvoiceStatusToProduce;
  readonly billingPeriodCount: null;
}

/**
 * Builds a Bill Now request: target date = the given date (default today), refused with
 * TARGET_DATE_OUT_OF_RANGE beyond today + the org's limit; invoice date = the given date (default today).
 */
export function buildBillNowRequest(input: BillNowInput): BillNowRequest {
  const scopeId = input.scope.kind === 'BillingAccount' ? input.scope.billingAccountId : input.scope.orderId;
  if (typeof scopeId !== 'string' || scopeId.trim().length === 0) {
    throw new DomainError('BILL_NOW.MISSING_SCOPE', 'validation', `Bill Now needs a ${input.scope.kind} id`);
  }
  const targetDate = assertTargetDateWithinLimit(
    input.targetDate ?? input.today,
    input.today,
    input.maxTargetDateOffsetMonths,
  );
  return {
    scope: input.scope,
    criteria:
      input.scope.kind === 'BillingAccount'
        ? { ...ANY_RUN_CRITERIA, billingAccountIds: [input.scope.billingAccountId] }
        : ANY_RUN_CRITERIA,
    targetDate,
    invoiceDate: input.invoiceDate ?? input.today,
    invoiceStatus: input.invoiceStatus,
    billingPeriodCount: null,
  };
}

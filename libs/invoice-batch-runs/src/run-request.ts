import {
  DomainError,
  isCalendarDate,
  isCurrencyCode,
  type CalendarDate,
  type CurrencyCode,
  type Instant,
} from '@invoice-engine/kernel';

export type ChargeType = 'OneTime' | 'Recurring' | 'Usage';

/** The status the run's invoices are produced in; Draft invoices are posted later by a draft-to-posted run. */
export type RequestedInvoiceStatus = 'Draft' | 'Posted';

/**
 * Which billing schedules a run looks at. Each list narrows the run; `null` means "any".
 * A `null` inside `billingBatches` matches schedules without a billing batch (null is a value of its own).
 */
export interface RunCriteria {
  readonly currencies: readonly CurrencyCode[] | null;
  readonly billingBatches: readonly (string | null)[] | null;
  readonly legalEntityIds: readonly string[] | null;
  readonly billingAccountIds: readonly string[] | null;
  readonly chargeTypes: readonly ChargeType[] | null;
}

/** What started the run (DOMAIN.md section 2). */
export type RunTrigger =
  | { readonly type: 'Scheduler'; readonly schedulerId: string }
  | { readonly type: 'RunNow'; readonly schedulerId: string }
  | {
      readonly type: 'BillNow';
      readonly billedRecord: { readonly type: 'BillingAccount' | 'Order'; readonly id: string };
    }
  | { readonly type: 'AdHoc'; readonly requestedBy: string };

/** Everything a run needs to know when it is requested; it never changes afterwards. */
export interface InvoiceBatchRunRequest {
  readonly runId: string;
  readonly criteria: RunCriteria;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly invoiceStatus: RequestedInvoiceStatus;
  /** Caps how many billable periods of a schedule one run bills (1..12); null = every due period. */
  readonly billingPeriodCount: number | null;
  /** The org's default currency: the single run totals are only reported in it (DOMAIN.md section 6). */
  readonly defaultCurrency: CurrencyCode;
  readonly requestedAt: Instant;
  readonly trigger: RunTrigger;
}

function invalid(message: string): DomainError {
  return new DomainError('INVOICE_BATCH_RUN.INVALID_REQUEST', 'validation', message);
}

function checkCriterion(name: string, values: readonly unknown[] | null): void {
  // An empty list would silently select nothing; "any" is spelled null.
  if (values !== null && values.length === 0) throw invalid(`criteria.${name} is empty; use null for "any"`);
}

/** Rejects a request that could never run; the target-date limit is the scheduler's rule, not checked here. */
export function validateRunRequest(request: InvoiceBatchRunRequest): void {
  if (request.runId.length === 0) throw invalid('runId is empty');
  if (!isCalendarDate(request.targetDate))
    throw invalid(`targetDate "${String(request.targetDate)}" is not a date`);
  if (!isCalendarDate(request.invoiceDate))
    throw invalid(`invoiceDate "${String(request.invoiceDate)}" is not a date`);
  if (!isCurrencyCode(request.defaultCurrency))
    throw invalid(`defaultCurrency "${String(request.defaultCurrency)}" is unknown`);
  const count = request.billingPeriodCount;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > 12)) {
    throw invalid(`billingPeriodCount ${count} is not between 1 and 12`);
  }
  const { criteria } = request;
  checkCriterion('currencies', criteria.currencies);
  checkCriterion('billingBatches', criteria.billingBatches);
  checkCriterion('legalEntityIds', criteria.legalEntityIds);
  checkCriterion('billingAccountIds', criteria.billingAccountIds);
  checkCriterion('chargeTypes', criteria.chargeTypes);
}

import { DomainError, type CalendarDate } from '@invoice-engine/kernel';
import type { Clock } from '@invoice-engine/runtime';
import { buildBillNowRequest, type BillNowScope } from '@invoice-engine/scheduling';
import { orgToday, type OrgSettings } from '../request-run/org-settings';
import type { RequestedRun, RequestInvoiceBatchRun } from '../request-run/request-invoice-batch-run';

export interface BillNowInput {
  readonly scope: BillNowScope;
  readonly targetDate: CalendarDate | null;
  readonly invoiceDate: CalendarDate | null;
  readonly invoiceStatus: 'Draft' | 'Posted';
  /** An idempotency key from the caller; null for a new run. */
  readonly runId: string | null;
}

/**
 * Bill Now for one billing account: a run restricted to it, target and invoice date defaulting to
 * today. Billing schedules carry no order id, so a run cannot be restricted to an order yet: refused
 * rather than billing everything.
 */
export class RequestBillNow {
  constructor(
    private readonly requestRun: RequestInvoiceBatchRun,
    private readonly clock: Clock,
    private readonly org: OrgSettings,
  ) {}

  handle(input: BillNowInput): Promise<RequestedRun> {
    if (input.scope.kind === 'Order') {
      throw new DomainError(
        'BILL_NOW.ORDER_NOT_SUPPORTED',
        'validation',
        'Bill Now for an order is not supported: billing schedules do not record their order',
      );
    }
    const request = buildBillNowRequest({
      scope: input.scope,
      targetDate: input.targetDate,
      invoiceDate: input.invoiceDate,
      invoiceStatus: input.invoiceStatus,
      today: orgToday(this.clock.now()),
      maxTargetDateOffsetMonths: this.org.maxTargetDateOffsetMonths,
    });
    return this.requestRun.handle({
      runId: input.runId,
      criteria: request.criteria,
      targetDate: request.targetDate,
      invoiceDate: request.invoiceDate,
      invoiceStatus: request.invoiceStatus,
      billingPeriodCount: request.billingPeriodCount,
      trigger: {
        type: 'BillNow',
        billedRecord: { type: 'BillingAccount', id: input.scope.billingAccountId },
      },
    });
  }
}

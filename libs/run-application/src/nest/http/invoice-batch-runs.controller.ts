import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, UseGuards } from '@nestjs/common';
import type { EventStore } from '@invoice-engine/event-store';
import { DomainError } from '@invoice-engine/kernel';
import { EVENT_STORE } from '@invoice-engine/runtime';
import { RequestInvoiceBatchRun, type RequestedRun } from '../../request-run/request-invoice-batch-run';
import { RequestBillNow } from '../../scheduling/request-bill-now';
import { loadInvoiceBatchRun } from '../../streams/invoice-batch-run-stream';
import { ApiAuthGuard, Caller, RequiresRole } from './api-auth.guard';
import { invoiceBatchRunView } from './api-views';
import { BillNowDto, RequestRunDto, runCriteriaOf } from './run-request.dto';

/** Ad-hoc runs, Bill Now and a run's state. A request answers 202 with the run id at once. */
@Controller()
@UseGuards(ApiAuthGuard)
export class InvoiceBatchRunsController {
  constructor(
    @Inject(RequestInvoiceBatchRun) private readonly requestRun: RequestInvoiceBatchRun,
    @Inject(RequestBillNow) private readonly billNow: RequestBillNow,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Post('invoice-batch-runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequiresRole('billing-operator')
  request(@Body() body: RequestRunDto, @Caller() caller: string): Promise<RequestedRun> {
    return this.requestRun.handle({
      runId: body.runId ?? null,
      criteria: runCriteriaOf(body.criteria),
      targetDate: body.targetDate,
      invoiceDate: body.invoiceDate,
      invoiceStatus: body.invoiceStatus,
      billingPeriodCount: body.billingPeriodCount ?? null,
      trigger: { type: 'AdHoc', requestedBy: caller },
    });
  }

  @Post('bill-now')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequiresRole('billing-operator')
  requestBillNow(@Body() body: BillNowDto): Promise<RequestedRun> {
    const { billingAccountId, orderId } = body;
    if ((billingAccountId === undefined) === (orderId === undefined)) {
      throw new DomainError(
        'BILL_NOW.MISSING_SCOPE',
        'validation',
        'Bill Now needs exactly one of billingAccountId and orderId',
      );
    }
    return this.billNow.handle({
      scope:
        billingAccountId !== undefined
          ? { kind: 'BillingAccount', billingAccountId }
          : { kind: 'Order', orderId: orderId ?? '' },
      targetDate: body.targetDate ?? null,
      invoiceDate: body.invoiceDate ?? null,
      invoiceStatus: body.invoiceStatus ?? 'Draft',
      runId: body.runId ?? null,
    });
  }

  @Get('invoice-batch-runs/:runId')
  @RequiresRole('billing-viewer')
  async read(@Param('runId') runId: string): Promise<unknown> {
    const { state } = await loadInvoiceBatchRun(this.eventStore, runId);
    if (state.status === 'NotRequested') {
      throw new DomainError(
        'INVOICE_BATCH_RUN.NOT_FOUND',
        'not-found',
        `Invoice batch run ${runId} does not exist`,
      );
    }
    return invoiceBatchRunView(state);
  }
}

import type { EventStore } from '@invoice-engine/event-store';
import type { Clock } from '@invoice-engine/runtime';
import { buildSchedulerRunNowRequest } from '@invoice-engine/scheduling';
import { orgToday, type OrgSettings } from '../request-run/org-settings';
import type { RequestedRun, RequestInvoiceBatchRun } from '../request-run/request-invoice-batch-run';
import { loadInvoiceBatchScheduler } from './invoice-batch-scheduler-stream';

/**
 * "Run now" on a scheduler: a run with the scheduler's criteria and dates as if it fired now. It is
 * not a firing (the scheduler's next fire time is unchanged), so every call is a new run.
 */
export class RunSchedulerNow {
  constructor(
    private readonly eventStore: EventStore,
    private readonly requestRun: RequestInvoiceBatchRun,
    private readonly clock: Clock,
    private readonly org: OrgSettings,
  ) {}

  async handle(schedulerId: string): Promise<RequestedRun> {
    const scheduler = await loadInvoiceBatchScheduler(this.eventStore, schedulerId);
    const now = this.clock.now();
    const request = buildSchedulerRunNowRequest(scheduler.state, {
      schedulerId,
      now,
      today: orgToday(now),
      maxTargetDateOffsetMonths: this.org.maxTargetDateOffsetMonths,
    });
    return this.requestRun.handle({
      runId: null,
      criteria: request.criteria,
      targetDate: request.targetDate,
      invoiceDate: request.invoiceDate,
      invoiceStatus: request.invoiceStatus,
      billingPeriodCount: request.billingPeriodCount,
      trigger: { type: 'RunNow', schedulerId },
    });
  }
}

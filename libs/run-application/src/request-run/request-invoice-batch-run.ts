import { InvoiceBatchRunRequested } from '@invoice-engine/contracts';
import type { EventStore } from '@invoice-engine/event-store';
import type {
  InvoiceBatchRunRequest,
  RequestedInvoiceStatus,
  RunCriteria,
  RunTrigger,
} from '@invoice-engine/invoice-batch-runs';
import type { CalendarDate } from '@invoice-engine/kernel';
import type { Clock, MessagePublisher } from '@invoice-engine/runtime';
import { assertTargetDateWithinLimit } from '@invoice-engine/scheduling';
import { retryOnConflict } from '../streams/conflict-retry';
import {
  appendRunCommands,
  invoiceBatchRunStream,
  loadInvoiceBatchRun,
} from '../streams/invoice-batch-run-stream';
import { invoiceBatchRunRequestedMessage } from './invoice-batch-run-requested-message';
import { orgToday, type OrgSettings } from './org-settings';

/** A request for a run as a trigger (timer, run now, Bill Now, the API) makes it. */
export interface RunRequestInput {
  /** Given by the trigger (a scheduler firing, an idempotency key), or null for a new run. */
  readonly runId: string | null;
  readonly criteria: RunCriteria;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly invoiceStatus: RequestedInvoiceStatus;
  readonly billingPeriodCount: number | null;
  readonly trigger: RunTrigger;
}

export interface RequestedRun {
  readonly runId: string;
}

/**
 * Step 1 of the pipeline: checks the target date limit (nothing is written when it fails), records
 * `InvoiceBatchRunRequested` on the new run stream and announces it on `invoice-batch.runs`. The
 * recorded event's global position is what filtering waits for the read model to reach.
 *
 * Asking again with the same run id and the same parameters changes nothing and announces the run
 * again with the same message id; other parameters under that id are a conflict.
 */
export class RequestInvoiceBatchRun {
  constructor(
    private readonly eventStore: EventStore,
    private readonly publisher: MessagePublisher,
    private readonly clock: Clock,
    private readonly org: OrgSettings,
    /** A fresh run id for requests that bring none (random in the shell, never in the domain). */
    private readonly newRunId: () => string,
    private readonly producer = 'scheduling',
  ) {}

  async handle(input: RunRequestInput): Promise<RequestedRun> {
    const now = this.clock.now();
    assertTargetDateWithinLimit(input.targetDate, orgToday(now), this.org.maxTargetDateOffsetMonths);
    const runId = input.runId ?? this.newRunId();
    const request = await retryOnConflict(async () => {
      const run = await loadInvoiceBatchRun(this.eventStore, runId);
      // A repeated request keeps the first request's time, so only a real difference is a conflict.
      const requestedAt = run.state.status === 'NotRequested' ? now : run.state.run.request.requestedAt;
      const request: InvoiceBatchRunRequest = {
        runId,
        criteria: input.criteria,
        targetDate: input.targetDate,
        invoiceDate: input.invoiceDate,
        invoiceStatus: input.invoiceStatus,
        billingPeriodCount: input.billingPeriodCount,
        defaultCurrency: this.org.defaultCurrency,
        requestedAt,
        trigger: input.trigger,
      };
      await appendRunCommands(this.eventStore, run, [{ type: 'RequestInvoiceBatchRun', request }], {
        causationId: runId,
        correlationId: runId,
        runId,
        groupingKey: null,
        occurredAt: now,
        producer: this.producer,
      });
      return request;
    });
    await this.announce(request);
    return { runId };
  }

  private async announce(request: InvoiceBatchRunRequest): Promise<void> {
    const [recorded] = await this.eventStore.readStream(invoiceBatchRunStream(request.runId), 0n);
    if (recorded === undefined) throw new Error(`Run ${request.runId} vanished after it was recorded`);
    const message = invoiceBatchRunRequestedMessage(recorded, request, this.clock.now(), this.producer);
    await this.publisher.publish(InvoiceBatchRunRequested.topic, [{ key: request.runId, envelope: message }]);
  }
}

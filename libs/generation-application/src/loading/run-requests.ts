import type { EventStore } from '@invoice-engine/event-store';
import type { InvoiceBatchRunRequest, InvoiceBatchRunRequested } from '@invoice-engine/invoice-batch-runs';
import { StreamCategory, streamName } from '@invoice-engine/kernel';
import { PermanentError } from '@invoice-engine/messaging';

/** What invoice generation needs to know about a run beyond its work items. */
export type RunFacts = Pick<InvoiceBatchRunRequest, 'runId' | 'requestedAt' | 'invoiceStatus'>;

/**
 * Reads a run's request from `invoiceBatchRun-<runId>`. A request never changes, so the answer is kept
 * for the most recent runs: the run stream is read once per run and process, not once per group.
 */
export class RunRequests {
  private readonly known = new Map<string, RunFacts>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly capacity = 128,
  ) {}

  async of(runId: string): Promise<RunFacts> {
    const cached = this.known.get(runId);
    if (cached !== undefined) return cached;
    const events = await this.eventStore.readStream(streamName(StreamCategory.InvoiceBatchRun, runId));
    const requested = events.find((event) => event.type === 'InvoiceBatchRunRequested');
    if (requested === undefined) {
      // Work items are published only after their run was recorded: this message cannot succeed.
      throw new PermanentError(
        `Run ${runId} was never requested (its stream has no InvoiceBatchRunRequested)`,
      );
    }
    const { requestedAt, invoiceStatus } = requested.data as InvoiceBatchRunRequested['data'];
    const facts: RunFacts = { runId, requestedAt, invoiceStatus };
    if (this.known.size >= this.capacity) {
      const oldest = this.known.keys().next();
      if (oldest.done !== true) this.known.delete(oldest.value);
    }
    this.known.set(runId, facts);
    return facts;
  }
}

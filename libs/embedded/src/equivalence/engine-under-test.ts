import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import type { EventStore } from '@invoice-engine/event-store';
import type { RequestInvoiceBatchRun } from '@invoice-engine/run-application';
import type { DataSource } from 'typeorm';
import type { FinishedRun } from '../composition/run-completion';

/**
 * What the equivalence spec drives a run with, whichever mode runs it: the event store and read models
 * the services write to, the scheduling service's request handler, the filtering service's schedule
 * source, and how the mode knows a run has ended.
 */
export interface EngineUnderTest {
  readonly mode: 'embedded' | 'distributed';
  readonly eventStore: EventStore;
  readonly readModels: DataSource;
  readonly requestRun: RequestInvoiceBatchRun;
  readonly scheduleSource: BillingScheduleSource;
  waitForRun(runId: string, timeoutMs: number): Promise<FinishedRun>;
  close(): Promise<void>;
}

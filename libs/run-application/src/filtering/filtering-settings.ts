import { MAX_BILLING_SCHEDULES_PER_WORK_ITEM } from '@invoice-engine/contracts';
import { SCHEDULES_PER_SELECTION_PAGE } from './run-selection-stream';

/** How the filtering service works through a run; defaults suit a run of a million schedules. */
export interface FilteringSettings {
  /** Most invoice lines per invoice: a larger group becomes several work items (DOMAIN.md: 2,000). */
  readonly linesPerInvoice: number;
  /** Append `BillingSchedulesFilteringProgressed` after every this many scanned schedules. */
  readonly progressEverySchedules: number;
  /** Schedules per cursor batch read from the read model. */
  readonly scanBatchSize: number;
  /**
   * Billing schedule ids per recorded selection page; work items are published a page at a time, so
   * this also bounds how many messages the service builds at once.
   */
  readonly schedulesPerSelectionPage: number;
  /** How long to wait for the read model to reach the run's request before retrying the message. */
  readonly catchUpTimeoutMs: number;
  /** The `producer` of what the service appends and publishes. */
  readonly producer: string;
}

export const DEFAULT_FILTERING_SETTINGS: FilteringSettings = {
  linesPerInvoice: 2000,
  progressEverySchedules: 5000,
  scanBatchSize: 1000,
  schedulesPerSelectionPage: SCHEDULES_PER_SELECTION_PAGE,
  catchUpTimeoutMs: 30_000,
  producer: 'filtering',
};

export function chunkLimitsOf(settings: FilteringSettings) {
  return {
    linesPerInvoice: settings.linesPerInvoice,
    schedulesPerWorkItem: Math.min(settings.linesPerInvoice, MAX_BILLING_SCHEDULES_PER_WORK_ITEM),
  };
}

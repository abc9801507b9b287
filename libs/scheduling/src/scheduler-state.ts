import type { Instant } from '@invoice-engine/kernel';
import type { SchedulerDefinition } from './scheduler-definition';

/**
 * The lifecycle of an invoice batch scheduler: created as `Draft`; only `Active` fires; edits only in
 * `Draft` or `Inactive`; `Canceled` is final.
 */
export type SchedulerStatus = 'Draft' | 'Active' | 'Inactive' | 'Canceled';

/**
 * - `lastFireTime`: the latest fire instant recorded; a firing at or before it is a duplicate (two
 *   replicas firing the same time) or superseded, and produces no event.
 */
export interface CreatedInvoiceBatchScheduler {
  readonly status: SchedulerStatus;
  readonly schedulerId: string;
  readonly definition: SchedulerDefinition;
  readonly lastFireTime: Instant | null;
}

export type InvoiceBatchSchedulerState = { readonly status: 'NotCreated' } | CreatedInvoiceBatchScheduler;

import type { Instant } from '@invoice-engine/kernel';

/**
 * Status subtypes of an invoice batch run, in the only order a run may pass them (DOMAIN.md
 * section 4). The last entry is either `Completed` or `Failed`, never both.
 */
export const STATUS_SUBTYPES = [
  'BillingSchedulesFilteringStarted',
  'BillingSchedulesFilteringInProgress',
  'BillingSchedulesFilteringCompleted',
  'InvoiceGenerationStarted',
  'InvoiceGenerationInProgress',
  'InvoiceGenerationCompleted',
  'InvoiceGenerationSummarizationInProgress',
  'Completed',
  'Failed',
] as const;

export type StatusSubtype = (typeof STATUS_SUBTYPES)[number];

/** The subtypes of a run that is still `Started`. */
export type InProgressStatusSubtype = Exclude<StatusSubtype, 'Completed' | 'Failed'>;

/** Position of a subtype in the run's path; `Completed` and `Failed` share the last position. */
export function stageIndex(subtype: StatusSubtype): number {
  return subtype === 'Failed' ? STATUS_SUBTYPES.indexOf('Completed') : STATUS_SUBTYPES.indexOf(subtype);
}

/** A status subtype the run reached, with the time of the event that moved it there. */
export interface StageReached {
  readonly statusSubtype: StatusSubtype;
  readonly at: Instant;
}

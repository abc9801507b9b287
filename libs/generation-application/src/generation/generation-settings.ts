import { DEFAULT_MAX_LINES_PER_INVOICE } from '@invoice-engine/invoicing';

/** The tunables of invoice generation (an app reads them from its configuration). */
export interface GenerationSettings {
  /** Lines per invoice; must match the limit filtering chunks groups by. */
  readonly maxLinesPerInvoice: number;
  /** Load → decide → append attempts when a stream moved meanwhile, before a `TransientError`. */
  readonly conflictAttempts: number;
  /** Schedules kept from a work item for its tax result (`RecentBillingSchedules`); 0 keeps none. */
  readonly keptBillingSchedules: number;
}

export const DEFAULT_GENERATION_SETTINGS: GenerationSettings = {
  maxLinesPerInvoice: DEFAULT_MAX_LINES_PER_INVOICE,
  conflictAttempts: 3,
  keptBillingSchedules: 0,
};

/** The `producer` of every event and message invoice generation writes. */
export const INVOICE_GENERATION_PRODUCER = 'invoice-generation';

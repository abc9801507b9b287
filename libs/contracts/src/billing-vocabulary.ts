/**
 * The enumerations of DOMAIN.md that travel in messages, as the exact strings on the wire. Each is a
 * list (for validation) and a union type (for code).
 */
export const CHARGE_TYPES = ['OneTime', 'Recurring', 'Usage'] as const;
export type ChargeType = (typeof CHARGE_TYPES)[number];

/** The invoice status a run produces. */
export const RUN_INVOICE_STATUSES = ['Draft', 'Posted'] as const;
export type RunInvoiceStatus = (typeof RUN_INVOICE_STATUSES)[number];

/** Estimate: tax of a draft invoice. CalculateAndCommit: actual tax of an invoice being posted. */
export const TAX_MODES = ['Estimate', 'CalculateAndCommit'] as const;
export type TaxMode = (typeof TAX_MODES)[number];

export const BILLING_METHODS = ['Evergreen', 'OrderAmount'] as const;
export type BillingMethod = (typeof BILLING_METHODS)[number];

export const BILLING_TYPES = ['Advance', 'Arrears'] as const;
export type BillingType = (typeof BILLING_TYPES)[number];

export const BILLING_TERM_UNITS = ['Month', 'Quarter', 'SemiAnnual', 'Year', 'OneTime'] as const;
export type BillingTermUnit = (typeof BILLING_TERM_UNITS)[number];

export const INVOICE_GROUP_TYPES = ['Default', 'BillingSchedule', 'Custom'] as const;
export type InvoiceGroupType = (typeof INVOICE_GROUP_TYPES)[number];

export const PARTIAL_PERIOD_TREATMENTS = ['Separate', 'Combine'] as const;
export type PartialPeriodTreatment = (typeof PARTIAL_PERIOD_TREATMENTS)[number];

export const REMAINDER_STRATEGIES = ['AddToLast', 'AddToFirst'] as const;
export type RemainderStrategy = (typeof REMAINDER_STRATEGIES)[number];

export const ERROR_LOG_CATEGORIES = [
  'SelectionStep',
  'InvoiceGeneration',
  'TaxCalculation',
  'PostTaxCalculation',
  'ScheduleUpdate',
  'Summarization',
  'Recovery',
] as const;
export type ErrorLogCategory = (typeof ERROR_LOG_CATEGORIES)[number];

export const ERROR_LOG_SEVERITIES = ['Error', 'Warning'] as const;
export type ErrorLogSeverity = (typeof ERROR_LOG_SEVERITIES)[number];

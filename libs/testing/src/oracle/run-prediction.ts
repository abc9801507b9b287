import type { BillingSchedule, ExclusionReason, RunCriteria } from '@invoice-engine/billing-schedules';
import type { InvoiceBatchRunSummary, StatusSubtype } from '@invoice-engine/invoice-batch-runs';
import type { InvoiceLineCandidate, PaymentTerm } from '@invoice-engine/invoicing';
import type { CalendarDate, CurrencyCode, Instant, Money } from '@invoice-engine/kernel';
import type { TaxRate } from '@invoice-engine/tax';

/** The run the oracle predicts, as requested. */
export interface RunToPredict {
  readonly runId: string;
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly invoiceStatus: 'Draft' | 'Posted';
  readonly billingPeriodCount: number | null;
  readonly criteria: RunCriteria;
  readonly defaultCurrency: CurrencyCode;
  /** When the run started (only matters for schedules whose invoicing was enabled later). */
  readonly requestedAt: Instant;
}

/** What the services were configured with: the same tax rates, payment terms and line limit. */
export interface OracleReferenceData {
  readonly taxRates: readonly TaxRate[];
  readonly paymentTerms: readonly PaymentTerm[];
  readonly maxLinesPerInvoice: number;
}

/** A line the invoicing rules place on an invoice, with the tax the rate table gives it. */
export interface PredictedLine extends InvoiceLineCandidate {
  /** Null on an invoice whose tax failed. */
  readonly taxAmount: Money | null;
  readonly taxRate: string | null;
}

export interface PredictedFailure {
  readonly category: 'TaxCalculation' | 'InvoiceGeneration';
  readonly code: string;
}

export interface PredictedInvoice {
  readonly invoiceId: string;
  readonly groupingKey: string;
  readonly chunkIndex: number;
  readonly status: 'Draft' | 'Posted' | 'Error';
  readonly billingAccountId: string;
  readonly currency: CurrencyCode;
  readonly invoiceDate: CalendarDate;
  readonly dueDate: CalendarDate | null;
  readonly lines: readonly PredictedLine[];
  readonly subtotal: Money;
  /** Null when the invoice failed before it was taxed. */
  readonly taxTotal: Money | null;
  readonly total: Money | null;
  readonly billingScheduleIds: readonly string[];
  readonly failure: PredictedFailure | null;
}

/** An error log the run must write: one per schedule of a failed group. */
export interface PredictedErrorLog {
  readonly category: PredictedFailure['category'];
  readonly errorCode: string;
  readonly billingScheduleId: string;
  readonly groupingKey: string;
}

export interface RunPrediction {
  readonly runId: string;
  readonly status: 'Completed' | 'Failed';
  /** The status subtypes the run passes, in order (DOMAIN.md section 4). */
  readonly stages: readonly StatusSubtype[];
  /** Schedules matching the criteria (selected + excluded). */
  readonly billingSchedulesScanned: number;
  readonly excluded: ReadonlyMap<string, ExclusionReason>;
  /** One entry per invoice (per chunk of a group), in grouping key then chunk order. */
  readonly invoices: readonly PredictedInvoice[];
  readonly errorLogs: readonly PredictedErrorLog[];
  readonly summary: InvoiceBatchRunSummary;
  /** Every given schedule after the run (unchanged when the run did not touch it), by id. */
  readonly schedulesAfter: ReadonlyMap<string, BillingSchedule>;
}

import type {
  ExclusionReason,
  InvoiceBatchRunSummary,
  RequestedInvoiceStatus,
  RunCriteria,
  StatusSubtype,
} from '@invoice-engine/invoice-batch-runs';
import type { PaymentTerm } from '@invoice-engine/invoicing';
import type { CalendarDate, CurrencyCode } from '@invoice-engine/kernel';
import type { AppLogger } from '@invoice-engine/runtime';
import type { TaxRate } from '@invoice-engine/tax';

/** The org of a batch run (DOMAIN.md section 7 `org`, plus the configurable line limit of section 6). */
export interface EmbeddedOrg {
  /** The org's today: the engine's clock is set to it, and the target date limit counts from it. */
  readonly today: CalendarDate;
  readonly defaultCurrency: CurrencyCode;
  readonly maxTargetDateOffsetMonths: number;
  /** At most this many lines per invoice (DOMAIN.md section 6: 2,000, configurable). */
  readonly maxLinesPerInvoice: number;
}

/** The run to request (DOMAIN.md section 7 `run`). */
export interface EmbeddedRunRequest {
  readonly targetDate: CalendarDate;
  readonly invoiceDate: CalendarDate;
  readonly invoiceStatus: RequestedInvoiceStatus;
  readonly criteria: RunCriteria;
  readonly billingPeriodCount: number | null;
}

/** Where a run is, for a live display. Counts come from the run stream's checkpoints. */
export type EmbeddedRunProgress =
  | { readonly phase: 'StartingEngine' }
  | { readonly phase: 'LoadingSchedules'; readonly schedules: number }
  | {
      readonly phase: 'Running';
      readonly runId: string;
      /** Null until filtering has started. */
      readonly statusSubtype: StatusSubtype | null;
      readonly schedulesScanned: number;
      readonly schedulesSelected: number;
      /** Work items (groups, or chunks of groups) filtering published; 0 until filtering completes. */
      readonly groupsExpected: number;
      /** Work items with an outcome as of summarization's last checkpoint. */
      readonly groupsDone: number;
      readonly groupsFailed: number;
    }
  | { readonly phase: 'ReadingResults'; readonly runId: string };

/** How the engine runs, beyond the business input; every field has a default. */
export interface EmbeddedEngineTuning {
  /** A directory to keep the databases in (it may hold a migrated, empty template); default memory only. */
  readonly dataDirectory?: string | null;
  /** Default: warnings and errors as JSON on stderr. */
  readonly logger?: AppLogger;
  /** Default 1,000 schedules. */
  readonly filteringProgressEvery?: number;
  /** Default 10 groups: frequent enough for a live display. */
  readonly generationCheckpointEvery?: number;
  /** Give up waiting for the run after this long (default 10 minutes). */
  readonly timeoutMs?: number;
}

export interface EmbeddedBatchRunInput {
  /**
   * Billing schedules as a JSON schedule file holds them (objects with the field names of DOMAIN.md
   * section 1): read and validated exactly as the schedule-loader app reads a `.json` file.
   */
  readonly schedules: readonly Readonly<Record<string, unknown>>[];
  readonly taxRates: readonly TaxRate[];
  readonly paymentTerms: readonly PaymentTerm[];
  readonly org: EmbeddedOrg;
  readonly run: EmbeddedRunRequest;
  /** The run's id; a scenario passes one derived from its file so that ids in messages repeat. Default: random. */
  readonly runId?: string;
  readonly onProgress?: (progress: EmbeddedRunProgress) => void;
  readonly tuning?: EmbeddedEngineTuning;
}

/** An invoice line as the read model holds it; amounts as decimal strings with the currency's digits. */
export interface EmbeddedInvoiceLine {
  readonly billingScheduleId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly chargeAmount: string;
  /** Null while the invoice has no tax (a failed group). */
  readonly taxAmount: string | null;
  readonly taxRate: string | null;
}

export interface EmbeddedInvoice {
  readonly invoiceId: string;
  readonly groupingKey: string;
  readonly chunkIndex: number;
  readonly billingAccountId: string | null;
  readonly currency: string | null;
  readonly status: string;
  readonly invoiceDate: string | null;
  readonly dueDate: string | null;
  readonly invoiceNumber: string | null;
  readonly subtotal: string | null;
  readonly taxTotal: string | null;
  readonly total: string | null;
  readonly lines: readonly EmbeddedInvoiceLine[];
}

export interface EmbeddedBillingSchedule {
  readonly id: string;
  readonly status: string;
  readonly invoiceRunProcessingStatus: string;
  readonly nextChargeFromDate: string | null;
  readonly nextBillingDate: string | null;
  readonly billedThroughDate: string | null;
  readonly billedAmount: string;
  readonly pendingAmount: string;
}

export interface EmbeddedExclusion {
  readonly billingScheduleId: string;
  readonly reason: ExclusionReason;
}

export interface EmbeddedErrorLog {
  readonly category: string;
  readonly code: string;
  readonly message: string;
  readonly billingScheduleId: string | null;
  readonly groupingKey: string | null;
}

export interface EmbeddedRunOutcome {
  readonly runId: string;
  readonly status: 'Completed' | 'Failed';
  readonly statusSubtype: 'Completed' | 'Failed';
  /** The status subtypes the run passed, in order. */
  readonly stages: readonly StatusSubtype[];
  readonly summary: InvoiceBatchRunSummary;
}

/** What a run produced, read back from the event store and the read models, in a deterministic order. */
export interface EmbeddedBatchRunResult {
  readonly run: EmbeddedRunOutcome;
  /** By grouping key (code point order), then chunk. */
  readonly invoices: readonly EmbeddedInvoice[];
  /** Every loaded schedule, by id. */
  readonly billingSchedules: readonly EmbeddedBillingSchedule[];
  /** By schedule id. */
  readonly excluded: readonly EmbeddedExclusion[];
  readonly errors: readonly EmbeddedErrorLog[];
}

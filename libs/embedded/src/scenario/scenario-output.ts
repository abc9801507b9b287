import {
  EXCLUSION_REASONS,
  type ExclusionReason,
  type InvoiceBatchRunSummary,
  type StatusSubtype,
} from '@invoice-engine/invoice-batch-runs';
import { formatMoney, type Money } from '@invoice-engine/kernel';
import type {
  EmbeddedBatchRunResult,
  EmbeddedBillingSchedule,
  EmbeddedExclusion,
  EmbeddedErrorLog,
  EmbeddedInvoice,
} from '../composition/embedded-batch-run';

/** `summary` of the printed run (DOMAIN.md section 7); amounts as decimal strings with the currency's digits. */
export interface ScenarioSummaryOutput {
  readonly totalFilteredBillingSchedules: number;
  readonly totalBillingSchedulesProcessed: number;
  readonly totalBillingSchedulesFailed: number;
  readonly totalInvoicesGenerated: number;
  readonly totalInvoicesProcessed: number;
  readonly totalInvoicesFailed: number;
  readonly totalDraftInvoices: number;
  readonly totalPostedInvoices: number;
  /** Null when the run's invoices span several currencies or one other than the org's default. */
  readonly totalInvoicedAmount: string | null;
  readonly totalDraftInvoiceAmount: string | null;
  /** Every reason of DOMAIN.md section 3, in table order, zeros included. */
  readonly excludedByReason: Readonly<Record<ExclusionReason, number>>;
  readonly totalsByCurrency: Readonly<Record<string, { readonly invoiced: string; readonly draft: string }>>;
}

export interface ScenarioInvoiceOutput {
  readonly groupingKey: string;
  readonly billingAccountId: string | null;
  readonly currency: string | null;
  readonly status: string;
  readonly invoiceDate: string | null;
  readonly dueDate: string | null;
  readonly subtotal: string | null;
  readonly taxTotal: string | null;
  readonly total: string | null;
  readonly lines: readonly {
    readonly billingScheduleId: string;
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly quantity: string;
    readonly chargeAmount: string;
    readonly taxAmount: string | null;
  }[];
}

/** What `npm run scenario -- <file>` prints (DOMAIN.md section 7), keys in the order of the spec. */
export interface ScenarioOutput {
  readonly run: {
    readonly status: string;
    readonly statusSubtype: string;
    readonly stages: readonly StatusSubtype[];
    readonly summary: ScenarioSummaryOutput;
  };
  readonly invoices: readonly ScenarioInvoiceOutput[];
  readonly billingSchedules: readonly EmbeddedBillingSchedule[];
  readonly excluded: readonly EmbeddedExclusion[];
  readonly errors: readonly EmbeddedErrorLog[];
}

function moneyText(amount: Money | null): string | null {
  return amount === null ? null : formatMoney(amount);
}

export function summaryOutput(summary: InvoiceBatchRunSummary): ScenarioSummaryOutput {
  return {
    totalFilteredBillingSchedules: summary.totalFilteredBillingSchedules,
    totalBillingSchedulesProcessed: summary.totalBillingSchedulesProcessed,
    totalBillingSchedulesFailed: summary.totalBillingSchedulesFailed,
    totalInvoicesGenerated: summary.totalInvoicesGenerated,
    totalInvoicesProcessed: summary.totalInvoicesProcessed,
    totalInvoicesFailed: summary.totalInvoicesFailed,
    totalDraftInvoices: summary.totalDraftInvoices,
    totalPostedInvoices: summary.totalPostedInvoices,
    totalInvoicedAmount: moneyText(summary.totalInvoicedAmount),
    totalDraftInvoiceAmount: moneyText(summary.totalDraftInvoiceAmount),
    excludedByReason: Object.fromEntries(
      EXCLUSION_REASONS.map((reason) => [reason, summary.excludedByReason[reason]]),
    ) as Record<ExclusionReason, number>,
    totalsByCurrency: Object.fromEntries(
      Object.keys(summary.totalsByCurrency)
        .sort()
        .map((currency) => {
          const totals = summary.totalsByCurrency[currency];
          if (totals === undefined) throw new Error(`No totals for ${currency}`);
          return [currency, { invoiced: formatMoney(totals.invoiced), draft: formatMoney(totals.draft) }];
        }),
    ),
  };
}

function invoiceOutput(invoice: EmbeddedInvoice): ScenarioInvoiceOutput {
  return {
    groupingKey: invoice.groupingKey,
    billingAccountId: invoice.billingAccountId,
    currency: invoice.currency,
    status: invoice.status,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    lines: invoice.lines.map((line) => ({
      billingScheduleId: line.billingScheduleId,
      periodStart: line.periodStart,
      periodEnd: line.periodEnd,
      quantity: line.quantity,
      chargeAmount: line.chargeAmount,
      taxAmount: line.taxAmount,
    })),
  };
}

/** The embedded run's result as the scenario contract prints it; the order is the result's own. */
export function scenarioOutput(result: EmbeddedBatchRunResult): ScenarioOutput {
  return {
    run: {
      status: result.run.status,
      statusSubtype: result.run.statusSubtype,
      stages: result.run.stages,
      summary: summaryOutput(result.run.summary),
    },
    invoices: result.invoices.map(invoiceOutput),
    billingSchedules: result.billingSchedules.map((schedule) => ({
      id: schedule.id,
      status: schedule.status,
      invoiceRunProcessingStatus: schedule.invoiceRunProcessingStatus,
      nextChargeFromDate: schedule.nextChargeFromDate,
      nextBillingDate: schedule.nextBillingDate,
      billedThroughDate: schedule.billedThroughDate,
      billedAmount: schedule.billedAmount,
      pendingAmount: schedule.pendingAmount,
    })),
    excluded: result.excluded.map(({ billingScheduleId, reason }) => ({ billingScheduleId, reason })),
    errors: result.errors.map((error) => ({
      category: error.category,
      code: error.code,
      message: error.message,
      billingScheduleId: error.billingScheduleId,
      groupingKey: error.groupingKey,
    })),
  };
}

import type { BillingSchedule } from '@invoice-engine/billing-schedules';
import { addMoney, formatMoney, type Money } from '@invoice-engine/kernel';
import type { PredictedInvoice, RunPrediction } from '../oracle/run-prediction';
import type {
  BillingScheduleRow,
  InvoiceLineRow,
  InvoiceRow,
  InvoiceTaxRow,
  RunRow,
  StageRow,
} from './read-model-queries';

/**
 * The same facts from the oracle and from the read-model tables, in one plain shape each, so a test
 * compares them with one `toEqual` and a failure shows exactly which invoice, line or schedule differs.
 */
export interface InvoiceView {
  readonly invoiceId: string;
  readonly groupingKey: string | null;
  readonly chunkIndex: number | null;
  readonly status: string;
  readonly billingAccountId: string | null;
  readonly currency: string | null;
  readonly dueDate: string | null;
  readonly subtotal: string | null;
  readonly taxTotal: string | null;
  readonly total: string | null;
  readonly failureCode: string | null;
}

const amount = (money: Money | null) => (money === null ? null : formatMoney(money));

export function predictedInvoiceViews(prediction: RunPrediction): InvoiceView[] {
  return prediction.invoices.map((invoice: PredictedInvoice) => ({
    invoiceId: invoice.invoiceId,
    groupingKey: invoice.groupingKey,
    chunkIndex: invoice.chunkIndex,
    status: invoice.status,
    billingAccountId: invoice.billingAccountId,
    currency: invoice.currency,
    dueDate: invoice.status === 'Error' ? null : invoice.dueDate,
    subtotal: invoice.status === 'Error' ? null : amount(invoice.subtotal),
    taxTotal: amount(invoice.taxTotal),
    total: amount(invoice.total),
    failureCode: invoice.failure?.code ?? null,
  }));
}

export function invoiceViewsOf(rows: readonly InvoiceRow[]): InvoiceView[] {
  return rows.map((row) => ({
    invoiceId: row.invoice_id,
    groupingKey: row.grouping_key,
    chunkIndex: row.chunk_index,
    status: row.status,
    billingAccountId: row.billing_account_id,
    currency: row.currency,
    dueDate: row.status === 'Error' ? null : row.due_date,
    subtotal: row.status === 'Error' ? null : row.subtotal,
    taxTotal: row.status === 'Error' ? null : row.tax_total,
    total: row.status === 'Error' ? null : row.total,
    failureCode: row.failure_code,
  }));
}

/** One invoice line as text: invoice, schedule, period, amounts, tax. */
export function predictedLineViews(prediction: RunPrediction): string[] {
  return prediction.invoices
    .filter((invoice) => invoice.status !== 'Error')
    .flatMap((invoice) =>
      invoice.lines.map((line) =>
        [
          invoice.invoiceId,
          line.billingScheduleId,
          line.periodStart,
          line.periodEnd,
          line.quantity,
          line.unitPrice,
          formatMoney(line.chargeAmount),
          line.taxCode,
          amount(line.taxAmount),
          line.taxRate,
        ].join(' | '),
      ),
    )
    .sort();
}

export function lineViewsOf(
  rows: readonly InvoiceLineRow[],
  failedInvoiceIds: ReadonlySet<string> = new Set(),
): string[] {
  return rows
    .filter((row) => !failedInvoiceIds.has(row.invoice_id))
    .map((row) =>
      [
        row.invoice_id,
        row.billing_schedule_id,
        row.period_start,
        row.period_end,
        row.quantity,
        row.unit_price,
        row.charge_amount,
        row.tax_code,
        row.tax_amount,
        row.tax_rate,
      ].join(' | '),
    )
    .sort();
}

/** A schedule's status pair and position as text. */
export function scheduleView(schedule: BillingSchedule): string {
  return [
    schedule.terms.id,
    schedule.status,
    schedule.invoiceRunProcessingStatus,
    schedule.nextChargeFromDate,
    schedule.nextBillingDate,
    schedule.billedThroughDate,
    formatMoney(schedule.billedAmount),
    formatMoney(schedule.pendingAmount),
  ].join(' | ');
}

export function scheduleViewOf(row: BillingScheduleRow): string {
  return [
    row.billing_schedule_id,
    row.status,
    row.invoice_run_processing_status,
    row.next_charge_from_date,
    row.next_billing_date,
    row.billed_through_date,
    row.billed_amount,
    row.pending_amount,
  ].join(' | ');
}

/** The summary columns of the run's row, shaped like the oracle's summary. */
export function summaryViewOf(row: RunRow): Record<string, unknown> {
  return {
    totalFilteredBillingSchedules: row.total_filtered_billing_schedules,
    totalBillingSchedulesProcessed: row.total_billing_schedules_processed,
    totalBillingSchedulesFailed: row.total_billing_schedules_failed,
    totalInvoicesGenerated: row.total_invoices_generated,
    totalInvoicesProcessed: row.total_invoices_processed,
    totalInvoicesFailed: row.total_invoices_failed,
    totalDraftInvoices: row.total_draft_invoices,
    totalPostedInvoices: row.total_posted_invoices,
    totalInvoicedAmount: row.total_invoiced_amount,
    totalDraftInvoiceAmount: row.total_draft_invoice_amount,
    excludedByReason: row.excluded_by_reason,
    totalsByCurrency: row.totals_by_currency,
  };
}

export function predictedSummaryView(prediction: RunPrediction): Record<string, unknown> {
  const { summary } = prediction;
  return {
    ...summary,
    totalInvoicedAmount: amount(summary.totalInvoicedAmount),
    totalDraftInvoiceAmount: amount(summary.totalDraftInvoiceAmount),
    excludedByReason: { ...summary.excludedByReason },
    totalsByCurrency: Object.fromEntries(
      Object.entries(summary.totalsByCurrency).map(([currency, totals]) => [
        currency,
        { invoiced: formatMoney(totals.invoiced), draft: formatMoney(totals.draft) },
      ]),
    ),
  };
}

/** The stage history with repeated progress checkpoints collapsed: the run's path through section 4. */
export function stageSequenceOf(rows: readonly StageRow[]): string[] {
  return rows.reduce<string[]>(
    (path, row) => (path.at(-1) === row.status_subtype ? path : [...path, row.status_subtype]),
    [],
  );
}

/** Per invoice, tax code and rate: line count, taxable amount, tax (the `invoice_taxes` rows of one tax status). */
export function predictedTaxViews(prediction: RunPrediction): string[] {
  const totals = new Map<string, { lines: number; taxable: Money; tax: Money }>();
  for (const invoice of prediction.invoices) {
    for (const line of invoice.lines) {
      if (line.taxAmount === null) continue;
      const key = [invoice.invoiceId, line.taxCode, line.taxRate].join(' | ');
      const current = totals.get(key);
      totals.set(key, {
        lines: (current?.lines ?? 0) + 1,
        taxable: current === undefined ? line.chargeAmount : addMoney(current.taxable, line.chargeAmount),
        tax: current === undefined ? line.taxAmount : addMoney(current.tax, line.taxAmount),
      });
    }
  }
  return [...totals]
    .map(
      ([key, total]) => `${key} | ${total.lines} | ${formatMoney(total.taxable)} | ${formatMoney(total.tax)}`,
    )
    .sort();
}

export function taxViewsOf(rows: readonly InvoiceTaxRow[], taxStatus: 'Estimated' | 'Posted'): string[] {
  return rows
    .filter((row) => row.tax_status === taxStatus)
    .map((row) =>
      [row.invoice_id, row.tax_code, row.tax_rate, row.line_count, row.taxable_amount, row.tax_amount].join(
        ' | ',
      ),
    )
    .sort();
}

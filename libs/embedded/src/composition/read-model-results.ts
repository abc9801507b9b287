import { currencyCode, formatMoney, parseMoney } from '@invoice-engine/kernel';
import { qualifiedTable, readModelSchemaOf } from '@invoice-engine/read-models';
import type { DataSource } from 'typeorm';
import type {
  EmbeddedBillingSchedule,
  EmbeddedErrorLog,
  EmbeddedInvoice,
  EmbeddedInvoiceLine,
} from './embedded-batch-run';

/** A `numeric` amount of the read model as the currency prints it ("200" → "200.00", JPY stays "1500"). */
export function amountText(value: string, currency: string): string {
  const code = currencyCode(currency);
  return formatMoney(parseMoney(value, code));
}

function optionalAmount(value: string | null, currency: string | null): string | null {
  return value === null || currency === null ? null : amountText(value, currency);
}

/** Code point order, the order of ids and grouping keys everywhere in the engine. */
export function byCodePoint(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

interface InvoiceRow {
  readonly invoice_id: string;
  readonly grouping_key: string | null;
  readonly chunk_index: number | null;
  readonly billing_account_id: string | null;
  readonly currency: string | null;
  readonly status: string;
  readonly invoice_date: string | null;
  readonly due_date: string | null;
  readonly invoice_number: string | null;
  readonly subtotal: string | null;
  readonly tax_total: string | null;
  readonly total: string | null;
}

interface LineRow {
  readonly invoice_id: string;
  readonly billing_schedule_id: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly quantity: string;
  readonly unit_price: string;
  readonly currency: string;
  readonly charge_amount: string;
  readonly tax_amount: string | null;
  readonly tax_rate: string | null;
}

function lineOf(row: LineRow): EmbeddedInvoiceLine {
  return {
    billingScheduleId: row.billing_schedule_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    chargeAmount: amountText(row.charge_amount, row.currency),
    taxAmount: optionalAmount(row.tax_amount, row.currency),
    taxRate: row.tax_rate,
  };
}

function byScheduleThenPeriod(left: EmbeddedInvoiceLine, right: EmbeddedInvoiceLine): number {
  return (
    byCodePoint(left.billingScheduleId, right.billingScheduleId) ||
    byCodePoint(left.periodStart, right.periodStart)
  );
}

/** The run's invoices with their lines: invoices by grouping key, chunk, then id; lines by schedule then period. */
export async function readRunInvoices(readModels: DataSource, runId: string): Promise<EmbeddedInvoice[]> {
  const schema = readModelSchemaOf(readModels);
  const invoices = await readModels.query<InvoiceRow[]>(
    `SELECT invoice_id, grouping_key, chunk_index, billing_account_id, currency, status,
            invoice_date::text AS invoice_date, due_date::text AS due_date, invoice_number,
            subtotal::text AS subtotal, tax_total::text AS tax_total, total::text AS total
       FROM ${qualifiedTable(schema, 'invoices')} WHERE run_id = $1`,
    [runId],
  );
  const lines = await readModels.query<LineRow[]>(
    `SELECT l.invoice_id, l.billing_schedule_id, l.period_start::text AS period_start,
            l.period_end::text AS period_end, l.quantity::text AS quantity, l.unit_price::text AS unit_price,
            l.currency, l.charge_amount::text AS charge_amount, l.tax_amount::text AS tax_amount,
            l.tax_rate::text AS tax_rate
       FROM ${qualifiedTable(schema, 'invoice_lines')} l
       JOIN ${qualifiedTable(schema, 'invoices')} i ON i.invoice_id = l.invoice_id
      WHERE i.run_id = $1`,
    [runId],
  );
  const linesByInvoice = new Map<string, EmbeddedInvoiceLine[]>();
  for (const row of lines) {
    const list = linesByInvoice.get(row.invoice_id) ?? [];
    list.push(lineOf(row));
    linesByInvoice.set(row.invoice_id, list);
  }
  return invoices
    .map((row) => ({
      invoiceId: row.invoice_id,
      groupingKey: row.grouping_key ?? '',
      chunkIndex: row.chunk_index ?? 0,
      billingAccountId: row.billing_account_id,
      currency: row.currency,
      status: row.status,
      invoiceDate: row.invoice_date,
      dueDate: row.due_date,
      invoiceNumber: row.invoice_number,
      subtotal: optionalAmount(row.subtotal, row.currency),
      taxTotal: optionalAmount(row.tax_total, row.currency),
      total: optionalAmount(row.total, row.currency),
      lines: (linesByInvoice.get(row.invoice_id) ?? []).sort(byScheduleThenPeriod),
    }))
    .sort(
      (left, right) =>
        byCodePoint(left.groupingKey, right.groupingKey) ||
        left.chunkIndex - right.chunkIndex ||
        // An invoice whose chunk failed before drafting has no chunk index (read as 0): its deterministic
        // id keeps the order the same on every database and in every mode.
        byCodePoint(left.invoiceId, right.invoiceId),
    );
}

interface ScheduleRow {
  readonly billing_schedule_id: string;
  readonly currency: string;
  readonly status: string;
  readonly invoice_run_processing_status: string;
  readonly next_charge_from_date: string | null;
  readonly next_billing_date: string | null;
  readonly billed_through_date: string | null;
  readonly billed_amount: string;
  readonly pending_amount: string;
}

/** Every billing schedule of the read model, by id. */
export async function readBillingSchedules(readModels: DataSource): Promise<EmbeddedBillingSchedule[]> {
  const rows = await readModels.query<ScheduleRow[]>(
    `SELECT billing_schedule_id, currency, status, invoice_run_processing_status,
            next_charge_from_date::text AS next_charge_from_date, next_billing_date::text AS next_billing_date,
            billed_through_date::text AS billed_through_date, billed_amount::text AS billed_amount,
            pending_amount::text AS pending_amount
       FROM ${qualifiedTable(readModelSchemaOf(readModels), 'billing_schedules')}`,
  );
  return rows
    .map((row) => ({
      id: row.billing_schedule_id,
      status: row.status,
      invoiceRunProcessingStatus: row.invoice_run_processing_status,
      nextChargeFromDate: row.next_charge_from_date,
      nextBillingDate: row.next_billing_date,
      billedThroughDate: row.billed_through_date,
      billedAmount: amountText(row.billed_amount, row.currency),
      pendingAmount: amountText(row.pending_amount, row.currency),
    }))
    .sort((left, right) => byCodePoint(left.id, right.id));
}

interface ErrorLogRow {
  readonly category: string;
  readonly error_code: string;
  readonly message: string;
  readonly primary_record_type: string;
  readonly primary_record_id: string;
  readonly grouping_key: string | null;
}

/**
 * The run's error logs: those about a billing schedule name it; those about the invoice or the run do
 * not. Ordered by grouping key, then schedule (logs about no schedule first), category and code.
 */
export async function readRunErrors(readModels: DataSource, runId: string): Promise<EmbeddedErrorLog[]> {
  const rows = await readModels.query<ErrorLogRow[]>(
    `SELECT category, error_code, message, primary_record_type, primary_record_id, grouping_key
       FROM ${qualifiedTable(readModelSchemaOf(readModels), 'revenue_transaction_error_logs')} WHERE run_id = $1`,
    [runId],
  );
  return rows
    .map((row) => ({
      category: row.category,
      code: row.error_code,
      message: row.message,
      billingScheduleId: row.primary_record_type === 'BillingSchedule' ? row.primary_record_id : null,
      groupingKey: row.grouping_key,
    }))
    .sort(
      (left, right) =>
        byCodePoint(left.groupingKey ?? '', right.groupingKey ?? '') ||
        byCodePoint(left.billingScheduleId ?? '', right.billingScheduleId ?? '') ||
        byCodePoint(left.category, right.category) ||
        byCodePoint(left.code, right.code),
    );
}

import type { InvoiceLine, InvoiceTotals, TaxedInvoiceLine } from '@invoice-engine/invoicing';
import { addMoney, ExactDecimal, type Money } from '@invoice-engine/kernel';
import { upsertRows, type Row, type RowOperation } from '@invoice-engine/read-models';
import { amountColumn } from '../column-values';

export const InvoiceTables = {
  Invoices: 'invoices',
  Lines: 'invoice_lines',
  Taxes: 'invoice_taxes',
} as const;

interface InvoiceEventFacts {
  readonly data: { readonly invoiceId: string };
  readonly position: bigint;
}

/** Overwrites some columns of an invoice's row, guarded by position. */
export function updateInvoice(event: InvoiceEventFacts, columns: Row): RowOperation {
  return upsertRows(
    InvoiceTables.Invoices,
    ['invoice_id'],
    [{ invoice_id: event.data.invoiceId, ...columns, last_position: event.position }],
    'last_position',
  );
}

/** Totals in major units (numeric) and in minor units (bigint), the latter for exact sums. */
export function totalsColumns(totals: InvoiceTotals): Row {
  return {
    subtotal: amountColumn(totals.subtotal),
    tax_total: amountColumn(totals.taxTotal),
    total: amountColumn(totals.total),
    subtotal_minor: totals.subtotal.minorUnits,
    tax_total_minor: totals.taxTotal.minorUnits,
    total_minor: totals.total.minorUnits,
  };
}

function lineColumns(line: InvoiceLine, index: number): Row {
  return {
    line_no: index + 1,
    line_id: line.lineId,
    billing_schedule_id: line.billingScheduleId,
    period_start: line.periodStart,
    period_end: line.periodEnd,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    currency: line.chargeAmount.currency,
    charge_amount: amountColumn(line.chargeAmount),
    tax_code: line.taxCode,
  };
}

/** Lines as recorded when drafting starts: no tax yet. */
export function untaxedLineRows(event: InvoiceEventFacts, lines: readonly InvoiceLine[]): RowOperation {
  const rows = lines.map((line, index) => ({
    invoice_id: event.data.invoiceId,
    ...lineColumns(line, index),
    tax_amount: null,
    tax_rate: null,
    tax_status: null,
    last_position: event.position,
  }));
  return upsertRows(InvoiceTables.Lines, ['invoice_id', 'line_no'], rows, 'last_position');
}

export function taxedLineRows(event: InvoiceEventFacts, lines: readonly TaxedInvoiceLine[]): RowOperation {
  const rows = lines.map((line, index) => ({
    invoice_id: event.data.invoiceId,
    ...lineColumns(line, index),
    tax_amount: amountColumn(line.taxAmount),
    tax_rate: line.taxRate,
    tax_status: line.taxStatus,
    last_position: event.position,
  }));
  return upsertRows(InvoiceTables.Lines, ['invoice_id', 'line_no'], rows, 'last_position');
}

interface TaxTotal {
  readonly taxStatus: string;
  readonly taxCode: string;
  readonly taxRate: string;
  readonly lineCount: number;
  readonly taxable: Money;
  readonly tax: Money;
}

/** Rates as the `numeric` key column compares them, per rate text seen (an invoice repeats a few rates). */
const numericRates = new Map<string, string>();

function numericRate(rate: string): string {
  const known = numericRates.get(rate);
  if (known !== undefined) return known;
  const normalized = new ExactDecimal(rate).toString();
  if (numericRates.size < 10_000) numericRates.set(rate, normalized);
  return normalized;
}

/**
 * One row per tax status, tax code and rate. Rates are compared as numbers ("7.25" = "7.250"), as
 * the `numeric` key column does. Estimated rows stay after posting: the posted rows sit beside them.
 */
export function taxRows(event: InvoiceEventFacts, lines: readonly TaxedInvoiceLine[]): RowOperation {
  const totals = new Map<string, TaxTotal>();
  for (const line of lines) {
    const taxRate = numericRate(line.taxRate);
    const key = `${line.taxStatus}\u0000${line.taxCode}\u0000${taxRate}`;
    const current = totals.get(key);
    totals.set(key, {
      taxStatus: line.taxStatus,
      taxCode: line.taxCode,
      taxRate,
      lineCount: (current?.lineCount ?? 0) + 1,
      taxable: current === undefined ? line.chargeAmount : addMoney(current.taxable, line.chargeAmount),
      tax: current === undefined ? line.taxAmount : addMoney(current.tax, line.taxAmount),
    });
  }
  const rows = [...totals.values()].map((total) => ({
    invoice_id: event.data.invoiceId,
    tax_status: total.taxStatus,
    tax_code: total.taxCode,
    tax_rate: total.taxRate,
    currency: total.taxable.currency,
    line_count: total.lineCount,
    taxable_amount: amountColumn(total.taxable),
    tax_amount: amountColumn(total.tax),
    last_position: event.position,
  }));
  return upsertRows(
    InvoiceTables.Taxes,
    ['invoice_id', 'tax_status', 'tax_code', 'tax_rate'],
    rows,
    'last_position',
  );
}

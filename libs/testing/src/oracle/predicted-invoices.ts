import type { BillablePeriod, BillingSchedule } from '@invoice-engine/billing-schedules';
import {
  applyLineTaxes,
  assembleInvoices,
  invoiceIdOf,
  invoiceTotals,
  taxRequestOf,
  type AssembledInvoice,
  type InvoiceGroup,
  type PaymentTerm,
} from '@invoice-engine/invoicing';
import { sumMoney } from '@invoice-engine/kernel';
import { taxWithRateTable, type TaxRateTable } from '@invoice-engine/tax';
import type { OracleReferenceData, PredictedFailure, PredictedInvoice, RunToPredict } from './run-prediction';

/** A schedule a run bills, with the periods it bills. */
export interface DueSchedule {
  readonly schedule: BillingSchedule;
  readonly periods: readonly BillablePeriod[];
}

/** A schedule without a payment term is due on the invoice date (generation-application's decision). */
const DUE_ON_RECEIPT: PaymentTerm = { id: 'due-on-receipt', dueDays: 0 };

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The invoice of a group that could not be assembled: Error, no lines, no amounts. */
function failedBeforeAssembly(
  run: RunToPredict,
  groupingKey: string,
  due: readonly DueSchedule[],
  failure: PredictedFailure,
): PredictedInvoice {
  const first = due[0]?.schedule.terms;
  if (first === undefined) throw new Error(`group ${groupingKey} has no schedule`);
  return {
    invoiceId: invoiceIdOf(run.runId, groupingKey, 0),
    groupingKey,
    chunkIndex: 0,
    status: 'Error',
    billingAccountId: first.billingAccountId,
    currency: first.currency,
    invoiceDate: run.invoiceDate,
    dueDate: null,
    lines: [],
    subtotal: sumMoney([], first.currency),
    taxTotal: null,
    total: null,
    billingScheduleIds: due.map((entry) => entry.schedule.terms.id),
    failure,
  };
}

function taxedInvoice(run: RunToPredict, invoice: AssembledInvoice, table: TaxRateTable): PredictedInvoice {
  const taxStatus = run.invoiceStatus === 'Posted' ? 'Posted' : 'Estimated';
  const result = taxWithRateTable(table, taxRequestOf(invoice), taxStatus);
  const header = {
    invoiceId: invoice.invoiceId,
    groupingKey: invoice.groupingKey,
    chunkIndex: invoice.chunkIndex,
    billingAccountId: invoice.billingAccountId,
    currency: invoice.currency,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    subtotal: invoice.subtotal,
    billingScheduleIds: distinct(invoice.lines.map((line) => line.billingScheduleId)),
  };
  if (result.outcome === 'Failed') {
    return {
      ...header,
      status: 'Error',
      lines: invoice.lines.map((line) => ({ ...line, taxAmount: null, taxRate: null })),
      taxTotal: null,
      total: null,
      failure: { category: 'TaxCalculation', code: result.failure.code },
    };
  }
  const lines = applyLineTaxes(invoice.invoiceId, invoice.lines, result.lines, taxStatus);
  const totals = invoiceTotals(lines, invoice.currency);
  return {
    ...header,
    status: run.invoiceStatus,
    lines,
    taxTotal: totals.taxTotal,
    total: totals.total,
    failure: null,
  };
}

/**
 * The invoices of one group, by the domain rules alone: lines of every due period (billing-schedules),
 * assembled and split at the line limit (invoicing), taxed by the rate table (tax). The header is the
 * first schedule's in id order; a group that cannot be assembled or taxed yields Error invoices.
 */
export function predictGroupInvoices(
  run: RunToPredict,
  groupingKey: string,
  due: readonly DueSchedule[],
  reference: OracleReferenceData,
  table: TaxRateTable,
): readonly PredictedInvoice[] {
  const ordered = [...due].sort((left, right) => (left.schedule.terms.id < right.schedule.terms.id ? -1 : 1));
  const first = ordered[0]?.schedule.terms;
  if (first === undefined) return [];
  const paymentTerm =
    first.paymentTermId === null
      ? DUE_ON_RECEIPT
      : reference.paymentTerms.find((term) => term.id === first.paymentTermId);
  if (paymentTerm === undefined) {
    return [
      failedBeforeAssembly(run, groupingKey, ordered, {
        category: 'InvoiceGeneration',
        code: 'INVOICE.MISSING_PAYMENT_TERM',
      }),
    ];
  }
  const untaxable =
    ordered.some((entry) => entry.schedule.terms.taxCode === null) || first.billToAddress === null;
  if (untaxable) {
    return [
      failedBeforeAssembly(run, groupingKey, ordered, {
        category: 'InvoiceGeneration',
        code: 'INVOICE_GENERATION.MISSING_TAX_CODE',
      }),
    ];
  }
  const group: InvoiceGroup = {
    runId: run.runId,
    groupingKey,
    invoiceDate: run.invoiceDate,
    currency: first.currency,
    billingAccountId: first.billingAccountId,
    legalEntityId: first.legalEntityId,
    taxEngineId: first.taxEngineId,
    billToAddress: first.billToAddress ?? { country: '', region: null },
    paymentTerm,
    lines: ordered.flatMap(({ schedule, periods }) =>
      periods.map((period) => ({
        ...period,
        billingScheduleId: schedule.terms.id,
        taxCode: schedule.terms.taxCode ?? '',
      })),
    ),
  };
  return assembleInvoices(group, reference.maxLinesPerInvoice).map((invoice) =>
    taxedInvoice(run, invoice, table),
  );
}

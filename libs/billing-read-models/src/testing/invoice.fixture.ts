// Test-only: invoices assembled from a billing schedule's due periods and taken through the real
// invoice decider (worked example 1 of DOMAIN.md at 7.25 %).
import { billablePeriods, type BillingSchedule } from '@invoice-engine/billing-schedules';
import {
  assembleInvoices,
  groupingKeyOf,
  invoiceDecider,
  type AssembledInvoice,
  type InvoiceCommand,
  type InvoiceEvent,
} from '@invoice-engine/invoicing';
import { calendarDate, foldEvents } from '@invoice-engine/kernel';
import { lineTax, type TaxStatus } from '@invoice-engine/tax';

export function invoiceHistory(...commands: readonly InvoiceCommand[]): InvoiceEvent[] {
  return commands.reduce<InvoiceEvent[]>(
    (events, command) => [...events, ...invoiceDecider.decide(command, foldEvents(invoiceDecider, events))],
    [],
  );
}

/** The invoice a run makes of everything the schedule has due by the target date. */
export function invoiceFor(schedule: BillingSchedule, runId: string, targetDate: string): AssembledInvoice {
  const { terms } = schedule;
  const periods = billablePeriods(terms, schedule, calendarDate(targetDate), null);
  const [invoice] = assembleInvoices({
    runId,
    groupingKey: groupingKeyOf({ ...terms, billingScheduleId: terms.id }),
    invoiceDate: calendarDate(targetDate),
    currency: terms.currency,
    billingAccountId: terms.billingAccountId,
    legalEntityId: terms.legalEntityId,
    taxEngineId: terms.taxEngineId,
    billToAddress: terms.billToAddress ?? { country: 'US', region: null },
    paymentTerm: { id: terms.paymentTermId ?? 'net-30', dueDays: 30 },
    lines: periods.map((period) => ({
      ...period,
      billingScheduleId: terms.id,
      taxCode: terms.taxCode ?? 'SW',
    })),
  });
  if (invoice === undefined) throw new Error('Nothing is due');
  return invoice;
}

export function lineTaxesAt725(invoice: AssembledInvoice, taxStatus: TaxStatus) {
  return invoice.lines.map((line) => ({
    lineId: line.lineId,
    taxAmount: lineTax(line.chargeAmount, '0.0725'),
    rate: '0.0725',
    taxCode: line.taxCode,
    taxStatus,
  }));
}

/** Drafted, then posted with number `INV-1001` on 2026-03-02. */
export function postedInvoiceHistory(invoice: AssembledInvoice): InvoiceEvent[] {
  const invoiceId = invoice.invoiceId;
  return invoiceHistory(
    { type: 'StartInvoiceGeneration', invoice },
    { type: 'RecordInvoiceDraft', invoiceId, lineTaxes: lineTaxesAt725(invoice, 'Estimated') },
    { type: 'StartInvoicePosting', invoiceId },
    {
      type: 'PostInvoice',
      invoiceId,
      lineTaxes: lineTaxesAt725(invoice, 'Posted'),
      invoiceNumber: 'INV-1001',
      postedDate: calendarDate('2026-03-02'),
    },
  );
}

export const taxFailure = {
  category: 'TaxCalculation',
  code: 'TAX.RATE_NOT_FOUND',
  message: 'No rate for tax code SW in FR on 2026-03-01',
} as const;

/** A group that failed before its invoice was recorded. */
export function invoiceFailedWhilePending(invoiceId: string, runId: string): InvoiceEvent[] {
  return invoiceHistory({
    type: 'FailInvoiceGeneration',
    invoiceId,
    runId,
    groupingKey: 'schedule=bs-9',
    billingScheduleIds: ['bs-9'],
    cause: taxFailure,
  });
}

/** Drafting started, then the draft was canceled by a recovery. */
export function canceledInvoiceHistory(invoice: AssembledInvoice): InvoiceEvent[] {
  return invoiceHistory(
    { type: 'StartInvoiceGeneration', invoice },
    { type: 'CancelInvoice', invoiceId: invoice.invoiceId, reason: 'Recovery run recovery-1' },
  );
}

/* Test fixtures for the invoice specs (not exported from the lib): worked example 1 of DOMAIN.md. */
import {
  calendarDate,
  currencyCode,
  DomainError,
  foldEvents,
  parseMoney,
  type CurrencyCode,
} from '@invoice-engine/kernel';
import { lineTax, type TaxedLine, type TaxStatus } from '@invoice-engine/tax';
import { assembleInvoices, type AssembledInvoice, type InvoiceGroup } from '../assembly/invoice-assembly';
import type { InvoiceLineCandidate } from '../assembly/invoice-line';
import type { InvoiceCommand } from './invoice-commands';
import { invoiceDecider } from './invoice-decider';
import type { InvoiceEvent } from './invoice-events';

export const usd = currencyCode('USD');

export function line(
  billingScheduleId: string,
  periodStart: string,
  periodEnd: string,
  chargeAmount: string,
  currency: CurrencyCode = usd,
): InvoiceLineCandidate {
  return {
    billingScheduleId,
    periodStart: calendarDate(periodStart),
    periodEnd: calendarDate(periodEnd),
    quantity: '2',
    unitPrice: '100.00',
    chargeAmount: parseMoney(chargeAmount, currency),
    taxCode: 'STANDARD',
  };
}

/** Worked example 1: monthly, Advance, start 2026-01-15, target 2026-03-01. */
export function workedExampleGroup(overrides: Partial<InvoiceGroup> = {}): InvoiceGroup {
  return {
    runId: 'run-1',
    groupingKey:
      'account=ACC-1|contact=|currency=USD|paymentTerm=NET30|taxEngine=|legalEntity=|paymentMethod=',
    invoiceDate: calendarDate('2026-03-01'),
    currency: usd,
    billingAccountId: 'ACC-1',
    legalEntityId: null,
    taxEngineId: null,
    billToAddress: { country: 'US', region: 'CA' },
    paymentTerm: { id: 'NET30', dueDays: 30 },
    lines: [
      line('BS-1', '2026-03-01', '2026-03-31', '200.00'),
      line('BS-1', '2026-01-15', '2026-01-31', '109.68'),
      line('BS-1', '2026-02-01', '2026-02-28', '200.00'),
    ],
    ...overrides,
  };
}

export function workedExampleInvoice(): AssembledInvoice {
  const [invoice] = assembleInvoices(workedExampleGroup());
  if (invoice === undefined) throw new Error('worked example 1 makes one invoice');
  return invoice;
}

/** Line taxes at 7.25 %, as the rate-table engine would answer. */
export function taxesAt725(invoice: AssembledInvoice, taxStatus: TaxStatus): readonly TaxedLine[] {
  return invoice.lines.map((invoiceLine) => ({
    lineId: invoiceLine.lineId,
    taxAmount: lineTax(invoiceLine.chargeAmount, '0.0725'),
    rate: '0.0725',
    taxCode: invoiceLine.taxCode,
    taxStatus,
  }));
}

export const failureCause = {
  category: 'TaxCalculation',
  code: 'TAX.RATE_NOT_FOUND',
  message: 'No rate for tax code STANDARD in FR on 2026-03-01',
} as const;

/** The commands of an invoice's life, in order, for the worked example invoice. */
export function lifeOf(invoice: AssembledInvoice) {
  const invoiceId = invoice.invoiceId;
  return {
    start: { type: 'StartInvoiceGeneration', invoice } as const,
    draft: { type: 'RecordInvoiceDraft', invoiceId, lineTaxes: taxesAt725(invoice, 'Estimated') } as const,
    startPosting: { type: 'StartInvoicePosting', invoiceId } as const,
    post: {
      type: 'PostInvoice',
      invoiceId,
      lineTaxes: taxesAt725(invoice, 'Posted'),
      invoiceNumber: 'INV-000042',
      postedDate: calendarDate('2026-03-02'),
    } as const,
    fail: {
      type: 'FailInvoiceGeneration',
      invoiceId,
      runId: invoice.runId,
      groupingKey: invoice.groupingKey,
      billingScheduleIds: ['BS-1'],
      cause: failureCause,
    } as const,
    cancel: { type: 'CancelInvoice', invoiceId, reason: 'Recovery run run-2' } as const,
  } satisfies Record<string, InvoiceCommand>;
}

/** Given the events the commands produce, in order (the history of a stream). */
export function historyOf(commands: readonly InvoiceCommand[]): readonly InvoiceEvent[] {
  return commands.reduce<readonly InvoiceEvent[]>(
    (events, command) => [...events, ...invoiceDecider.decide(command, foldEvents(invoiceDecider, events))],
    [],
  );
}

/** When `command` is handled after `history`: the new events. */
export function decideAfter(
  history: readonly InvoiceEvent[],
  command: InvoiceCommand,
): readonly InvoiceEvent[] {
  return invoiceDecider.decide(command, foldEvents(invoiceDecider, history));
}

/** The code of the DomainError an action throws (fails the test when it throws nothing). */
export function errorCodeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

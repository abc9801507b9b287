import { addMoney, DomainError, sumMoney, type CurrencyCode, type Money } from '@invoice-engine/kernel';
import type { TaxedLine, TaxRequest, TaxStatus } from '@invoice-engine/tax';
import type { AssembledInvoice } from './invoice-assembly';
import type { InvoiceLine, TaxedInvoiceLine } from './invoice-line';

export interface InvoiceTotals {
  readonly subtotal: Money;
  readonly taxTotal: Money;
  readonly total: Money;
}

/** The tax engine request for an invoice: one request line per invoice line, same line ids. */
export function taxRequestOf(invoice: AssembledInvoice): TaxRequest {
  return {
    invoiceId: invoice.invoiceId,
    invoiceDate: invoice.invoiceDate,
    currency: invoice.currency,
    billToAddress: invoice.billToAddress,
    lines: invoice.lines.map((line) => ({
      lineId: line.lineId,
      taxCode: line.taxCode,
      chargeAmount: line.chargeAmount,
    })),
  };
}

/**
 * Puts the engine's line taxes on the invoice lines. Every line needs exactly one tax of the expected
 * status, tax code and currency; anything else is a broken engine answer, not a zero tax.
 */
export function applyLineTaxes(
  invoiceId: string,
  lines: readonly InvoiceLine[],
  taxes: readonly TaxedLine[],
  expectedStatus: TaxStatus,
): readonly TaxedInvoiceLine[] {
  const byLineId = new Map(taxes.map((tax) => [tax.lineId, tax]));
  if (byLineId.size !== taxes.length || taxes.length !== lines.length) {
    throw taxMismatch(
      invoiceId,
      `${taxes.length} line taxes (distinct: ${byLineId.size}) for ${lines.length} lines`,
    );
  }
  return lines.map((line) => {
    const tax = byLineId.get(line.lineId);
    if (tax === undefined) throw taxMismatch(invoiceId, `no tax for line ${line.lineId}`);
    if (tax.taxStatus !== expectedStatus) {
      throw taxMismatch(
        invoiceId,
        `line ${line.lineId} has ${tax.taxStatus} tax where ${expectedStatus} is due`,
      );
    }
    if (tax.taxCode !== line.taxCode || tax.taxAmount.currency !== line.chargeAmount.currency) {
      throw taxMismatch(
        invoiceId,
        `line ${line.lineId} was taxed as ${tax.taxCode} in ${tax.taxAmount.currency}`,
      );
    }
    return { ...line, taxAmount: tax.taxAmount, taxRate: tax.rate, taxStatus: tax.taxStatus };
  });
}

/** Subtotal = sum of charges, tax total = sum of line taxes, total = subtotal + tax total. */
export function invoiceTotals(lines: readonly TaxedInvoiceLine[], currency: CurrencyCode): InvoiceTotals {
  const subtotal = sumMoney(
    lines.map((line) => line.chargeAmount),
    currency,
  );
  const taxTotal = sumMoney(
    lines.map((line) => line.taxAmount),
    currency,
  );
  return { subtotal, taxTotal, total: addMoney(subtotal, taxTotal) };
}

function taxMismatch(invoiceId: string, problem: string): DomainError {
  return new DomainError(
    'INVOICE.TAX_LINES_MISMATCH',
    'validation',
    `Taxes for invoice ${invoiceId}: ${problem}`,
  );
}

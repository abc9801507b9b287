import type { CalendarDate, Money } from '@invoice-engine/kernel';
import type { TaxStatus } from '@invoice-engine/tax';

/**
 * One billable period of one billing schedule, as the application layer maps it from the billing
 * schedules context (this lib does not import it). `quantity` and `unitPrice` are decimal strings;
 * `chargeAmount` is already rounded to the currency's minor unit (the line rounding step).
 */
export interface InvoiceLineCandidate {
  readonly billingScheduleId: string;
  readonly periodStart: CalendarDate;
  readonly periodEnd: CalendarDate;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly chargeAmount: Money;
  readonly taxCode: string;
}

/** A line placed on an invoice, with an id derived from the invoice, schedule and period. */
export interface InvoiceLine extends InvoiceLineCandidate {
  readonly lineId: string;
}

/** A line with its tax: estimated on a draft, actual once posted. `taxRate` is a decimal string. */
export interface TaxedInvoiceLine extends InvoiceLine {
  readonly taxAmount: Money;
  readonly taxRate: string;
  readonly taxStatus: TaxStatus;
}

/** Lines in invoice order: billing schedule id, then period start (code-unit order, not locale). */
export function compareInvoiceLines(left: InvoiceLineCandidate, right: InvoiceLineCandidate): number {
  if (left.billingScheduleId !== right.billingScheduleId) {
    return left.billingScheduleId < right.billingScheduleId ? -1 : 1;
  }
  return left.periodStart < right.periodStart ? -1 : left.periodStart > right.periodStart ? 1 : 0;
}

import { calendarDate, currencyCode, parseMoney } from '@invoice-engine/kernel';
import type { BillingScheduleTerms } from './terms';

/**
 * The schedule of DOMAIN.md's worked examples (USD 100.00 per month, quantity 2, monthly, Advance,
 * anchor 1, from 2026-01-15), overridable field by field. Test-only.
 */
export function someTerms(overrides: Partial<BillingScheduleTerms> = {}): BillingScheduleTerms {
  return {
    id: 'bs-1',
    billingScheduleGroupId: null,
    billingAccountId: 'acct-1',
    billToContactId: 'contact-1',
    currency: currencyCode('USD'),
    paymentTermId: 'net-30',
    legalEntityId: 'le-1',
    taxEngineId: 'built-in',
    taxCode: 'SW',
    billToAddress: { country: 'US', region: 'CA' },
    savedPaymentMethodId: null,
    invoiceGroupType: 'Default',
    customInvoiceGroupKey: null,
    billingBatch: null,
    chargeType: 'Recurring',
    billingMethod: 'Evergreen',
    billingType: 'Advance',
    billingTermUnit: 'Month',
    billingTerm: 1,
    pricingTermUnit: 'Month',
    billDayOfMonth: 1,
    partialPeriodTreatment: 'Separate',
    remainderStrategy: 'AddToLast',
    unitPrice: '100.00',
    quantity: '2',
    totalAmount: null,
    startDate: calendarDate('2026-01-15'),
    endDate: null,
    cancellationDate: null,
    suspension: null,
    activated: true,
    holdBilling: false,
    generateInvoice: true,
    ...overrides,
  };
}

export const d = calendarDate;
export const usd = (amount: string) => parseMoney(amount, currencyCode('USD'));

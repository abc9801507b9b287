import { calendarDate, currencyCode } from '@invoice-engine/kernel';
import type { BillingScheduleTerms } from './terms';

/**
 * The schedule of DOMAIN.md's worked example 1 (USD 100.00 per month, quantity 2, monthly, Advance,
 * anchor 1, from 2026-01-15), overridable field by field: the one example schedule every library's
 * specs and test fixtures start from. It lives here rather than in `@invoice-engine/testing` because
 * the module boundaries let every library depend on a domain library, and none on the testing one.
 */
export function workedExampleTerms(overrides: Partial<BillingScheduleTerms> = {}): BillingScheduleTerms {
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

import type { BillingScheduleSnapshot } from '@invoice-engine/billing-read-models';
import {
  stateFromStart,
  type BillingScheduleState,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import { calendarDate, currencyCode } from '@invoice-engine/kernel';

/** USD 100.00 per month, quantity 2, monthly in advance from 2026-01-01 on the 1st. Test-only. */
export function scheduleTerms(overrides: Partial<BillingScheduleTerms> = {}): BillingScheduleTerms {
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
    startDate: calendarDate('2026-01-01'),
    endDate: null,
    cancellationDate: null,
    suspension: null,
    activated: true,
    holdBilling: false,
    generateInvoice: true,
    ...overrides,
  };
}

/** A read-model snapshot of a schedule; its state derived from the start unless given. */
export function scheduleSnapshot(
  overrides: Partial<BillingScheduleTerms> = {},
  state?: (terms: BillingScheduleTerms) => BillingScheduleState,
): BillingScheduleSnapshot {
  const terms = scheduleTerms(overrides);
  const scheduleState = state ? state(terms) : stateFromStart(terms);
  return { billingScheduleId: terms.id, schedule: { ...scheduleState, terms }, revision: 0n };
}

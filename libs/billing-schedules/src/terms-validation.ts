import { DomainError, isBefore, isOnOrBefore } from '@invoice-engine/kernel';
import type { BillingScheduleTerms } from './terms';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function invalid(code: string, message: string): DomainError {
  return new DomainError(`BILLING_SCHEDULE.${code}`, 'validation', message);
}

/**
 * Rejects terms the engine cannot bill, with a stable code. Missing unit price or start date are not
 * invalid: they are eligibility reasons a run reports (DOMAIN.md section 3).
 */
export function validateTerms(terms: BillingScheduleTerms): void {
  validateCharging(terms);
  validateAmounts(terms);
  validateDates(terms);
}

function validateCharging(terms: BillingScheduleTerms): void {
  if (!Number.isInteger(terms.billingTerm) || terms.billingTerm < 1 || terms.billingTerm > 1200) {
    throw invalid('INVALID_BILLING_TERM', `billingTerm must be an integer 1..1200, got ${terms.billingTerm}`);
  }
  const anchor = terms.billDayOfMonth;
  if (anchor !== null && (!Number.isInteger(anchor) || anchor < 1 || anchor > 31)) {
    throw invalid('INVALID_BILL_DAY_OF_MONTH', `billDayOfMonth must be an integer 1..31, got ${anchor}`);
  }
  if (
    terms.chargeType !== 'OneTime' &&
    (terms.billingTermUnit === 'OneTime' || terms.pricingTermUnit === 'OneTime')
  ) {
    throw invalid(
      'INVALID_TERM_UNIT',
      `a ${terms.chargeType} charge needs a billing and pricing term of Month, Quarter, SemiAnnual or Year`,
    );
  }
  if (terms.invoiceGroupType === 'Custom' && terms.customInvoiceGroupKey === null) {
    throw invalid(
      'MISSING_CUSTOM_INVOICE_GROUP_KEY',
      'a Custom invoice group type needs a customInvoiceGroupKey',
    );
  }
}

function validateAmounts(terms: BillingScheduleTerms): void {
  if (terms.unitPrice !== null && !DECIMAL.test(terms.unitPrice)) {
    throw invalid('INVALID_UNIT_PRICE', `unitPrice "${terms.unitPrice}" is not a decimal number`);
  }
  if (!DECIMAL.test(terms.quantity)) {
    throw invalid('INVALID_QUANTITY', `quantity "${terms.quantity}" is not a decimal number`);
  }
  if (terms.billingMethod !== 'OrderAmount') return;
  if (terms.totalAmount === null) {
    throw invalid('MISSING_TOTAL_AMOUNT', 'an OrderAmount schedule needs a totalAmount');
  }
  if (terms.totalAmount.currency !== terms.currency) {
    throw invalid(
      'CURRENCY_MISMATCH',
      `totalAmount is in ${terms.totalAmount.currency}, not ${terms.currency}`,
    );
  }
  if (terms.endDate === null && terms.cancellationDate === null) {
    throw invalid(
      'ORDER_AMOUNT_WITHOUT_END_DATE',
      'an OrderAmount schedule needs an end date or a cancellation date',
    );
  }
}

function validateDates(terms: BillingScheduleTerms): void {
  if (terms.startDate !== null && terms.endDate !== null && isBefore(terms.endDate, terms.startDate)) {
    throw invalid('END_BEFORE_START', `endDate ${terms.endDate} is before startDate ${terms.startDate}`);
  }
  const suspension = terms.suspension;
  if (
    suspension !== null &&
    suspension.resumeOn !== null &&
    isOnOrBefore(suspension.resumeOn, suspension.from)
  ) {
    throw invalid('INVALID_SUSPENSION', `resumeOn ${suspension.resumeOn} is not after ${suspension.from}`);
  }
}

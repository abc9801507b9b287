import type { CalendarDate, CurrencyCode, Money } from '@invoice-engine/kernel';

export type InvoiceGroupType = 'Default' | 'BillingSchedule' | 'Custom';
export type ChargeType = 'OneTime' | 'Recurring' | 'Usage';
export type BillingMethod = 'Evergreen' | 'OrderAmount';
export type BillingType = 'Advance' | 'Arrears';
export type BillingTermUnit = 'Month' | 'Quarter' | 'SemiAnnual' | 'Year' | 'OneTime';
/** The term a unit price is quoted for. `OneTime` only makes sense for one-time charges. */
export type PricingTermUnit = BillingTermUnit;
export type PartialPeriodTreatment = 'Separate' | 'Combine';
export type RemainderStrategy = 'AddToLast' | 'AddToFirst';

/**
 * A decimal number as a string (`"100.00"`, `"0.0125"`, `"1.5"`), read with kernel `ExactDecimal`.
 * Unit prices and quantities use it because they may carry more digits than the currency's minor unit;
 * only a line's charge amount is rounded to money.
 */
export type DecimalString = string;

export interface BillToAddress {
  readonly country: string;
  readonly region: string | null;
}

/** The suspension window [from, resumeOn): no service from `from`; `resumeOn` null = until resumed. */
export interface Suspension {
  readonly from: CalendarDate;
  readonly resumeOn: CalendarDate | null;
}

/**
 * What to bill for one sold item (DOMAIN.md section 1): identity and grouping, charging, dates and
 * flags. The schedule's progress lives in `BillingScheduleState`.
 */
export interface BillingScheduleTerms {
  readonly id: string;
  readonly billingScheduleGroupId: string | null;
  readonly billingAccountId: string;
  readonly billToContactId: string | null;
  readonly currency: CurrencyCode;
  readonly paymentTermId: string | null;
  readonly legalEntityId: string | null;
  readonly taxEngineId: string | null;
  readonly taxCode: string | null;
  readonly billToAddress: BillToAddress | null;
  readonly savedPaymentMethodId: string | null;
  readonly invoiceGroupType: InvoiceGroupType;
  readonly customInvoiceGroupKey: string | null;
  /** A label runs can filter on; null is a value of its own. */
  readonly billingBatch: string | null;

  readonly chargeType: ChargeType;
  readonly billingMethod: BillingMethod;
  readonly billingType: BillingType;
  readonly billingTermUnit: BillingTermUnit;
  /** 1..1200 billing term units per period. */
  readonly billingTerm: number;
  readonly pricingTermUnit: PricingTermUnit;
  /** The anchor day 1..31; null = the start date's day. */
  readonly billDayOfMonth: number | null;
  readonly partialPeriodTreatment: PartialPeriodTreatment;
  readonly remainderStrategy: RemainderStrategy;
  /** Price per pricing term; null = missing (an eligibility reason, not invalid input). */
  readonly unitPrice: DecimalString | null;
  readonly quantity: DecimalString;
  /** The amount an OrderAmount schedule spreads over its periods; null for Evergreen. */
  readonly totalAmount: Money | null;

  /** Null = missing (an eligibility reason, not invalid input). */
  readonly startDate: CalendarDate | null;
  /** Last day of service; null = evergreen. */
  readonly endDate: CalendarDate | null;
  /** First day without service. */
  readonly cancellationDate: CalendarDate | null;
  readonly suspension: Suspension | null;

  readonly activated: boolean;
  readonly holdBilling: boolean;
  /** The billing rule's "Generate Invoice"; false = processing status WillNotInvoice. */
  readonly generateInvoice: boolean;
}

const MONTHS: Record<Exclude<BillingTermUnit, 'OneTime'>, number> = {
  Month: 1,
  Quarter: 3,
  SemiAnnual: 6,
  Year: 12,
};

/** Months in a term unit; null for `OneTime`, which has no length. */
export function monthsIn(unit: BillingTermUnit): number | null {
  return unit === 'OneTime' ? null : MONTHS[unit];
}

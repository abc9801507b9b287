// class-transformer's @Type reads design types through reflect-metadata when the class is declared.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BILLING_METHODS,
  BILLING_TERM_UNITS,
  BILLING_TYPES,
  CHARGE_TYPES,
  INVOICE_GROUP_TYPES,
  PARTIAL_PERIOD_TREATMENTS,
  REMAINDER_STRATEGIES,
  type BillingMethod,
  type BillingTermUnit,
  type BillingType,
  type ChargeType,
  type InvoiceGroupType,
  type PartialPeriodTreatment,
  type RemainderStrategy,
} from '../../billing-vocabulary';
import { IsCalendarDate } from '../../fields/calendar-date';
import { IsCurrency } from '../../fields/currency';
import { IsAfterDate, IsOnOrAfterDate } from '../../fields/date-order';
import { IsUnsignedDecimalString } from '../../fields/decimal';
import { IsIdentifier } from '../../fields/identifier';
import { IsMoneyAmount } from '../../fields/money-amount';
import { Nullable, NullableUnless } from '../../fields/nullable';
import { BillToAddress } from '../bill-to-address';

/** The window [from, resumeOn) without service; `resumeOn` null = until a `Resumed` event. */
export class Suspension {
  @IsCalendarDate()
  from!: string;

  @Nullable()
  @IsCalendarDate()
  @IsAfterDate('from')
  resumeOn!: string | null;
}

/**
 * The terms of a billing schedule as another service publishes them (DOMAIN.md section 1: identity and
 * grouping, charging, dates, flags). The schedule's state (statuses, next dates, billed and pending
 * amounts) is not accepted from outside: the engine derives it.
 */
export class BillingScheduleTerms {
  @Nullable()
  @IsIdentifier()
  billingScheduleGroupId!: string | null;

  @IsIdentifier()
  billingAccountId!: string;

  @Nullable()
  @IsIdentifier()
  billToContactId!: string | null;

  @IsCurrency()
  currency!: string;

  @Nullable()
  @IsIdentifier()
  paymentTermId!: string | null;

  @Nullable()
  @IsIdentifier()
  legalEntityId!: string | null;

  @Nullable()
  @IsIdentifier()
  taxEngineId!: string | null;

  @Nullable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  taxCode!: string | null;

  @Nullable()
  @IsObject()
  @ValidateNested()
  @Type(() => BillToAddress)
  billToAddress!: BillToAddress | null;

  @Nullable()
  @IsIdentifier()
  savedPaymentMethodId!: string | null;

  @IsIn(INVOICE_GROUP_TYPES)
  invoiceGroupType!: InvoiceGroupType;

  @NullableUnless(
    (terms: BillingScheduleTerms) => terms.invoiceGroupType === 'Custom',
    'when invoiceGroupType is Custom',
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  customInvoiceGroupKey!: string | null;

  /** A label runs can filter on; null is a value of its own. */
  @Nullable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  billingBatch!: string | null;

  @IsIn(CHARGE_TYPES)
  chargeType!: ChargeType;

  @IsIn(BILLING_METHODS)
  billingMethod!: BillingMethod;

  @IsIn(BILLING_TYPES)
  billingType!: BillingType;

  @IsIn(BILLING_TERM_UNITS)
  billingTermUnit!: BillingTermUnit;

  @IsInt()
  @Min(1)
  @Max(1200)
  billingTerm!: number;

  @IsIn(BILLING_TERM_UNITS)
  pricingTermUnit!: BillingTermUnit;

  /** The anchor day; null = the start date's day. */
  @Nullable()
  @IsInt()
  @Min(1)
  @Max(31)
  billDayOfMonth!: number | null;

  @IsIn(PARTIAL_PERIOD_TREATMENTS)
  partialPeriodTreatment!: PartialPeriodTreatment;

  @IsIn(REMAINDER_STRATEGIES)
  remainderStrategy!: RemainderStrategy;

  /**
   * Price per pricing term, a decimal string that may have more digits than the currency (a usage
   * price of "0.0125"); only line amounts are rounded to money. Null = missing (an eligibility reason).
   */
  @Nullable()
  @IsUnsignedDecimalString()
  unitPrice!: string | null;

  @IsUnsignedDecimalString()
  quantity!: string;

  /** What an OrderAmount schedule spreads over its periods; null for Evergreen. */
  @NullableUnless(
    (terms: BillingScheduleTerms) => terms.billingMethod === 'OrderAmount',
    'when billingMethod is OrderAmount',
  )
  @IsMoneyAmount('currency')
  totalAmount!: string | null;

  /** Null = missing (an eligibility reason, not invalid input). */
  @Nullable()
  @IsCalendarDate()
  startDate!: string | null;

  /** Last day of service; null = evergreen. OrderAmount needs it, or a cancellation date. */
  @NullableUnless(
    (terms: BillingScheduleTerms) => terms.billingMethod === 'OrderAmount' && terms.cancellationDate === null,
    'when billingMethod is OrderAmount and there is no cancellationDate',
  )
  @IsCalendarDate()
  @IsOnOrAfterDate('startDate')
  endDate!: string | null;

  /** First day without service. */
  @Nullable()
  @IsCalendarDate()
  cancellationDate!: string | null;

  @Nullable()
  @IsObject()
  @ValidateNested()
  @Type(() => Suspension)
  suspension!: Suspension | null;

  @IsBoolean()
  activated!: boolean;

  @IsBoolean()
  holdBilling!: boolean;

  /** The billing rule's "Generate Invoice"; false = processing status WillNotInvoice. */
  @IsBoolean()
  generateInvoice!: boolean;
}

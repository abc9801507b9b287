import type { BillingScheduleTerms } from '@invoice-engine/billing-schedules';
import {
  addDays,
  addMonths,
  assertNever,
  money,
  minorUnitDigits,
  type CalendarDate,
  type CurrencyCode,
} from '@invoice-engine/kernel';
import type { SeededRandom } from './seeded-random';

/** What is sold: the charging fields of a schedule. */
export type ScheduleKind =
  'Monthly' | 'Quarterly' | 'SemiAnnual' | 'Annual' | 'OneTime' | 'OrderAmount' | 'Usage';

export const SCHEDULE_KINDS: readonly (readonly [ScheduleKind, number])[] = [
  ['Monthly', 0.5],
  ['Quarterly', 0.15],
  ['SemiAnnual', 0.04],
  ['Annual', 0.12],
  ['OneTime', 0.1],
  ['OrderAmount', 0.08],
  ['Usage', 0.01],
];

type Charge = Pick<
  BillingScheduleTerms,
  | 'chargeType'
  | 'billingMethod'
  | 'billingType'
  | 'billingTermUnit'
  | 'billingTerm'
  | 'pricingTermUnit'
  | 'unitPrice'
  | 'quantity'
  | 'totalAmount'
  | 'endDate'
>;

/** A unit price with the currency's minor digits (JPY has none). */
function unitPrice(random: SeededRandom, currency: CurrencyCode): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(random.integer(500, 50_000));
  const cents = random.integer(500, 50_000);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function chargeOf(
  kind: ScheduleKind,
  random: SeededRandom,
  currency: CurrencyCode,
  startDate: CalendarDate,
): Charge {
  const recurring = {
    chargeType: 'Recurring' as const,
    billingMethod: 'Evergreen' as const,
    billingType: random.chance(0.6) ? ('Advance' as const) : ('Arrears' as const),
    billingTerm: 1,
    pricingTermUnit: 'Month' as const,
    unitPrice: unitPrice(random, currency),
    quantity: random.pick(['1', '1', '2', '3', '5', '2.5']),
    totalAmount: null,
    endDate: null,
  };
  switch (kind) {
    case 'Monthly':
      return { ...recurring, billingTermUnit: 'Month' };
    case 'Quarterly':
      return { ...recurring, billingTermUnit: 'Quarter' };
    case 'SemiAnnual':
      return { ...recurring, billingTermUnit: 'SemiAnnual' };
    case 'Annual':
      return {
        ...recurring,
        billingTermUnit: 'Year',
        pricingTermUnit: random.chance(0.5) ? 'Year' : 'Month',
      };
    case 'OneTime':
      return { ...recurring, chargeType: 'OneTime', billingTermUnit: 'OneTime', pricingTermUnit: 'OneTime' };
    case 'OrderAmount': {
      const minor = BigInt(random.integer(10_000, 2_000_000));
      return {
        ...recurring,
        billingMethod: 'OrderAmount',
        billingTermUnit: 'Month',
        totalAmount: money(minor, currency),
        endDate: addDays(addMonths(startDate, 12), -1),
      };
    }
    case 'Usage':
      return { ...recurring, chargeType: 'Usage', billingTermUnit: 'Month' };
    default:
      return assertNever(kind, 'schedule kind');
  }
}

/** The cases a run excludes or bills partly, each with a reason of DOMAIN.md section 3 in mind. */
export type SpecialCase =
  | 'InvoicingDisabled'
  | 'NotActivated'
  | 'OnHold'
  | 'MissingUnitPrice'
  | 'MissingStartDate'
  | 'CancelledAtStart'
  | 'CancellationCutsBilling'
  | 'SuspendedAroundAsOf'
  | 'EndsAfterAFewPeriods';

export const SPECIAL_CASES: readonly (readonly [SpecialCase, number])[] = [
  ['InvoicingDisabled', 0.18],
  ['NotActivated', 0.18],
  ['OnHold', 0.2],
  ['MissingUnitPrice', 0.05],
  ['MissingStartDate', 0.04],
  ['CancelledAtStart', 0.05],
  ['CancellationCutsBilling', 0.1],
  ['SuspendedAroundAsOf', 0.08],
  ['EndsAfterAFewPeriods', 0.12],
];

export function specialCaseTerms(
  terms: BillingScheduleTerms,
  special: SpecialCase,
  random: SeededRandom,
  asOf: CalendarDate,
): BillingScheduleTerms {
  switch (special) {
    case 'InvoicingDisabled':
      return { ...terms, generateInvoice: false };
    case 'NotActivated':
      return { ...terms, activated: false };
    case 'OnHold':
      return { ...terms, holdBilling: true };
    case 'MissingUnitPrice':
      return terms.billingMethod === 'OrderAmount' ? terms : { ...terms, unitPrice: null };
    case 'MissingStartDate':
      return terms.billingMethod === 'OrderAmount' ? terms : { ...terms, startDate: null };
    case 'CancelledAtStart':
      return { ...terms, cancellationDate: terms.startDate };
    case 'CancellationCutsBilling':
      return terms.startDate === null
        ? terms
        : { ...terms, cancellationDate: addDays(terms.startDate, random.integer(20, 300)) };
    case 'SuspendedAroundAsOf':
      return {
        ...terms,
        suspension: { from: addDays(asOf, -random.integer(5, 60)), resumeOn: addDays(asOf, 40) },
      };
    case 'EndsAfterAFewPeriods':
      return terms.startDate === null || terms.billingMethod === 'OrderAmount'
        ? terms
        : { ...terms, endDate: addDays(terms.startDate, random.integer(45, 400)) };
    default:
      return assertNever(special, 'special case');
  }
}

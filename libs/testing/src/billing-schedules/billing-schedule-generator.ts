import type { BillingScheduleTerms } from '@invoice-engine/billing-schedules';
import { addDays, type CalendarDate } from '@invoice-engine/kernel';
import { billingAccountProfile, type BillingAccountProfile } from './billing-account-profile';
import { chargeOf, SCHEDULE_KINDS, specialCaseTerms, SPECIAL_CASES } from './schedule-variations';
import { SeededRandom } from './seeded-random';
import { REDUCED_TAX_CODE, STANDARD_TAX_CODE, UNRATED_TAX_CODE } from './reference-data';

export interface ScheduleGenerationOptions {
  readonly seed: number;
  readonly schedules: number;
  /** Billing accounts the schedules are spread over, in contiguous blocks (default: one per 10 schedules). */
  readonly accounts?: number;
  /** Prefix of schedule and account ids; ids sort in generation order. */
  readonly idPrefix: string;
  /** The date the data set is built around: start dates fall from 13 months before to a month after. */
  readonly asOf: CalendarDate;
  /** Every schedule's billing batch (runs can select a data set by it). */
  readonly billingBatch?: string | null;
  /** Account indexes whose schedules carry a tax code without a rate: their groups fail tax. */
  readonly unratedAccounts?: readonly number[];
  /** Share of schedules given one of the exclusion cases (on hold, not activated, …); default 0.15. */
  readonly specialCaseShare?: number;
}

/** Schedules per Default grouping key when `accounts` is not given. */
export const SCHEDULES_PER_GROUP = 10;

/**
 * Generates `schedules` billing schedules deterministically from the seed (schedule i depends only on
 * the seed, i and the account it falls in), lazily, so a million can be streamed into the event store:
 * 3 currencies, Advance and Arrears, monthly / quarterly / semi-annual / annual / one-time and
 * order-amount charges, stubs (anchor days that differ from the start day, Combine and Separate), and
 * schedules that runs exclude (on hold, not activated, invoicing disabled, no price, no start date,
 * cancelled, suspended, usage, not due yet).
 */
export function* generateBillingSchedules(
  options: ScheduleGenerationOptions,
): Generator<BillingScheduleTerms> {
  const accounts = options.accounts ?? Math.max(1, Math.round(options.schedules / SCHEDULES_PER_GROUP));
  const unrated = new Set(options.unratedAccounts ?? []);
  let profile: BillingAccountProfile | undefined;
  let profileIndex = -1;
  for (let index = 0; index < options.schedules; index += 1) {
    const accountIndex = Math.floor((index * accounts) / options.schedules);
    if (accountIndex !== profileIndex || profile === undefined) {
      profile = billingAccountProfile(options.seed, options.idPrefix, accountIndex);
      profileIndex = accountIndex;
    }
    yield generatedSchedule(options, index, profile, unrated.has(accountIndex));
  }
}

function generatedSchedule(
  options: ScheduleGenerationOptions,
  index: number,
  profile: BillingAccountProfile,
  unrated: boolean,
): BillingScheduleTerms {
  const random = SeededRandom.forItem(options.seed, index);
  const id = `${options.idPrefix}-${String(index).padStart(7, '0')}`;
  const startDate = addDays(options.asOf, -random.integer(0, 395) + 30);
  const { market } = profile;
  const base: BillingScheduleTerms = {
    id,
    billingScheduleGroupId: random.chance(0.2) ? `${profile.billingAccountId}-order` : null,
    billingAccountId: profile.billingAccountId,
    billToContactId: profile.billToContactId,
    currency: market.currency,
    paymentTermId: profile.paymentTermId,
    legalEntityId: market.legalEntityId,
    taxEngineId: null,
    taxCode: unrated ? UNRATED_TAX_CODE : random.chance(0.15) ? REDUCED_TAX_CODE : STANDARD_TAX_CODE,
    billToAddress: profile.billToAddress,
    savedPaymentMethodId: profile.savedPaymentMethodId,
    invoiceGroupType: 'Default',
    customInvoiceGroupKey: null,
    billingBatch: options.billingBatch ?? null,
    ...chargeOf(random.weighted(SCHEDULE_KINDS), random, market.currency, startDate),
    billDayOfMonth: random.weighted<number | null>([
      [1, 0.6],
      [null, 0.25],
      [15, 0.1],
      [31, 0.05],
    ]),
    partialPeriodTreatment: random.chance(0.2) ? 'Combine' : 'Separate',
    remainderStrategy: random.chance(0.3) ? 'AddToFirst' : 'AddToLast',
    startDate,
    cancellationDate: null,
    suspension: null,
    activated: true,
    holdBilling: false,
    generateInvoice: true,
  };
  const grouped = withGroupType(base, random);
  const share = options.specialCaseShare ?? 0.15;
  if (!random.chance(share)) return grouped;
  return specialCaseTerms(grouped, random.weighted(SPECIAL_CASES), random, options.asOf);
}

/** A few schedules get an invoice of their own or a custom key (compared case-insensitively). */
function withGroupType(terms: BillingScheduleTerms, random: SeededRandom): BillingScheduleTerms {
  const draw = random.next();
  if (draw < 0.01) return { ...terms, invoiceGroupType: 'BillingSchedule' };
  if (draw < 0.02) {
    return {
      ...terms,
      invoiceGroupType: 'Custom',
      customInvoiceGroupKey: random.pick(['PO-1001', 'po-1001', 'PO-2002']),
    };
  }
  return terms;
}

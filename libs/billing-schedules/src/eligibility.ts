import { isBefore, isOnOrBefore, type CalendarDate } from '@invoice-engine/kernel';
import { billablePeriodCount, billablePeriods, isWithinSuspension } from './billable-periods';
import { unbilledPeriodDates } from './unbilled-periods';
import type { BillablePeriod, BillingScheduleState } from './state';
import type { BillingScheduleTerms } from './terms';

/** Why a schedule is not billed by a run, in the order they are checked (DOMAIN.md section 3). */
export const EXCLUSION_REASONS = [
  'InvoicingDisabled',
  'NotActivated',
  'OnHold',
  'MissingUnitPrice',
  'MissingStartDate',
  'NoPendingAmount',
  'MissingNextBillingDate',
  'NotPendingBilling',
  'Cancelled',
  'Suspended',
  'NotDue',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface EligibilityRequest {
  readonly targetDate: CalendarDate;
  /** At most this many periods per schedule (1..12); null = every billable period. */
  readonly billingPeriodCount: number | null;
}

export type Eligibility =
  | { readonly outcome: 'Due'; readonly periods: readonly BillablePeriod[] }
  | { readonly outcome: 'Excluded'; readonly reason: ExclusionReason };

type Check = (
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  request: EligibilityRequest,
) => boolean;

function nextPeriodOverlapsSuspension(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  targetDate: CalendarDate,
) {
  const suspension = terms.suspension;
  if (!isWithinSuspension(suspension, targetDate)) return false;
  const next = unbilledPeriodDates(terms, state).next();
  if (next.done === true) return false;
  const endsBeforeWindow = isBefore(next.value.periodEnd, suspension.from);
  const startsAfterWindow =
    suspension.resumeOn !== null && isOnOrBefore(suspension.resumeOn, next.value.periodStart);
  return !endsBeforeWindow && !startsAfterWindow;
}

/** The checks, in table order; each answers "is the schedule excluded for this reason?". */
const CHECKS: Readonly<Record<ExclusionReason, Check>> = {
  InvoicingDisabled: (terms, state) =>
    !terms.generateInvoice || state.invoiceRunProcessingStatus === 'WillNotInvoice',
  NotActivated: (terms) => !terms.activated,
  OnHold: (terms) => terms.holdBilling,
  MissingUnitPrice: (terms) => terms.unitPrice === null && terms.chargeType !== 'Usage',
  MissingStartDate: (terms) => terms.startDate === null,
  NoPendingAmount: (_, state) => state.pendingAmount.minorUnits <= 0n,
  MissingNextBillingDate: (_, state) => state.nextBillingDate === null,
  NotPendingBilling: (_, state) => state.invoiceRunProcessingStatus !== 'PendingBilling',
  Cancelled: (terms, state) =>
    terms.cancellationDate !== null &&
    state.nextChargeFromDate !== null &&
    isOnOrBefore(terms.cancellationDate, state.nextChargeFromDate),
  Suspended: (terms, state, request) => nextPeriodOverlapsSuspension(terms, state, request.targetDate),
  NotDue: (_, state, request) =>
    state.nextBillingDate === null || isBefore(request.targetDate, state.nextBillingDate),
};

/** The first failing check in the order of DOMAIN.md section 3, or undefined when none fails. */
function exclusionReasonOf(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  request: EligibilityRequest,
): ExclusionReason | undefined {
  return EXCLUSION_REASONS.find((candidate) => CHECKS[candidate](terms, state, request));
}

/**
 * Whether a run with this target date bills the schedule, and which periods; otherwise exactly one
 * reason, the first failing check in the order of DOMAIN.md section 3. Run criteria are separate
 * (`matchesRunCriteria`): a schedule that does not match is not part of the run at all.
 */
export function checkEligibility(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  request: EligibilityRequest,
): Eligibility {
  const reason = exclusionReasonOf(terms, state, request);
  if (reason !== undefined) return { outcome: 'Excluded', reason };
  const periods = billablePeriods(terms, state, request.targetDate, request.billingPeriodCount);
  // A state that disagrees with its terms (e.g. a stale next billing date) bills nothing: not due.
  return periods.length === 0 ? { outcome: 'Excluded', reason: 'NotDue' } : { outcome: 'Due', periods };
}

export type EligibleLineCount =
  | { readonly outcome: 'Due'; readonly lineCount: number }
  | { readonly outcome: 'Excluded'; readonly reason: ExclusionReason };

/**
 * The same answer as `checkEligibility` with the number of billable periods (one line each) instead
 * of the periods, from dates alone: for filtering, which counts lines and leaves pricing to invoice
 * generation. A property test holds the two to the same outcomes.
 */
export function checkEligibleLineCount(
  terms: BillingScheduleTerms,
  state: BillingScheduleState,
  request: EligibilityRequest,
): EligibleLineCount {
  const reason = exclusionReasonOf(terms, state, request);
  if (reason !== undefined) return { outcome: 'Excluded', reason };
  const lineCount = billablePeriodCount(terms, state, request.targetDate, request.billingPeriodCount);
  return lineCount === 0 ? { outcome: 'Excluded', reason: 'NotDue' } : { outcome: 'Due', lineCount };
}

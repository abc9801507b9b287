import { EXCLUSION_REASONS, type ExclusionReason } from '@invoice-engine/billing-schedules';

/**
 * Why a billing schedule that matches a run's criteria is not invoiced by it, in the order the
 * eligibility rules are checked (DOMAIN.md section 3): the billing-schedules lib owns the list.
 */
export { EXCLUSION_REASONS, type ExclusionReason };

/** A count per exclusion reason; every reason is present, zero when no schedule had it. */
export type ExcludedByReason = Readonly<Record<ExclusionReason, number>>;

export function noExclusions(): ExcludedByReason {
  return Object.fromEntries(EXCLUSION_REASONS.map((reason) => [reason, 0])) as Record<
    ExclusionReason,
    number
  >;
}

/** Completes a partial count (reasons with no schedule may be left out by the caller). */
export function excludedByReason(counts: Partial<Record<ExclusionReason, number>>): ExcludedByReason {
  return Object.fromEntries(EXCLUSION_REASONS.map((reason) => [reason, counts[reason] ?? 0])) as Record<
    ExclusionReason,
    number
  >;
}

export function totalExcluded(counts: ExcludedByReason): number {
  return EXCLUSION_REASONS.reduce((total, reason) => total + counts[reason], 0);
}

import { DomainError } from '@invoice-engine/kernel';
import { EXCLUSION_REASONS, noExclusions, totalExcluded, type ExcludedByReason } from './exclusion-reason';

/**
 * Cumulative counts of billing schedule filtering. Every scanned schedule (one that matches the
 * run's criteria) is either selected (due and eligible) or excluded with exactly one reason.
 */
export interface FilteringCounts {
  readonly billingSchedulesScanned: number;
  readonly billingSchedulesSelected: number;
  readonly excludedByReason: ExcludedByReason;
}

export function noFilteringCounts(): FilteringCounts {
  return { billingSchedulesScanned: 0, billingSchedulesSelected: 0, excludedByReason: noExclusions() };
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

export function validateFilteringCounts(counts: FilteringCounts): void {
  const all = [
    counts.billingSchedulesScanned,
    counts.billingSchedulesSelected,
    ...Object.values(counts.excludedByReason),
  ];
  const wellFormed =
    all.every(isCount) && EXCLUSION_REASONS.every((reason) => reason in counts.excludedByReason);
  if (
    !wellFormed ||
    counts.billingSchedulesSelected + totalExcluded(counts.excludedByReason) !==
      counts.billingSchedulesScanned
  ) {
    throw new DomainError(
      'INVOICE_BATCH_RUN.INVALID_FILTERING_COUNTS',
      'validation',
      'Filtering counts must be non-negative and scanned = selected + excluded',
    );
  }
}

export function sameFilteringCounts(left: FilteringCounts, right: FilteringCounts): boolean {
  return (
    left.billingSchedulesScanned === right.billingSchedulesScanned &&
    left.billingSchedulesSelected === right.billingSchedulesSelected &&
    EXCLUSION_REASONS.every((reason) => left.excludedByReason[reason] === right.excludedByReason[reason])
  );
}

/** True when `later` could follow `earlier`: filtering only ever adds schedules to its counts. */
export function filteringCountsFollow(earlier: FilteringCounts, later: FilteringCounts): boolean {
  return (
    later.billingSchedulesScanned >= earlier.billingSchedulesScanned &&
    later.billingSchedulesSelected >= earlier.billingSchedulesSelected &&
    EXCLUSION_REASONS.every((reason) => later.excludedByReason[reason] >= earlier.excludedByReason[reason])
  );
}

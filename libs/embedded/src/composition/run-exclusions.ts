import type { BillingScheduleSource } from '@invoice-engine/billing-read-models';
import { checkEligibility, matchesRunCriteria } from '@invoice-engine/billing-schedules';
import type { EventStore } from '@invoice-engine/event-store';
import {
  EXCLUSION_REASONS,
  type ExcludedByReason,
  type InvoiceBatchRunRequest,
} from '@invoice-engine/invoice-batch-runs';
import { readRunSelection } from '@invoice-engine/run-application';
import type { EmbeddedExclusion } from './embedded-batch-run';

/** Filtering's counts and the per-schedule list disagree: the list would be a lie, so nothing is returned. */
export class ExclusionMismatchError extends Error {
  override readonly name = 'ExclusionMismatchError';
}

/**
 * Which schedules the run excluded, and why. Filtering records only the counts per reason, so the
 * list is derived with the same domain rule filtering applies (`checkEligibility`) to the schedules
 * that match the criteria and are not in the run's recorded selection. A run never changes a schedule
 * it excluded, so the state read after the run is the state filtering judged. The counts are checked
 * against the run's own `excludedByReason`.
 */
export async function runExclusions(
  source: BillingScheduleSource,
  eventStore: EventStore,
  request: InvoiceBatchRunRequest,
  excludedByReason: ExcludedByReason,
): Promise<EmbeddedExclusion[]> {
  const selection = await readRunSelection(eventStore, request.runId);
  const selected = new Set(selection.flatMap((workItem) => workItem.billingScheduleIds));
  const excluded: EmbeddedExclusion[] = [];
  for await (const batch of source.scan(request.criteria, 1000)) {
    for (const { billingScheduleId, schedule } of batch) {
      if (selected.has(billingScheduleId) || !matchesRunCriteria(schedule.terms, request.criteria)) continue;
      const eligibility = checkEligibility(schedule.terms, schedule, {
        targetDate: request.targetDate,
        billingPeriodCount: request.billingPeriodCount,
      });
      if (eligibility.outcome === 'Due') {
        throw new ExclusionMismatchError(`${billingScheduleId} is due but not in the run's selection`);
      }
      excluded.push({ billingScheduleId, reason: eligibility.reason });
    }
  }
  for (const reason of EXCLUSION_REASONS) {
    const listed = excluded.filter((exclusion) => exclusion.reason === reason).length;
    if (listed !== excludedByReason[reason]) {
      throw new ExclusionMismatchError(
        `The run counted ${excludedByReason[reason]} schedules excluded as ${reason}, the list has ${listed}`,
      );
    }
  }
  return excluded;
}

import type { BillingScheduleSnapshot } from '@invoice-engine/billing-read-models';
import { checkEligibleLineCount, matchesRunCriteria } from '@invoice-engine/billing-schedules';
import {
  noExclusions,
  type ExclusionReason,
  type FilteredGroup,
  type FilteringCounts,
  type InvoiceBatchRunRequest,
} from '@invoice-engine/invoice-batch-runs';
import { groupingKeyOf } from '@invoice-engine/invoicing';
import { chunkGroup, type ChunkLimits, type SelectedSchedule } from './chunk-group';

/**
 * What filtering has found so far in one run: every scanned schedule is selected into its group or
 * excluded with the first failing eligibility rule. The rules are the domain libraries'; this only
 * counts and collects.
 */
export class BillingScheduleSelection {
  private scanned = 0;
  private selected = 0;
  private readonly excluded: Record<ExclusionReason, number> = { ...noExclusions() };
  private readonly groups = new Map<string, SelectedSchedule[]>();

  constructor(private readonly request: InvoiceBatchRunRequest) {}

  /** Returns false for a schedule outside the run's criteria: it is not part of the run at all. */
  add(snapshot: BillingScheduleSnapshot): boolean {
    const { schedule } = snapshot;
    if (!matchesRunCriteria(schedule.terms, this.request.criteria)) return false;
    this.scanned += 1;
    const eligibility = checkEligibleLineCount(schedule.terms, schedule, {
      targetDate: this.request.targetDate,
      billingPeriodCount: this.request.billingPeriodCount,
    });
    if (eligibility.outcome === 'Excluded') {
      this.excluded[eligibility.reason] += 1;
      return true;
    }
    this.selected += 1;
    const key = groupingKeyOf({ ...schedule.terms, billingScheduleId: schedule.terms.id });
    const group = this.groups.get(key) ?? [];
    group.push({ billingScheduleId: schedule.terms.id, lineCount: eligibility.lineCount });
    this.groups.set(key, group);
    return true;
  }

  get schedulesScanned(): number {
    return this.scanned;
  }

  counts(): FilteringCounts {
    return {
      billingSchedulesScanned: this.scanned,
      billingSchedulesSelected: this.selected,
      excludedByReason: { ...this.excluded },
    };
  }

  /** The work items, groups in grouping key order, each cut at the line limit. */
  workItems(limits: ChunkLimits): readonly FilteredGroup[] {
    return [...this.groups.keys()]
      .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))
      .flatMap((key) => chunkGroup(key, this.groups.get(key) ?? [], limits));
  }
}

import type { BillingScheduleSnapshot, BillingScheduleSource } from '@invoice-engine/billing-read-models';
import { matchesRunCriteria, type RunCriteria } from '@invoice-engine/billing-schedules';
import type { GlobalPosition } from '@invoice-engine/event-store';

/**
 * The billing schedule source port over an array, for handler tests that are not about the read
 * model: id order, criteria applied, batches of the asked size. Test-only.
 */
export class InMemoryBillingScheduleSource implements BillingScheduleSource {
  readonly caughtUpRequests: GlobalPosition[] = [];
  catchUpFailure: Error | null = null;

  constructor(private snapshots: readonly BillingScheduleSnapshot[] = []) {}

  replace(snapshots: readonly BillingScheduleSnapshot[]): void {
    this.snapshots = snapshots;
  }

  async *scan(criteria: RunCriteria, batchSize: number): AsyncIterable<readonly BillingScheduleSnapshot[]> {
    const matching = [...this.snapshots]
      .filter((snapshot) => matchesRunCriteria(snapshot.schedule.terms, criteria))
      .sort((left, right) => (left.billingScheduleId < right.billingScheduleId ? -1 : 1));
    for (let start = 0; start < matching.length; start += batchSize) {
      await Promise.resolve();
      yield matching.slice(start, start + batchSize);
    }
  }

  waitUntilCaughtUp(position: GlobalPosition): Promise<void> {
    this.caughtUpRequests.push(position);
    return this.catchUpFailure === null ? Promise.resolve() : Promise.reject(this.catchUpFailure);
  }
}

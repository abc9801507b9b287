import type { BillingSchedule, RunCriteria } from '@invoice-engine/billing-schedules';
import type { GlobalPosition, StreamRevision } from '@invoice-engine/event-store';

/** A billing schedule as the read model holds it, with the stream revision it reflects. */
export interface BillingScheduleSnapshot {
  readonly billingScheduleId: string;
  readonly schedule: BillingSchedule;
  /** Revision of the schedule's stream the snapshot reflects (its last applied event). */
  readonly revision: StreamRevision;
}

/**
 * Where filtering finds the billing schedules of a run: the `billing_schedules` read model, read with a
 * cursor in id order so that a run over a million schedules never holds them all.
 */
export interface BillingScheduleSource {
  /** Schedules matching the criteria, in billing schedule id order, `batchSize` at a time. */
  scan(criteria: RunCriteria, batchSize: number): AsyncIterable<readonly BillingScheduleSnapshot[]>;
  /** Resolves once the projection behind `scan` has applied every event up to `position`. */
  waitUntilCaughtUp(position: GlobalPosition, timeoutMs: number): Promise<void>;
}

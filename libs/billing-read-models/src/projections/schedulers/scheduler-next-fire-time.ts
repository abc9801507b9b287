import type { Instant } from '@invoice-engine/kernel';
import { nextFireTime, type SchedulerDefinition, type SchedulerStatus } from '@invoice-engine/scheduling';

/** The columns of an `invoice_batch_schedulers` row the next fire time follows from. */
export interface SchedulerFireFacts {
  readonly schedulerId: string;
  readonly status: SchedulerStatus;
  readonly definition: SchedulerDefinition;
  readonly lastFireTime: Instant | null;
  /** When the status last changed (an activation starts the count from then). */
  readonly statusChangedAt: Instant;
}

/**
 * The scheduler's next fire time as of its latest event: after the later of its last firing and its
 * last status change, null unless Active (and null for a Once scheduler that has fired). A time in
 * the past means the firing is due and the scheduler has not recorded it yet.
 */
export function nextFireTimeOf(facts: SchedulerFireFacts): Instant | null {
  return nextFireTime(
    {
      status: facts.status,
      schedulerId: facts.schedulerId,
      definition: facts.definition,
      lastFireTime: facts.lastFireTime,
    },
    facts.statusChangedAt,
  );
}

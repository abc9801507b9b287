import type { BillingScheduleSnapshot } from '@invoice-engine/billing-read-models';
import {
  stateFromStart,
  type BillingScheduleState,
  workedExampleTerms,
  type BillingScheduleTerms,
} from '@invoice-engine/billing-schedules';
import { calendarDate } from '@invoice-engine/kernel';

/** DOMAIN.md's worked example 1 but starting 2026-01-01 (no stub): USD 100.00 × 2 monthly in advance on the 1st. Test-only. */
export function scheduleTerms(overrides: Partial<BillingScheduleTerms> = {}): BillingScheduleTerms {
  return workedExampleTerms({ startDate: calendarDate('2026-01-01'), ...overrides });
}

/** A read-model snapshot of a schedule; its state derived from the start unless given. */
export function scheduleSnapshot(
  overrides: Partial<BillingScheduleTerms> = {},
  state?: (terms: BillingScheduleTerms) => BillingScheduleState,
): BillingScheduleSnapshot {
  const terms = scheduleTerms(overrides);
  const scheduleState = state ? state(terms) : stateFromStart(terms);
  return { billingScheduleId: terms.id, schedule: { ...scheduleState, terms }, revision: 0n };
}

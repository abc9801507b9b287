import { calendarDate } from '@invoice-engine/kernel';
import { nightlySchedulerDefinition } from './nightly-scheduler-definition';
import type { SchedulerDefinition } from './scheduler-definition';

/** The nightly Daily scheduler at 06:00 UTC from 2026-01-01; tests override what they are about. */
export const aSchedulerDefinition = nightlySchedulerDefinition;

/** A Once scheduler firing on 2026-03-02 at 06:00 UTC for target date 2026-03-31. */
export function aOnceSchedulerDefinition(overrides: Partial<SchedulerDefinition> = {}): SchedulerDefinition {
  return aSchedulerDefinition({
    frequency: 'Once',
    startDate: calendarDate('2026-03-02'),
    targetDate: { kind: 'Fixed', date: calendarDate('2026-03-31') },
    invoiceDate: { kind: 'Fixed', date: calendarDate('2026-04-01') },
    ...overrides,
  });
}
